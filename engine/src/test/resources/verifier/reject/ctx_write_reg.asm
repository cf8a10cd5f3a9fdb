# why: a register store into the header is refused like an immediate one
# expect: invalid bpf_context access off=4 size=4
mov %r2, 7
stxw [%r1+4], %r2
mov %r0, 0
exit
