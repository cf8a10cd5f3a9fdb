# why: a pointer moved before the header may not be read
# expect: invalid bpf_context access off=-1 size=1
add %r1, -1
ldxb %r0, [%r1+0]
exit
