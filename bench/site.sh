#!/usr/bin/env bash
# Times `jdlib site` against `rg -c . library/` on the same files, in interleaved rounds (each
# round runs rg, then the build, so a busy spell on the shared machine slows both), and reports
# the peak memory of the build, the site's size on disk, and the first search of
# "data engineer" in headless Chromium (bytes downloaded and time).
#
# Usage: bench/site.sh LIBRARY_ROOT [JDLIB] > table.md
#   LIBRARY_ROOT  a folder holding library/ (e.g. /tmp/jdlib-bench/100000 from bench/run.sh)
#   JDLIB         the build to measure (default <repo>/target/release/jdlib)
# Environment: ROUNDS (default 3), OUT (default /tmp/jdlib-site-bench/site).
# Needs rg, GNU time and, for the search figures, chromium and `npm ci` in tests/browser.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-/tmp/jdlib-site-bench/site}
die() {
  printf 'bench: %s\n' "$*" >&2
  exit 2
}
(($# >= 1)) || die "usage: bench/site.sh LIBRARY_ROOT [JDLIB]"
root=$1
jdlib=${2:-$repo_root/target/release/jdlib}
[[ -d $root/library ]] || die "no library/ in $root"
[[ -x $jdlib ]] || die "no jdlib binary at $jdlib"
command -v rg >/dev/null || die "missing: rg (apt-get install ripgrep)"
[[ -x /usr/bin/time ]] || die "missing: GNU time (apt-get install time)"
mkdir -p "$(dirname "$OUT")"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
run() { # command...: sets wall (s) and peak (KB)
  /usr/bin/time -o "$timing" -f '%e %M' "$@" >/dev/null 2>&1
  read -r wall peak <"$timing"
}

cd "$root"
find library -type f -print0 | xargs -0 cat >/dev/null
rg_times=() site_times=() ratios=() rss=()
for ((i = 1; i <= ROUNDS; i++)); do
  run rg -c . library/
  r=$wall
  run "$jdlib" site --out "$OUT"
  s=$wall
  rss+=("$peak")
  rg_times+=("$r") site_times+=("$s")
  ratios+=("$(awk -v a="$s" -v b="$r" 'BEGIN {printf "%.1f", a / b}')")
  printf 'bench: round %d: rg %ss, site %ss (%s×)\n' "$i" "$r" "$s" "${ratios[-1]}" >&2
done
# A floor for any build that writes a file per JD: copying the library's files.
copy="$(dirname "$OUT")/library-copy"
rm -rf -- "$copy"
run cp -r library "$copy"
copy_time=$wall
rm -rf -- "$copy"
files=$(find library -name '*.md' | wc -l)
echo "| what | figure |"
echo "| --- | --- |"
echo "| JD files | $files |"
echo "| \`rg -c . library/\`, median of $ROUNDS | $(printf '%s\n' "${rg_times[@]}" | median) s |"
echo "| \`jdlib site\`, median of $ROUNDS | $(printf '%s\n' "${site_times[@]}" | median) s |"
echo "| ratio, median of the rounds' ratios | $(printf '%s\n' "${ratios[@]}" | median)× (rounds: ${ratios[*]}) |"
echo "| \`cp -r library/\` beside the site (a floor for writing a file per JD) | $copy_time s |"
echo "| peak memory of the build, max | $(printf '%s\n' "${rss[@]}" | sort -g | tail -n 1) KB |"
echo "| site on disk (du -sh) | $(du -sh "$OUT" | cut -f1), $(find "$OUT" -type f | wc -l) files |"
if command -v chromium >/dev/null && [[ -d $repo_root/tests/browser/node_modules ]]; then
  line=$(cd "$repo_root/tests/browser" && node run.mjs --search-only "$OUT" 2>&1 | grep 'first result' || true)
  echo "| first search of \`data engineer\` in headless Chromium | ${line#*first result: } |"
fi
