# why: spills the context pointer across a helper call and reads the header through the fill
stxdw [%r10-8], %r1
call 7
ldxdw %r1, [%r10-8]
ldxb %r0, [%r1+0]
exit
