# why: r0 is a non-zero multiple of 2^31, so 304 s>= r0 never holds, but the ranges alone do
# why: not decide the branch: the kernel (6.18) walks the taken side, finds r0's refined bounds
# why: contradictory (reg_bounds_sanity_check), forgets its ranges, keeps its tnum and goes on
# why: (__mark_reg_unbounded). So does this verifier, and both refuse the read of r5 there
# expect: R5 !read_ok
# expect-insn: 8
ldxw %r0, [%r1+0]
lsh %r0, 32
rsh %r0, 1
jeq %r0, 0, out
mov %r2, 304
jsge %r2, %r0, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
