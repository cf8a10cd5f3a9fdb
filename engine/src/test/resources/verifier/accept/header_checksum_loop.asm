# why: sums all 256 header bytes with a computed offset in a bounded loop
mov %r0, 0
mov %r3, 0
loop:
mov %r2, %r1
add %r2, %r3
ldxb %r4, [%r2+0]
add %r0, %r4
add %r3, 1
jlt %r3, 256, loop
and %r0, 1
exit
