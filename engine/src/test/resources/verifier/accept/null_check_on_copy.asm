# why: checking a copy of the lookup result checks the original
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
mov %r6, %r0
jeq %r6, 0, out
ldxdw %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
