# A tail call made in a BPF-to-BPF callee replaces the callee only: the target's r0 (7)
# comes back to the caller, which adds 100. With an empty slot the callee returns 3.
call local f
add %r0, 100
exit
f:
lddw %r2, PROGS
mov %r3, INDEX
call 12
mov %r0, 3
exit
