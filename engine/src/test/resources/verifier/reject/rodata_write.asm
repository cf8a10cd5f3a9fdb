# why: a .rodata value is read-only for programs
# expect: write into map forbidden, value_size=16 off=0 size=4
# map: rodata array 4 16 1 rdonly
ldmapval %r1, rodata, 0
stw [%r1+0], 1
mov %r0, 0
exit
