# why: a 32-bit comparison bounds a 32-bit index
ldxh %r2, [%r1+6]
jgt32 %r2, 200, out
add %r1, %r2
ldxw %r0, [%r1+0]
exit
out:
mov %r0, 0
exit
