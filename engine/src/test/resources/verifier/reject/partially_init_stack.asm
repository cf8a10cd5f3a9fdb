# why: only the first byte of the slot was written
# expect: invalid read from stack off -8+1 size 8
mov %r1, 1
stxb [%r10-8], %r1
ldxdw %r0, [%r10-8]
exit
