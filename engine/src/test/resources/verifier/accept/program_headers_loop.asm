# why: walks four 56-byte program headers at a header-given offset, with bounds checks
mov %r6, %r1
ldxdw %r2, [%r6+32]
jgt %r2, 32, out
mov %r7, 0
mov %r8, 0
loop:
mov %r3, %r7
mul %r3, 56
add %r3, %r2
mov %r4, %r6
add %r4, %r3
ldxw %r5, [%r4+0]
jne %r5, 3, next
add %r8, 1
next:
add %r7, 1
jlt %r7, 4, loop
mov %r0, %r8
exit
out:
mov %r0, 0
exit
