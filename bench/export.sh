#!/usr/bin/env bash
# Benchmarks `jdlib export` of a whole generated library against `rg -c . library/` (which
# reads every byte of the same files) and `cp -r library` (which writes as many files), with a
# warm page cache. Writes to the disk BENCH_DIR is on and to /dev/shm, to tell the cost of
# creating 10,000 files on this machine from jdlib's own.
#
# Usage: bench/export.sh   (needs BENCH_DIR/10000, made by `SIZES=10000 bench/run.sh`)
# Environment: JDLIB (default <repo>/target/release/jdlib), BENCH_DIR (default /tmp/jdlib-bench),
# N (default 10000), RUNS (default 5).
set -euo pipefail
repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
JDLIB=${JDLIB:-$repo_root/target/release/jdlib}
BENCH_DIR=${BENCH_DIR:-/tmp/jdlib-bench}
N=${N:-10000}
RUNS=${RUNS:-5}
lib=$BENCH_DIR/$N
[[ -d $lib/library ]] || {
  echo "bench: $lib/library is missing: run SIZES=$N bench/run.sh first" >&2
  exit 2
}
disk_out=$(mktemp -d "$BENCH_DIR/export-out.XXXXXX")
shm_out=$(mktemp -d /dev/shm/jdlib-export.XXXXXX)
trap 'rm -rf "$disk_out" "$shm_out"' EXIT
cd "$lib"
hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$BENCH_DIR/export-results.md" \
  --prepare true -n "rg -c . library/" "rg -c . library/" \
  --prepare true -n "validate" "$JDLIB validate" \
  --prepare "rm -rf $disk_out/cp" -n "cp -r library (disk)" "cp -r library $disk_out/cp" \
  --prepare "rm -rf $disk_out/x" -n "export docx (disk)" "$JDLIB export library --out $disk_out/x 2>/dev/null" \
  --prepare "rm -rf $shm_out/cp" -n "cp -r library (tmpfs)" "cp -r library $shm_out/cp" \
  --prepare "rm -rf $shm_out/x" -n "export docx (tmpfs)" "$JDLIB export library --out $shm_out/x 2>/dev/null" \
  --prepare "rm -rf $shm_out/m" -n "export md (tmpfs)" "$JDLIB export library --format md --out $shm_out/m 2>/dev/null"
cat "$BENCH_DIR/export-results.md"
