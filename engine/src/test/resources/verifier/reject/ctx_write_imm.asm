# why: the header is read-only: a 'B' program may not change the file it matches
# expect: invalid bpf_context access off=0 size=1
stb [%r1+0], 1
mov %r0, 0
exit
