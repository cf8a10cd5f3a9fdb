# why: a constant 32-bit shift by 32 is outside the operand width; the kernel refuses it
# expect: invalid shift 32
mov32 %r0, 1
lsh32 %r0, 32
exit
