# why: r3 in u64 [2, max] and s64 [min, 0]: the unsigned range meets only the negative piece
# why: of the signed one, so r3 is at least 2^63 (__reg64_deduce_bounds since 6.17). r3 < 45
# why: is then impossible and the uninitialised read of r5 is never reached
ldxdw %r3, [%r1+0]
jle %r3, 1, out
jsge %r3, 1, out
jlt %r3, 45, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
