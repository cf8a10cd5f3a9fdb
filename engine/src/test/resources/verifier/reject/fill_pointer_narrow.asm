# why: reading 4 bytes of a spilled pointer
# expect: invalid size of register fill
stxdw [%r10-8], %r1
ldxw %r0, [%r10-8]
exit
