# why: nothing above the frame pointer belongs to the program
# expect: invalid read from stack R10 off=0 size=8
ldxdw %r0, [%r10+0]
exit
