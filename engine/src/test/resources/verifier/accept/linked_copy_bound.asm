# why: the bound checked on a copy holds for the original register
ldxh %r2, [%r1+4]
mov %r3, %r2
jgt %r3, 100, out
add %r1, %r2
ldxb %r0, [%r1+0]
exit
out:
mov %r0, 0
exit
