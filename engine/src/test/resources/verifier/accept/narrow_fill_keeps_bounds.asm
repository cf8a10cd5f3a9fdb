# why: a narrow load of the low bytes of a spilled scalar is the scalar cut to that size
# why: (check_stack_read_fixed_off copies the spilled register, then coerce_reg_to_size):
# why: it keeps the bounds 0..255, so the branch to the uninitialised read is dead
ldxb %r2, [%r1+0]
stxdw [%r10-8], %r2
ldxw %r3, [%r10-8]
jgt %r3, 255, dead
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
