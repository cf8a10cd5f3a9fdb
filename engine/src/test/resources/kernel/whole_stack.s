# Writes the lowest and the highest byte of its 512 bytes of stack and returns their sum
# (also stored in the results map).
stdw [%r10-512], 40
stdw [%r10-8], 2
ldxdw %r0, [%r10-512]
ldxdw %r1, [%r10-8]
add %r0, %r1
lddw %r9, RESULTS
stxdw [%r9], %r0
exit
