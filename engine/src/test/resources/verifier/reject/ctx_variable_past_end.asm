# why: hdr[i] with i a byte read from the header can reach 255, and a 2-byte read there runs past the end
# expect: invalid bpf_context access off=255 size=2
ldxb %r2, [%r1+0]
add %r1, %r2
ldxh %r0, [%r1+0]
exit
