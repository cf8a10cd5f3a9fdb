# why: map_update_elem reads value_size (8) bytes from a 4-byte buffer at the top of the stack
# expect: invalid read from stack R3 off=-4 size=8
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-8], %r1
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -8
mov %r3, %r10
add %r3, -4
mov %r4, 0
call 2
mov %r0, 0
exit
