# why: the stack is 512 bytes
# expect: invalid write to stack R10 off=-520 size=8
mov %r1, 0
stxdw [%r10-520], %r1
mov %r0, 0
exit
