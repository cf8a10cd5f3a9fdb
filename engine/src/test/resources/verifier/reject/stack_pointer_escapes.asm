# why: a pointer moved below the stack may not be dereferenced
# expect: invalid read from stack R2 off=-520 size=1
mov %r2, %r10
add %r2, -520
ldxb %r0, [%r2+0]
exit
