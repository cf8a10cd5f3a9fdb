# why: JSET is symmetric: with the constant in the first operand the kernel swaps the operands
# why: (regs_refine_cond_op) and the fall-through side still learns that bit 1 of r3 is clear,
# why: so r3 == 2 is impossible and the read of the uninitialised r6 is never reached
ldxb %r3, [%r1+0]
mov %r5, 2
jset %r5, %r3, out
jeq %r3, 2, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r6
exit
