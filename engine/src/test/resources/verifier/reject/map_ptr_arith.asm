# why: a map handle is not an address to compute with
# expect: R1 pointer arithmetic on map_ptr prohibited
# map: counts hash 4 8 16
ldmap %r1, counts
add %r1, 8
mov %r0, 0
exit
