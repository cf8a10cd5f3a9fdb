# why: atomics must be aligned: a 4-byte atomic add at offset 2 of a map value
# expect: misaligned value access off 0+0+2 size 4
# map: counts array 4 16 1
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, out
mov %r1, 1
lock add32 [%r0+2], %r1
out:
mov %r0, 0
exit
