# why: main's 288 bytes and the callee's 256 bytes exceed 512 together
# expect: combined stack size of 2 calls is 544. Too large
mov %r1, 0
stxdw [%r10-288], %r1
call local f
exit
f:
mov %r1, 0
stxdw [%r10-256], %r1
mov %r0, 0
exit
