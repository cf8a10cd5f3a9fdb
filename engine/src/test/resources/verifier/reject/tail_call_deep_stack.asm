# why: a callee that tail-calls while its caller holds 256 bytes of stack
# expect: tail_calls are not allowed when call stack of previous frames is 256 bytes. Too large
# map: progs prog_array 4 4 4
mov %r2, 0
stxdw [%r10-256], %r2
call local f
mov %r0, 0
exit
f:
ldmap %r2, progs
mov %r3, 0
call 12
mov %r0, 0
exit
