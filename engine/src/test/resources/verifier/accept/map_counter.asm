# why: looks up a counter, checks it for NULL and increments it atomically
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, out
mov %r1, 1
lock add [%r0+0], %r1
out:
mov %r0, 0
exit
