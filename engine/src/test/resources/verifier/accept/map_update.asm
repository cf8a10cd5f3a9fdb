# why: updates a map from a key and value on the stack
# map: counts hash 4 8 16
mov %r1, 7
stxw [%r10-12], %r1
stxdw [%r10-8], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -12
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 2
mov %r0, 0
exit
