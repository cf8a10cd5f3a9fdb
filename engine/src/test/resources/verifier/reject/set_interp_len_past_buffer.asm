# why: 16 bytes from an 8-byte buffer at the top of the stack
# expect: invalid read from stack R1 off=-8 size=16
mov %r3, 0
stxdw [%r10-8], %r3
mov %r1, %r10
add %r1, -8
mov %r2, 16
call 212
mov %r0, 1
exit
