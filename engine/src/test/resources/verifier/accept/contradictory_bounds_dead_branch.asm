# why: r0 is a non-zero multiple of 2^31, so 304 s>= r0 never holds: the taken side's range
# why: [1, 304] has no value the tnum allows, and we prove it dead. The kernel (6.18) decides
# why: the branch from the ranges alone, walks the impossible side with an ill-formed r0 (= 0)
# why: and refuses the uninitialised read there (kernel-differences.txt: infeasible-branch)
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
