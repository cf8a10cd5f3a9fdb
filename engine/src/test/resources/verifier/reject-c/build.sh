#!/usr/bin/env bash
# Rebuilds the C rejection corpus with clang-19 (cpu v3), as the committed .o files were built.
# Each source says in its "// why:" and "// expect:" lines why the verifier must refuse it.
# Uses the C corpus's binfmt_bpf.h. Usage: build.sh [OUTPUT_DIR]   (default: this directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)"
cd "$here"
for src in *.bpf.c; do
  clang-19 -O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map="$here"=. -I../../corpus -c "$src" -o "$out/${src%.c}.o"
done
