# why: the interpreter path on the stack was never written
# expect: invalid indirect read from stack R1 off -16+0 size 16
mov %r1, %r10
add %r1, -16
mov %r2, 16
call 212
mov %r0, 1
exit
