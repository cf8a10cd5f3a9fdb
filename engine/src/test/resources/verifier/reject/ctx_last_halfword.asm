# why: a 2-byte read at offset 255 runs one byte past the header
# expect: invalid bpf_context access off=255 size=2
ldxh %r0, [%r1+255]
exit
