# why: the kernel refuses a constant divisor of zero at load time, though RFC 9669 defines x / 0 = 0
# expect: div by zero
mov %r0, 7
div %r0, 0
exit
