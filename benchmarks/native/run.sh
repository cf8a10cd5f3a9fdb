#!/usr/bin/env bash
# Outside the JVM: the JMH benchmarks' programs and headers on uBPF's interpreter and JIT and
# on the kernel's JIT, in one table (docs/PERFORMANCE.md, "Outside the JVM").
#
#   benchmarks/native/run.sh [PASSES]      (default 3; each cell is the median of the passes)
#
# Each pass also runs our engines' JMH benchmarks (HeaderMatch, LargeProgram; one short fork),
# so that both sides of the table are measured under the same load on a shared machine;
# JMH=0 leaves them out.
#
# Needs: the benchmarks jar (mvn -B -DskipTests package -pl benchmarks -am), the ./binfmt-bpf
# launcher, cc/cmake/git for uBPF (built by build-ubpf.sh on first use; UBPF_GIT as there), and
# for the kernel columns clang-19, llvm-objcopy-19, bpftool and root. Without those the kernel
# columns say why they are empty.
#
# Every r0 is checked against our interpreter's (binfmt-bpf prog run --engine interp): uBPF's
# interpreter, uBPF's JIT and the kernel twin must return the same value, or the script stops.
#
# Columns: ours interp / ours JIT: JMH's average, ns per run (Invocation.begin included).
#   uBPF interp / uBPF JIT: ubpf-bench, median of 15 batches of ~50 ms each.
#   kernel JIT: the kernel twin (kernel/*.xdp.bpf.c: the same C, helper 212 replaced by a
#     same-length bpf_probe_read_kernel, run on the header as an XDP packet), timed inside the
#     kernel by BPF_PROG_TEST_RUN: bpftool prog run ... repeat N, "duration (average)", whole ns.
#   kernel bpf(2): binfmt-bpf prog run --engine kernel ... repeat N: the unchanged program as a
#     syscall program, one bpf(2) call per run from the JVM; programs calling helper 212 cannot.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$here/target"
passes="${1:-3}"
jar="$repo/benchmarks/target/benchmarks.jar"
cli="$repo/binfmt-bpf"
demo="$repo/cli/src/main/resources/org/binfmtbpf/cli/demo"
corpus="$repo/engine/src/test/resources/corpus"
inputs="$target/inputs"
kernel_dir="$target/kernel"
state="$(mktemp -d)"
pin_prefix="/sys/fs/bpf/binfmt-bpf-native-$$"
results="$target/results.tsv"
jmh="${JMH:-1}"

die() { echo "run.sh: $*" >&2; exit 1; }
cleanup() {
  rm -rf "$state"
  rm -f "$pin_prefix"-* 2>/dev/null || true
}
trap cleanup EXIT

[ -f "$jar" ] || die "$jar is missing: mvn -B -DskipTests package -pl benchmarks -am"
[ -x "$target/ubpf-bench" ] || "$here/build-ubpf.sh"
java -cp "$jar" org.binfmtbpf.bench.NativeInputs "$inputs"

# name (HeaderMatchBenchmark's, where it has one) | our object | its function | kernel twin object | headers
programs=(
  "qemu-table|$demo/qemu.bpf.o|qemu|$kernel_dir/qemu.xdp.bpf.o|aarch64 s390x host"
  "qemu-path|$corpus/qemu_matcher.bpf.o|qemu_match|$kernel_dir/qemu_matcher.xdp.bpf.o|aarch64 s390x host"
  "phdr-walk|$corpus/phdr_loop.bpf.o|count_phdrs|$kernel_dir/phdr_loop.xdp.bpf.o|aarch64 s390x host"
  "straight4096|$inputs/straight4096.bpf.o|straight4096|$inputs/straight4096.xdp.bpf.o|host"
  "empty (kernel's fixed cost)|||$kernel_dir/empty.xdp.bpf.o|host"
)

# ---- the kernel twins ----
kernel_reason=""
if [ "$(id -u)" != 0 ]; then kernel_reason="not root"
elif ! command -v bpftool >/dev/null; then kernel_reason="no bpftool"
elif ! command -v clang-19 >/dev/null || ! command -v llvm-objcopy-19 >/dev/null; then kernel_reason="no clang-19/llvm-objcopy-19"
fi
if [ -z "$kernel_reason" ]; then
  mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
  mkdir -p "$kernel_dir"
  for src in "$here"/kernel/*.xdp.bpf.c; do
    obj="$kernel_dir/$(basename "${src%.c}").o"
    clang-19 -O2 -g -target bpf -mcpu=v3 -I"$here/kernel" -I"$demo" -I"$corpus" -c "$src" -o "$obj"
  done
fi

# Loads OBJ's XDP program (the original sections made non-executable, so libbpf skips them).
kernel_pin() {
  local obj="$1" pin="$2" loadable="$kernel_dir/loadable.o"
  llvm-objcopy-19 --set-section-flags binfmt=alloc,readonly --set-section-flags syscall=alloc,readonly \
    --set-section-flags socket=alloc,readonly "$obj" "$loadable"
  bpftool prog load "$loadable" "$pin" type xdp
}

# "Return value: R, duration (average): Tns" -> "R T"
return_and_duration() { sed -n 's/^Return value: \([0-9-]*\), duration[^:]*: \([0-9]*\)ns$/\1 \2/p'; }

# ---- measure ----
# Our engines, by JMH: one results row per benchmark (no r0: JMH does not report it).
jmh_pass() {
  local csv="$target/jmh.csv"
  local tries=0
  # Another JMH run on the machine holds /tmp/jmh.lock: wait for it rather than compete.
  until java -jar "$jar" 'HeaderMatchBenchmark|LargeProgramBenchmark' -wi 3 -w 1 -i 5 -r 1 -f 1 \
      -rf csv -rff "$csv" >"$target/jmh.log" 2>&1; do
    grep -q 'Unable to acquire the JMH lock' "$target/jmh.log" && [ $((tries += 1)) -le 30 ] \
      || die "JMH failed: see $target/jmh.log"
    echo "another JMH run holds the lock; waiting" >&2
    sleep 20
  done
  # Columns by name: "Benchmark", ..., "Score", ..., "Param: engine", "Param: header", "Param: program", ...
  awk -F, '{ gsub(/"|\r/, "") }
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { program = $1 ~ /LargeProgram/ ? "straight" $col["Param: slots"] : $col["Param: program"]
      header = $1 ~ /LargeProgram/ ? "host" : $col["Param: header"]
      printf "%s\t%s\tours-%s\t\t%s\n", program, header, $col["Param: engine"], $col["Score"] }' "$csv"
}
calls_helper_212() { llvm-objdump-19 -d "$1" | grep 'call 0xd4$' >/dev/null; } # not -q: pipefail

: >"$results"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for pass in $(seq 1 "$passes"); do
  echo "pass $pass of $passes" >&2
  n=0
  for entry in "${programs[@]}"; do
    IFS='|' read -r name obj fn twin headers <<<"$entry"
    n=$((n + 1))
    ours_pin="/sys/fs/bpf/p$pass-$n" # in our state directory, not the kernel's bpffs
    kernel_pin_path="$pin_prefix-$n"
    [ -z "$obj" ] || "$cli" prog load --state "$state" "$obj" "$ours_pin" >/dev/null
    [ -n "$kernel_reason" ] || kernel_pin "$twin" "$kernel_pin_path"
    for h in $headers; do
      hdr="$inputs/$h.hdr"
      key="$name	$h"
      ours=""
      if [ -n "$obj" ]; then
        ours="$("$cli" prog run --state "$state" --engine interp pinned "$ours_pin" data_in "$hdr" | return_and_duration | cut -d' ' -f1)"
        [ -n "$ours" ] || die "$name on $h: no result from our interpreter"
        ubpf="$("$target/ubpf-bench" "$obj" "$fn" "$hdr")"
        while read -r engine r0 ns _; do
          [ "${r0#r0=}" = "$ours" ] || die "$name on $h: $engine returned ${r0#r0=}, our interpreter $ours"
          printf '%s\t%s\t%s\t%s\n' "$key" "$engine" "$ours" "${ns#ns=}" >>"$results"
        done <<<"$ubpf"
        if [ -z "$kernel_reason" ] && ! calls_helper_212 "$obj"; then
          kernel="$("$cli" prog run --state "$state" --engine kernel pinned "$ours_pin" data_in "$hdr" repeat 20000 | return_and_duration)"
          [ "${kernel% *}" = "$ours" ] || die "$name on $h: the kernel (bpf(2)) returned '${kernel% *}', our interpreter $ours"
          printf '%s\tkernel-bpf2\t%s\t%s\n' "$key" "$ours" "${kernel#* }" >>"$results"
        fi
      fi
      if [ -z "$kernel_reason" ]; then
        repeat=1000000
        [ "$name" != straight4096 ] || repeat=100000
        kernel="$(bpftool prog run pinned "$kernel_pin_path" data_in "$hdr" repeat "$repeat" | return_and_duration)"
        [ -z "$ours" ] || [ "${kernel% *}" = "$ours" ] || die "$name on $h: the kernel twin returned '${kernel% *}', our interpreter $ours"
        printf '%s\tkernel-jit\t%s\t%s\n' "$key" "${kernel% *}" "${kernel#* }" >>"$results"
      fi
    done
    rm -f "$kernel_pin_path"
  done
  if [ "$jmh" = 1 ]; then
    jmh_pass >>"$results"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "$kernel_reason" ] || echo "kernel columns empty: $kernel_reason"

# ---- the table: per cell, the median of the passes; rows in the order measured ----
awk -F'\t' '
  { key = $1 "\t" $2; cell = key "\t" $3; v[cell, ++n[cell]] = $5; if ($4 != "") r0[key] = $4
    if (!(key in seen)) { seen[key] = 1; order[++rows] = key } }
  function median(cell,   i, j, t, m) {
    m = n[cell]; if (!m) return ""
    for (i = 2; i <= m; i++) for (j = i; j > 1 && v[cell, j - 1] + 0 > v[cell, j] + 0; j--) {
      t = v[cell, j]; v[cell, j] = v[cell, j - 1]; v[cell, j - 1] = t }
    return v[cell, int((m + 1) / 2)]
  }
  function show(x) { return x == "" ? "-" : sprintf("%.0f", x) }
  END {
    printf "| %-27s | %-7s | %10s | %12s | %12s | %9s | %9s | %10s | %13s |\n", "program", "header", "r0",
      "ours interp", "uBPF interp", "ours JIT", "uBPF JIT", "kernel JIT", "kernel bpf(2)"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "-----------------------------", "---------", "-----------:",
      "-------------:", "-------------:", "----------:", "----------:", "-----------:", "--------------:"
    for (i = 1; i <= rows; i++) {
      k = order[i]; split(k, part, "\t")
      printf "| %-27s | %-7s | %10s | %12s | %12s | %9s | %9s | %10s | %13s |\n", part[1], part[2], (k in r0) ? r0[k] : "-",
        show(median(k "\tours-interp")), show(median(k "\tubpf-interp")), show(median(k "\tours-jit")),
        show(median(k "\tubpf-jit")), show(median(k "\tkernel-jit")), show(median(k "\tkernel-bpf2"))
    }
    print "(nanoseconds per run; each the median of the passes)"
  }' "$results"
