# why: w1 is in [0x80000001, 0xffffffff]; adding 0x80000000 wraps at both ends, so w1 is in
# why: [1, 0x7fffffff] (scalar32_min_max_add since 6.17; the tnum alone allows 0). r1 == 0 is
# why: then impossible and the uninitialised read of r5 is never reached
ldxw %r1, [%r1+0]
jle32 %r1, -2147483648, out
add32 %r1, -2147483648
jeq %r1, 0, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
