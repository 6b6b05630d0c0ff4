#!/usr/bin/env bash
# Benchmarks `jdlib search` (issue #5) on a generated library against
# `rg -l -i 'data engineer' library/` on the same files: a warm search (index kept in
# .git/jdlib/search, library unchanged) with and without the watcher, a cold one (no index),
# one after a single file changed, and `--no-cache`. Warm searches are timed in the same
# hyperfine run as rg, so their ratios share the machine's mood. Reports medians, peak memory
# and the index's size on disk.
#
# Usage: bench/search.sh [LIBRARY] > table.md
#
#   LIBRARY  a generated library repository      (default /tmp/jdlib-bench/100000)
#   JDLIB    the binary under test               (default <repo>/target/release/jdlib)
#   RUNS     hyperfine runs per command          (default 10; cold runs use 3)
#
# The script writes only .git/jdlib/search inside LIBRARY; the one-file-changed case edits a
# copy of one JD and restores it (git checkout) afterwards.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
LIBRARY=${1:-/tmp/jdlib-bench/100000}
JDLIB=${JDLIB:-$repo_root/target/release/jdlib}
RUNS=${RUNS:-10}
QUERY='"data engineer"'

say() { printf 'bench: %s\n' "$*" >&2; }
for tool in rg hyperfine /usr/bin/time git; do
  command -v "$tool" >/dev/null || { say "missing: $tool"; exit 2; }
done
[[ -x $JDLIB ]] || { say "no binary at $JDLIB: cargo build --release"; exit 2; }
[[ -d $LIBRARY/library && -d $LIBRARY/.git ]] || { say "$LIBRARY is not a library repository"; exit 2; }
cd "$LIBRARY"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
index=.git/jdlib/search

median_ms() { # hyperfine JSON export -> median in ms
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}
peak_mb() { # command... -> peak RSS in MB
  /usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.1f", $1/1024}' "$out/rss"
}

say "rg"
hyperfine --warmup 2 --runs "$RUNS" -N --export-json "$out/rg.json" \
  "rg -l -i 'data engineer' library/" >&2
rg_ms=$(median_ms "$out/rg.json")
rg_mb=$(peak_mb rg -l -i 'data engineer' library/)

say "cold (index removed before each run)"
hyperfine --runs 3 --prepare "rm -rf $index" --export-json "$out/cold.json" \
  "$JDLIB search $QUERY" >&2
cold_ms=$(median_ms "$out/cold.json")
rm -rf "$index"
cold_mb=$(peak_mb "$JDLIB" search "$QUERY")
size=$(du -sm "$index" | cut -f1)

say "warm, in one run with rg: watcher running, no watcher, one file changed (watcher)"
# The first search after the build starts the watcher (the library has over 5,000 JDs);
# wait for its socket, then let one search bring it in step with the index.
"$JDLIB" search "$QUERY" >/dev/null 2>&1 || true
for _ in $(seq 100); do [[ -S $index/watch.sock ]] && break; sleep 0.1; done
[[ -S $index/watch.sock ]] || { say "no watcher started"; exit 2; }
"$JDLIB" search "$QUERY" >/dev/null 2>&1 || true
file=$(git ls-files -- library/data-engineer | sed -n 1p)
hyperfine --warmup 2 --runs "$RUNS" -N --export-json "$out/warm.json" \
  --prepare true --prepare true --prepare true --prepare "sh -c \"echo ' ' >> $file\"" \
  "rg -l -i 'data engineer' library/" \
  "$JDLIB search $QUERY" \
  "env JDLIB_SEARCH_WATCH=never $JDLIB search $QUERY" \
  "$JDLIB search $QUERY" >&2
git checkout -q -- "$file"
"$JDLIB" search "$QUERY" >/dev/null 2>&1 || true # takes in the restored file
nth_ms() { # hyperfine JSON export, index -> median in ms
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]*1000))' "$1" "$2"
}
warm_rg_ms=$(nth_ms "$out/warm.json" 0)
warm_ms=$(nth_ms "$out/warm.json" 1)
stat_ms=$(nth_ms "$out/warm.json" 2)
one_ms=$(nth_ms "$out/warm.json" 3)
warm_mb=$(peak_mb "$JDLIB" search "$QUERY")

say "--no-cache (built in memory)"
hyperfine --runs 3 --export-json "$out/mem.json" "$JDLIB --no-cache search $QUERY" >&2
mem_ms=$(median_ms "$out/mem.json")
mem_mb=$(peak_mb "$JDLIB" --no-cache search "$QUERY")

ratio() { python3 -c "print('%.2f' % ($1/$2))"; }
files=$(git ls-files library | grep -c '\.md$')
echo "| Command ($files JDs, query $QUERY) | Median (ms) | × rg | Peak RSS (MB) |"
echo "|---|---:|---:|---:|"
echo "| \`rg -l -i 'data engineer' library/\` | $rg_ms | 1.00 | $rg_mb |"
echo "| \`jdlib search\` cold (no index; builds it, ${size} MB) | $cold_ms | $(ratio "$cold_ms" "$rg_ms") | $cold_mb |"
echo "| \`rg -l -i 'data engineer' library/\` (again, in the warm run) | $warm_rg_ms | 1.00 | |"
echo "| \`jdlib search\` warm, watcher running (library unchanged) | $warm_ms | $(ratio "$warm_ms" "$warm_rg_ms") | $warm_mb |"
echo "| \`jdlib search\` warm, no watcher (\`JDLIB_SEARCH_WATCH=never\`: every file stat'ed) | $stat_ms | $(ratio "$stat_ms" "$warm_rg_ms") | — |"
echo "| \`jdlib search\` after one file changed (watcher running) | $one_ms | $(ratio "$one_ms" "$warm_rg_ms") | — |"
echo "| \`jdlib --no-cache search\` (in memory) | $mem_ms | $(ratio "$mem_ms" "$rg_ms") | $mem_mb |"
