# why: r5 is in [1, 16] and r1 has its low 26 bits known clear, so 'r5 == r1' cannot hold; the
# why: kernel (6.18) walks that side anyway: JEQ intersects the tnums (both become the constant
# why: 0), the ranges [1, 16] then contradict it, and reg_bounds_sanity_check forgets the
# why: ranges but keeps the refined tnum, so r5 is 0 there and 'r5 == 0' skips the division by
# why: zero (the fuzzer's seed 190963; ours kept r5's tnum from before the comparison)
mov %r6, %r1
ldxh %r1, [%r6+0]
lsh %r1, 26
ldxb %r5, [%r6+1]
and %r5, 0xf
add %r5, 1
jeq %r5, %r1, equal
mov %r0, 0
exit
equal:
jeq %r5, 0, out
div %r2, 0
out:
mov %r0, 0
exit
