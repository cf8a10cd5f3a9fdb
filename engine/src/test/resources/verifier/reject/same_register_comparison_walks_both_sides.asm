# why: r1 is 0 or 1, so 'w1 > w1' never holds, but the kernel (6.18) does not decide a comparison
# why: of a register with itself: it refines the one register as both operands ([1, 0], empty),
# why: forgets its ranges and keeps its tnum (reg_bounds_sanity_check, __mark_reg_unbounded), and
# why: walks on. 0x80000000 < w1 is then open too, and both verifiers refuse the misaligned
# why: stack read behind it (before, the second refinement won and r1 was 0 there)
# expect: misaligned stack access off 0+0+-6 size 8
# expect-insn: 9
ldxb %r1, [%r1+0]
and %r1, 1
mov %r4, 0x80000000
jgt32 %r1, %r1, walked
mov %r0, 0
exit
walked:
jlt32 %r4, %r1, misaligned
mov %r0, 0
exit
misaligned:
ldxdw %r0, [%r10-6]
exit
