# why: a function that calls itself
# expect: back-edge from insn
mov %r1, 3
call local f
exit
f:
jeq %r1, 0, done
sub %r1, 1
call local f
done:
mov %r0, 0
exit
