# why: w3 in u32 [2, 0xffffffff] and s32 [min, 0]: the signed range is the unsigned pieces
# why: [0, 0] and [0x80000000, 0xffffffff], and the unsigned range meets only the second, so
# why: w3 is in [0x80000000, 0xffffffff] (__reg32_deduce_bounds, in 6.18's stable updates).
# why: r3 < 45 is then impossible and the uninitialised read of r5 is never reached
ldxw %r3, [%r1+0]
jle %r3, 1, out
jsge32 %r3, 1, out
jlt %r3, 45, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
