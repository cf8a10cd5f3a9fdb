# why: the key on the stack was never written
# expect: invalid indirect read from stack R2 off -4+0 size 4
# map: counts hash 4 8 16
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
mov %r0, 0
exit
