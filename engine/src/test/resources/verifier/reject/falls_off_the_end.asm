# why: the program ends without exit
# expect: last insn is not an exit or jmp
mov %r0, 0
