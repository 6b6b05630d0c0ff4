#!/usr/bin/env bash
# Benchmarks jdlib on synthetic libraries: wall time with a warm page cache and
# peak memory of `validate`, `list --format json`, `salaries --by role,region --format json`
# and `validate --changed-since`, against
# `rg -c . library/`, which reads every byte of the same files and so is the floor.
#
# Usage: bench/run.sh > table.md
#
# Environment (all optional):
#   SIZES      library sizes in files            (default "1000 10000 100000")
#   JDLIB      the binary under test             (default <repo>/target/release/jdlib)
#   BENCH_DIR  where libraries and results live  (default /tmp/jdlib-bench)
#   GEN        a prebuilt gen_library binary     (default: built here with cargo)
#   SEED       generator seed                    (default 1)
#
# Libraries are kept between runs (BENCH_DIR/N) and only generated when missing; delete the
# folder to regenerate. The Markdown table goes to stdout and BENCH_DIR/results.md; progress
# and hyperfine's own output go to stderr.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
SIZES=${SIZES:-"1000 10000 100000"}
JDLIB=${JDLIB:-$repo_root/target/release/jdlib}
BENCH_DIR=${BENCH_DIR:-/tmp/jdlib-bench}
SEED=${SEED:-1}
WARMUP=2
RUNS=10

say() { printf 'bench: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 2
}

# --- preflight ---------------------------------------------------------------------------
# Nothing is installed from here: the script says what is missing and stops.
missing_tools=() missing_packages=()
need() { # tool, apt package
  if ! command -v "$1" >/dev/null 2>&1; then
    missing_tools+=("$1")
    missing_packages+=("$2")
  fi
}
need rg ripgrep
need hyperfine hyperfine
need /usr/bin/time time
need git git
if ((${#missing_tools[@]})); then
  say "missing: ${missing_tools[*]}"
  die "install with: sudo apt-get install -y ${missing_packages[*]}"
fi

for n in $SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must hold positive whole numbers, got '$n'"
done
[[ -n $BENCH_DIR ]] || die "BENCH_DIR is empty"

# Commands run from inside each library folder, so the binary needs an absolute path.
case $JDLIB in
  /*) ;;
  */*) JDLIB=$PWD/$JDLIB ;;
  *) JDLIB=$(command -v -- "$JDLIB" || echo "$JDLIB") ;;
esac
[[ -x $JDLIB ]] || die "no jdlib binary at $JDLIB: run 'cargo build --release' in $repo_root, or set JDLIB"

# --output=pipe (hyperfine >= 1.15) keeps rg from treating /dev/null specially: GNU grep
# stops at the first match when its output is /dev/null, and the floor must read every byte.
hyperfine_output=(--output=pipe)
if ! hyperfine --help 2>/dev/null | grep -q -- '--output'; then
  say "this hyperfine has no --output option; timing with output to /dev/null"
  hyperfine_output=()
fi

mkdir -p -- "$BENCH_DIR"
results_dir=$BENCH_DIR/results
mkdir -p -- "$results_dir"

# --- libraries ---------------------------------------------------------------------------
gen_bin=${GEN:-}
ensure_generator() { # sets gen_bin; built at most once, and only if a library is missing
  if [[ -z $gen_bin ]]; then
    say "building the generator (cargo build --release --example gen_library)"
    # Ask cargo where the binary went rather than guessing the target directory.
    gen_bin=$(cargo build --release --example gen_library --manifest-path "$repo_root/Cargo.toml" \
      --message-format=json-render-diagnostics |
      sed -n 's/.*"executable":"\([^"]*gen_library\)".*/\1/p' | tail -n 1)
  fi
  [[ -x $gen_bin ]] || die "no generator at '$gen_bin' (examples/gen_library.rs did not build?)"
}

prepare_library() { # size
  local n=$1 dir=$BENCH_DIR/$1
  # The marker is written last, so an interrupted generation is redone, not reused.
  if [[ -f $dir/.git/jdlib-bench-ready ]]; then
    say "$n: using existing $dir"
    return
  fi
  say "$n: generating $dir"
  rm -rf -- "$dir"
  mkdir -p -- "$dir"
  ensure_generator
  "$gen_bin" --n "$n" --out "$dir" --seed "$SEED"
  say "$n: committing (needed for --changed-since)"
  git -C "$dir" -c init.defaultBranch=main init -q
  git -C "$dir" add -A
  git -C "$dir" -c user.name=jdlib-bench -c user.email=bench@example.invalid \
    -c commit.gpgsign=false commit -q --no-verify -m "Synthetic library: $n files, seed $SEED"
  # Files written in the same second as the index are "racily clean" and get re-hashed
  # on every status or diff; rewriting the index a second later makes them clean, so the
  # --changed-since timing measures three changed files rather than a thousand racy ones.
  sleep 1
  git -C "$dir" status --porcelain >/dev/null
  touch "$dir/.git/jdlib-bench-ready"
}

warm_cache() { # dir
  (cd "$1" && find library -type f -print0 | xargs -0 cat >/dev/null && git status --porcelain >/dev/null)
}

# --- measuring ---------------------------------------------------------------------------
# Each benchmark is a bash array; hyperfine gets it as one shell-quoted string and runs it
# without a shell (-N), so shell start-up is not counted.
median_ms() { # hyperfine CSV: command,mean,stddev,median,user,system,min,max (seconds)
  # Counted from the end: the command is quoted and may itself contain commas.
  awk -F, 'NR == 2 { printf "%.1f", $(NF - 4) * 1000 }' "$1"
}

peak_mb() { # command... ; prints max RSS in MB from one run
  local rss_file status=0
  rss_file=$(mktemp)
  /usr/bin/time -f %M -o "$rss_file" "$@" >/dev/null 2>&1 || status=$?
  ((status == 0)) || say "warning: '$*' exited with $status while measuring memory"
  awk '{ kb = $1 } END { printf "%.1f", kb / 1024 }' "$rss_file"
  rm -f -- "$rss_file"
}

rows=()     # size|label|median ms|peak MB
commands=() # exact command lines, for the report
measure() { # size, short name, label, command...
  local n=$1 name=$2 label=$3
  shift 3
  local quoted
  quoted=$(printf '%q ' "$@")
  quoted=${quoted% }
  hyperfine --warmup "$WARMUP" --runs "$RUNS" -N "${hyperfine_output[@]}" \
    --command-name "$label" \
    --export-json "$results_dir/$n-$name.json" --export-csv "$results_dir/$n-$name.csv" \
    "$quoted" >&2
  rows+=("$n|$label|$(median_ms "$results_dir/$n-$name.csv")|$(peak_mb "$@")")
  commands+=("$quoted")
}

restore_dir="" restore_files=()
restore() {
  if [[ -n $restore_dir ]] && ((${#restore_files[@]})); then
    git -C "$restore_dir" checkout -q -- "${restore_files[@]}"
  fi
  restore_dir="" restore_files=()
}
trap restore EXIT
trap 'exit 130' INT TERM

bench_size() { # size
  local n=$1 dir=$BENCH_DIR/$1
  prepare_library "$n"
  warm_cache "$dir"
  cd -- "$dir"

  # A library the binary rejects would time the error path, not the loader.
  if ! "$JDLIB" validate >/dev/null 2>"$results_dir/$n-validate.stderr"; then
    tail -n 20 "$results_dir/$n-validate.stderr" >&2
    die "$n: '$JDLIB validate' fails on the generated library (full output: $results_dir/$n-validate.stderr)"
  fi

  say "$n: timing"
  measure "$n" rg 'rg -c . library/' rg -c . library/
  measure "$n" validate 'jdlib validate' "$JDLIB" validate
  measure "$n" list-json 'jdlib list --format json' "$JDLIB" list --format json
  measure "$n" salaries 'jdlib salaries --by role,region --format json' \
    "$JDLIB" salaries --by role,region --format json
  measure "$n" lint 'jdlib lint' "$JDLIB" lint

  # Three edits spread over the library (first, middle and last file in path order),
  # appended to the last list so the files stay valid; undone by restore().
  local files=() picked=() i
  mapfile -t files < <(git ls-files -- 'library/*.md')
  for i in 0 $((${#files[@]} / 2)) $((${#files[@]} - 1)); do
    [[ " ${picked[*]} " == *" ${files[i]} "* ]] || picked+=("${files[i]}")
  done
  restore_dir=$dir restore_files=("${picked[@]}")
  for f in "${picked[@]}"; do
    printf -- '- Edited for the --changed-since benchmark.\n' >>"$f"
  done
  measure "$n" changed-since 'jdlib validate --changed-since HEAD (3 files changed)' \
    "$JDLIB" validate --changed-since HEAD
  restore
  cd - >/dev/null
}

for n in $SIZES; do
  bench_size "$n"
done

# --- report ------------------------------------------------------------------------------
cpu=$(grep -m1 -E '^(model name|Model|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
jdlib_version=$("$JDLIB" --version 2>/dev/null | head -n 1 || true)
repo_rev=$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || true)

report() {
  local row n label ms mb floor ratio
  echo "# jdlib benchmarks"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(uname -srm); CPU: ${cpu:-unknown}; cores: $(nproc)"
  echo "- jdlib: \`$JDLIB\` (${jdlib_version:-version unknown}; repository at ${repo_rev:-unknown})"
  echo "- Tools: $(hyperfine --version), $(rg --version | head -n 1)"
  echo "- Libraries: \`gen_library --n N --seed $SEED\` (examples/gen_library.rs), committed to git;"
  for n in $SIZES; do
    echo "  N=$n: $(du -s --apparent-size --block-size=1M "$BENCH_DIR/$n/library" | cut -f1) MB in $BENCH_DIR/$n"
  done
  echo "- Method: page cache warm; each command run from inside the library folder with"
  echo "  \`hyperfine --warmup $WARMUP --runs $RUNS -N ${hyperfine_output[*]}\`; median wall time;"
  echo "  peak memory is the max RSS of one run under \`/usr/bin/time -f %M\`."
  echo
  echo "| Files | Command | Median (ms) | × rg | Peak RSS (MB) |"
  echo "|------:|---------|------------:|-----:|--------------:|"
  for row in "${rows[@]}"; do
    IFS='|' read -r n label ms mb <<<"$row"
    if [[ $label == rg* ]]; then floor=$ms; fi
    ratio=$(awk -v a="$ms" -v b="$floor" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    printf '| %s | `%s` | %s | %s | %s |\n' "$n" "$label" "$ms" "$ratio" "$mb"
  done
  echo
  echo "Exact commands (run inside $BENCH_DIR/N):"
  echo
  printf '%s\n' "${commands[@]}" | awk '!seen[$0]++ { print "    " $0 }'
}

report | tee "$BENCH_DIR/results.md"
say "results: $BENCH_DIR/results.md, raw hyperfine exports in $results_dir"
