#!/usr/bin/env bash
# Benchmarks `jdlib search` on a generated library against
# `rg -l -i 'data engineer' library/` on the same files: a cold search (no index: the files
# are scanned and the index is built by a background process), `--no-cache` (a scan, nothing
# kept), the background build itself, a warm search (index kept in .git/jdlib/search, library
# unchanged) with and without the watcher, and one after a single file changed. Cold and warm
# searches are each timed in one hyperfine run with rg, so their ratios share the machine's
# mood. Reports medians, CPU, peak memory and the index's size on disk.
#
# Usage: bench/search.sh [LIBRARY] > table.md
#
#   LIBRARY    a generated library repository    (default /tmp/jdlib-bench/100000)
#   JDLIB      the binary under test             (default <repo>/target/release/jdlib)
#   RUNS       hyperfine runs per warm command   (default 10)
#   COLD_RUNS  runs of rg, --no-cache and cold   (default 5)
#
# The script writes only .git/jdlib/search inside LIBRARY; the one-file-changed case edits a
# copy of one JD and restores it (git checkout) afterwards.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
LIBRARY=${1:-/tmp/jdlib-bench/100000}
JDLIB=${JDLIB:-$repo_root/target/release/jdlib}
RUNS=${RUNS:-10}
COLD_RUNS=${COLD_RUNS:-5}
QUERY='"data engineer"'

say() { printf 'bench: %s\n' "$*" >&2; }
for tool in rg hyperfine /usr/bin/time git flock python3; do
  command -v "$tool" >/dev/null || { say "missing: $tool"; exit 2; }
done
[[ -x $JDLIB ]] || { say "no binary at $JDLIB: cargo build --release"; exit 2; }
[[ -d $LIBRARY/library && -d $LIBRARY/.git ]] || { say "$LIBRARY is not a library repository"; exit 2; }
cd "$LIBRARY"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
index=.git/jdlib/search

median_ms() { # hyperfine JSON export [command number] -> median in ms
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]*1000))' "$1" "${2:-0}"
}
cpu_s() { # hyperfine JSON export, command number -> mean user+system seconds
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.2f" % (r["user"]+r["system"]))' "$1" "$2"
}
peak_mb() { # command... -> peak RSS in MB
  /usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.1f", $1/1024}' "$out/rss"
}

# Waiting for the index build a cold search started in the background: its manifest is
# written last, under the lock the build holds until it exits. Without this, one cold run's
# build would overlap the next timed run. (The lock is taken only after the build has listed
# the files, so waiting on the lock alone could slip in before it.)
cat > "$out/settle" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
for _ in \$(seq 6000); do
  [[ -f $index/worktree.manifest ]] && exec flock $index/lock true
  sleep 0.1
done
echo "bench: no background build finished within 10 minutes" >&2
exit 2
SCRIPT
# Before each cold run: let the previous cold run's build finish, then remove the index.
cat > "$out/prepare-cold" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
if [[ -e $out/cold-ran ]]; then $out/settle; fi
rm -rf $index
touch $out/cold-ran
SCRIPT
chmod +x "$out/settle" "$out/prepare-cold"

say "rg, --no-cache and cold (index removed before each cold run), in one hyperfine run"
rm -rf "$index"
hyperfine -N --runs "$COLD_RUNS" --export-json "$out/cold.json" \
  --prepare true --prepare true --prepare "$out/prepare-cold" \
  "rg -l -i 'data engineer' library/" \
  "$JDLIB --no-cache search $QUERY" \
  "$JDLIB search $QUERY" >&2
"$out/settle"
rg_ms=$(median_ms "$out/cold.json" 0)
mem_ms=$(median_ms "$out/cold.json" 1)
cold_ms=$(median_ms "$out/cold.json" 2)
rg_cpu=$(cpu_s "$out/cold.json" 0)
mem_cpu=$(cpu_s "$out/cold.json" 1)
cold_cpu=$(cpu_s "$out/cold.json" 2)
rg_mb=$(peak_mb rg -l -i 'data engineer' library/)
mem_mb=$(peak_mb "$JDLIB" --no-cache search "$QUERY")
rm -rf "$index"
cold_mb=$(peak_mb "$JDLIB" search "$QUERY")
"$out/settle"

say "the background build: from the cold search's exit until the index is ready"
rm -rf "$index"
"$JDLIB" search "$QUERY" >/dev/null 2>&1
start=$(date +%s%N)
"$out/settle"
bg_ms=$(( ($(date +%s%N) - start) / 1000000 ))
say "the same build run directly (build-search-index), for its CPU and memory"
rm -rf "$index"
/usr/bin/time -f '%e %U %S %M' -o "$out/build" "$JDLIB" build-search-index >/dev/null 2>&1
read -r _ build_user build_sys build_kb < "$out/build"
build_cpu=$(python3 -c "print('%.1f' % ($build_user + $build_sys))")
build_mb=$(python3 -c "print('%.0f' % ($build_kb / 1024))")
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
warm_rg_ms=$(median_ms "$out/warm.json" 0)
warm_ms=$(median_ms "$out/warm.json" 1)
stat_ms=$(median_ms "$out/warm.json" 2)
one_ms=$(median_ms "$out/warm.json" 3)
warm_mb=$(peak_mb "$JDLIB" search "$QUERY")

ratio() { python3 -c "print('%.2f' % ($1/$2))"; }
files=$(git ls-files library | grep -c '\.md$')
echo "| Command ($files JDs, query $QUERY) | Median (ms) | × rg | CPU user+sys (s) | Peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
echo "| \`rg -l -i 'data engineer' library/\` | $rg_ms | 1.00 | $rg_cpu | $rg_mb |"
echo "| \`jdlib search\` cold (no index: scans the files, starts the build in the background) | $cold_ms | $(ratio "$cold_ms" "$rg_ms") | $cold_cpu | $cold_mb |"
echo "| \`jdlib --no-cache search\` (scans the files, keeps nothing) | $mem_ms | $(ratio "$mem_ms" "$rg_ms") | $mem_cpu | $mem_mb |"
echo "| background build, from the cold search's exit until the index is ready (${size} MB) | $bg_ms | — | $build_cpu | $build_mb |"
echo "| \`rg -l -i 'data engineer' library/\` (again, in the warm run) | $warm_rg_ms | 1.00 | — | |"
echo "| \`jdlib search\` warm, watcher running (library unchanged) | $warm_ms | $(ratio "$warm_ms" "$warm_rg_ms") | — | $warm_mb |"
echo "| \`jdlib search\` warm, no watcher (\`JDLIB_SEARCH_WATCH=never\`: every file stat'ed) | $stat_ms | $(ratio "$stat_ms" "$warm_rg_ms") | — | — |"
echo "| \`jdlib search\` after one file changed (watcher running) | $one_ms | $(ratio "$one_ms" "$warm_rg_ms") | — | — |"
