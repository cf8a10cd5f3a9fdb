# why: a socket filter's legacy packet load through r6
# type: socket
mov %r6, %r1
ldabsh 12
exit
