#!/usr/bin/env bash
# Times `jdlib lint` against `rg -c . library/` on the same files, in
# interleaved rounds: each round runs rg and then every jdlib build once, so a busy spell on
# the shared machine slows all of them alike, and the ratio is taken within each round.
# Reports each command's median wall and CPU time and the median of the per-round ratios.
#
# Usage: bench/lint.sh LIBRARY_ROOT [JDLIB...] > table.md
#   LIBRARY_ROOT  a folder holding library/ (e.g. /tmp/jdlib-bench/100000 from bench/run.sh)
#   JDLIB...      builds to compare (default <repo>/target/release/jdlib)
# Environment: ROUNDS (default 10), WARMUP rounds not counted (default 2).
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
ROUNDS=${ROUNDS:-10}
WARMUP=${WARMUP:-2}

die() {
  printf 'bench: %s\n' "$*" >&2
  exit 2
}
for tool in rg hyperfine python3; do
  command -v "$tool" >/dev/null 2>&1 || die "missing: $tool"
done
(($# >= 1)) || die "usage: bench/lint.sh LIBRARY_ROOT [JDLIB...]"
root=$1
shift
[[ -d $root/library ]] || die "no library/ in $root"
builds=("$@")
((${#builds[@]})) || builds=("$repo_root/target/release/jdlib")
for i in "${!builds[@]}"; do
  case ${builds[$i]} in
    /*) ;;
    *) builds[$i]=$PWD/${builds[$i]} ;;
  esac
  [[ -x ${builds[$i]} ]] || die "no jdlib binary at ${builds[$i]}"
done

commands=('rg -c . library/')
for b in "${builds[@]}"; do
  commands+=("$b lint")
done

out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT
cd -- "$root"
# --output=pipe: output goes to a pipe hyperfine drains, as it would to a reader; rg would
# stop early writing to /dev/null.
for ((r = 1; r <= WARMUP + ROUNDS; r++)); do
  printf 'bench: round %d of %d\n' "$r" "$((WARMUP + ROUNDS))" >&2
  json=$out/round-$r.json
  ((r <= WARMUP)) && json=$out/warmup-$r.json
  hyperfine -N --runs 1 --output=pipe --export-json "$json" "${commands[@]}" >/dev/null 2>&1 ||
    die "a command failed in round $r"
done

python3 - "$out" "$ROUNDS" <<'EOF'
import json, statistics, sys, pathlib
out, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])
runs = [json.loads((out / f"round-{r}.json").read_text())["results"] for r in range(1, 10**6)
        if (out / f"round-{r}.json").exists()]
names = [res["command"] for res in runs[0]]
print(f"{len(runs)} interleaved rounds; times are medians over rounds, ratios medians of each round's ratio to rg.\n")
print("| Command | Wall (s) | User + system (s) | × rg (median) | × rg (min–max) |")
print("|---|---:|---:|---:|---:|")
for k, name in enumerate(names):
    wall = [r[k]["times"][0] for r in runs]
    cpu = [r[k]["user"] + r[k]["system"] for r in runs]
    ratios = [r[k]["times"][0] / r[0]["times"][0] for r in runs]
    ratio = "" if k == 0 else f"**{statistics.median(ratios):.2f}**"
    spread = "" if k == 0 else f"{min(ratios):.2f}–{max(ratios):.2f}"
    print(f"| `{name}` | {statistics.median(wall):.3f} | {statistics.median(cpu):.2f} | {ratio} | {spread} |")
EOF
