# why: the kernel's syscall programs may only read the context at aligned offsets
# expect: invalid bpf_context access off=2 size=4
# type: syscall
ldxw %r0, [%r1+2]
exit
