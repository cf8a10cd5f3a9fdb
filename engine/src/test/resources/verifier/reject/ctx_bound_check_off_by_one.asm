# why: the bounds check allows i == 256 (i <= 256), one too many
# expect: invalid bpf_context access off=256 size=1
ldxh %r2, [%r1+0]
jgt %r2, 256, out
add %r1, %r2
ldxb %r0, [%r1+0]
exit
out:
mov %r0, 0
exit
