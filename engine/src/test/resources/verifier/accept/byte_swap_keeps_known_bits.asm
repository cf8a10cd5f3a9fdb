# why: a byte swap moves each byte's known bits with it (tnum_bswap64 in the kernel's
# why: scalar_byte_swap): the low 32 bits of the swapped value are known zero, so the
# why: branch to the uninitialised read is dead
ldxw %r2, [%r1+0]
bswap64 %r2
jne32 %r2, 0, dead
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
