# why: the context passes to a callee in r1
call local first_byte
exit
first_byte:
ldxb %r0, [%r1+0]
exit
