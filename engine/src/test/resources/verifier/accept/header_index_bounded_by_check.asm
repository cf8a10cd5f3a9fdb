# why: reads hdr[i] where i comes from the header and is checked against 255
ldxb %r2, [%r1+0]
ldxh %r3, [%r1+2]
jgt %r3, 255, out
mov %r4, %r1
add %r4, %r3
ldxb %r0, [%r4+0]
exit
out:
mov %r0, 0
exit
