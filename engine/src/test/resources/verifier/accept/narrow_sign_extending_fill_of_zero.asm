# why: any bytes of a spilled zero are zero, also when a sign-extending load reads them
# why: away from the start of the slot (check_stack_read_fixed_off), so the branch is dead
stdw [%r10-8], 0
ldxsw %r1, [%r10-4]
jne %r1, 0, dead
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
