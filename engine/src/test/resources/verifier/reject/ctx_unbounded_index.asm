# why: adding an index the verifier cannot bound below to the header pointer
# expect: math between ctx pointer and register with unbounded min value is not allowed
ldxdw %r2, [%r1+0]
add %r1, %r2
ldxb %r0, [%r1+0]
exit
