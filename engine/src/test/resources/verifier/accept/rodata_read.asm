# why: reads a constant from .rodata
# map: rodata array 4 16 1 rdonly
ldmapval %r1, rodata, 8
ldxdw %r0, [%r1+0]
exit
