#!/usr/bin/env bash
# Builds uBPF (github.com/iovisor/ubpf) from its public sources at a pinned commit, then the
# ubpf-bench harness against it. Nothing of uBPF is kept in this repository: the clone and
# the build live under benchmarks/native/target/ (ignored by git).
#
#   UBPF_GIT    where to clone from (default https://github.com/iovisor/ubpf; any clone or
#               mirror works, e.g. UBPF_GIT=/work/.mirror/iovisor+ubpf/repo)
#   UBPF_COMMIT the commit to build (default: the one the figures in docs/PERFORMANCE.md used)
#
# uBPF's helper table has 64 slots by default (UBPF_MAX_EXT_FUNCS); the RFC's helper is 212,
# so both uBPF and the harness are built with -DUBPF_MAX_EXT_FUNCS=256 and the call keeps its
# real index. Release build; uBPF's own CMake settings compile the library with -O2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/target"
src="$target/ubpf-src"
build="$target/ubpf-build"
UBPF_GIT="${UBPF_GIT:-https://github.com/iovisor/ubpf}"
UBPF_COMMIT="${UBPF_COMMIT:-2a8edd11e00fa42235865a339f46ea3ee92fa6b8}"
defines="-DUBPF_MAX_EXT_FUNCS=256"

mkdir -p "$target"
if [ ! -d "$src/.git" ]; then
  git clone --quiet "$UBPF_GIT" "$src"
fi
git -C "$src" fetch --quiet "$UBPF_GIT" "$UBPF_COMMIT" 2>/dev/null || true
git -C "$src" -c advice.detachedHead=false checkout --quiet "$UBPF_COMMIT"

# The library needs no submodules; UBPF_SKIP_EXTERNAL leaves out the conformance suite.
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DUBPF_SKIP_EXTERNAL=ON \
  -DUBPF_INSTALL_GIT_HOOKS=OFF -DCMAKE_C_FLAGS="$defines" >/dev/null
cmake --build "$build" --target ubpf -j "$(nproc)" >/dev/null

cc -O2 -Wall -Wextra $defines -I"$src/vm/inc" -I"$build/vm" \
  "$here/ubpf-bench.c" "$build/lib/libubpf.a" -lm -o "$target/ubpf-bench"
echo "built $target/ubpf-bench (uBPF $(git -C "$src" rev-parse --short HEAD))"
