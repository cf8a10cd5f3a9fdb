# why: stack accesses must be aligned to their size
# expect: misaligned stack access off 0+0+-12 size 8
mov %r1, 0
stxdw [%r10-12], %r1
mov %r0, 0
exit
