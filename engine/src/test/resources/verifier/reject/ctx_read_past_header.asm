# why: reading byte 256 of the 256-byte header is out of bounds
# expect: invalid bpf_context access off=256 size=1
ldxb %r0, [%r1+256]
exit
