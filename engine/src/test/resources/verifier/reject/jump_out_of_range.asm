# why: a jump past the last instruction
# expect: jump out of range from insn 0 to 6
ja +5
mov %r0, 0
exit
