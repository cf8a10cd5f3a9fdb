# why: an atomic fetch from a stack slot returns what a load of it would (check_atomic_rmw
# why: reads through check_mem_access first): here the spilled zero, so the branch to the
# why: uninitialised read is dead for the kernel and for us
mov %r1, 0
stxdw [%r10-8], %r1
mov %r1, 1
lock fetch add [%r10-8], %r1
jne %r1, 0, dead
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
