# why: a RAW (conformance) program may write its context
# type: raw
stb [%r1+0], 1
ldxb %r0, [%r1+0]
exit
