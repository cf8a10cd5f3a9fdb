# why: a pointer spilled with a 4-byte store would be half lost
# expect: invalid size of register spill
stxw [%r10-8], %r1
mov %r0, 0
exit
