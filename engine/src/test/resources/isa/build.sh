#!/bin/sh
# Rebuilds the committed test objects from their sources. The objects are committed so that
# the tests read fixed bytes; the disassembler tests compare against llvm-objdump-19 at test
# time, so a rebuild with another clang only changes which instructions are covered.
set -eu
cd "$(dirname "$0")"
for src in *.bpf.c; do
    clang-19 -O2 -g -target bpf -mcpu=v4 -c "$src" -o "${src%.c}.o"
done
