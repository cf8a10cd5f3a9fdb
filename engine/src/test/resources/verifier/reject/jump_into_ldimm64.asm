# why: a jump may not land in the second half of a 64-bit load
# expect: jump into the middle of ldimm64 insn 1
ja +1
lddw %r0, 0x1122334455667788
exit
