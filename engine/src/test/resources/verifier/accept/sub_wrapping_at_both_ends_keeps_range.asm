# why: w1 is in [0, 0x7fffffff]; subtracting 0xffffffff wraps at both ends, so every result
# why: wrapped exactly once and w1 is in [1, 0x80000000] (the kernel's scalar32_min_max_sub
# why: since 6.17: only a subtraction whose smallest result wraps alone leaves nothing known).
# why: r1 == 0 is then impossible and the uninitialised read of r5 is never reached
ldxw %r1, [%r1+0]
and32 %r1, 0x7fffffff
sub32 %r1, -1
jeq %r1, 0, dead
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
