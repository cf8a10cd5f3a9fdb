#!/usr/bin/env bash
# Rebuilds every corpus object from its source with clang-19, as the committed .o files were
# built: cpu v3, except cpu_v4.bpf.c (cpu v4). Usage: build.sh [OUTPUT_DIR] (default: here).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
for src in "$here"/*.bpf.c; do
  name="$(basename "$src" .c)"
  cpu=v3
  [ "$name" = cpu_v4.bpf ] && cpu=v4
  clang-19 -O2 -g -target bpf -mcpu="$cpu" -I"$here" -c "$src" -o "$out/$name.o"
done
