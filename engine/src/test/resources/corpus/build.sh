#!/usr/bin/env bash
# Rebuilds every corpus object from its source with clang-19, exactly as the committed .o files
# were built: cpu v3, except cpu_v4.bpf.c (cpu v4). Sources are compiled by relative name with
# the directory mapped to ".", so the objects do not depend on where the repository lives.
# Objects under loader-only/ exercise the loader alone (they call helpers the engine lacks).
# Usage: build.sh [OUTPUT_DIR]   (default: this directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)"
cd "$here"
mkdir -p "$out/loader-only"
for src in *.bpf.c loader-only/*.bpf.c; do
  name="${src%.c}"
  cpu=v3
  [ "$name" = cpu_v4.bpf ] && cpu=v4
  clang-19 -O2 -g -target bpf -mcpu="$cpu" -fdebug-prefix-map="$here"=. -I. -c "$src" -o "$out/$name.o"
done
