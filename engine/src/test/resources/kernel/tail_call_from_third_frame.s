# A tail call from the run's third frame (main uses 128 bytes of stack): the target's own
# 8 frames and 512 bytes start there, as the kernel's verifier checked the target alone.
# Slot 1 holds a program using all 8 of its frames, slot 2 one using all 512 bytes.
stdw [%r10-128], 1
call local f
ldxdw %r1, [%r10-128]
add %r0, %r1
exit
f:
call local g
exit
g:
lddw %r2, PROGS
mov %r3, INDEX
call 12
mov %r0, 3
exit
