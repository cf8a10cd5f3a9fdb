# why: a number is not an address
# expect: R2 invalid mem access 'scalar'
mov %r2, 4096
ldxb %r0, [%r2+0]
exit
