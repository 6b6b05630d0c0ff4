#!/usr/bin/env bash
# Exports every bundled JD to Word, then has two real readers open them: python-docx (the
# structure a Word user relies on, tests/docx/check.py) and LibreOffice, which converts each to
# PDF. Any document LibreOffice cannot convert fails the check. Needs python-docx and soffice.
# Usage: tests/docx/check.sh [JDLIB]  (default: target/debug/jdlib)
set -euo pipefail
cd "$(dirname "$0")/../.."
jdlib=${1:-target/debug/jdlib}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$jdlib" export library --out "$work/docx" 2>"$work/export.log"
count=$(find "$work/docx" -name '*.docx' | wc -l)
echo "exported $count JDs"
python3 tests/docx/check.py "$work/docx"
# Files of different roles share names (model-mid.docx), so each gets a unique flat name.
mkdir -p "$work/flat" "$work/pdf"
(cd "$work/docx" && for f in */*.docx; do cp "$f" "$work/flat/${f%%/*}--${f#*/}"; done)
# One LibreOffice run for all files; its own profile so no user settings or lock get in.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
  --outdir "$work/pdf" "$work"/flat/*.docx >"$work/soffice.log" 2>&1 || {
  cat "$work/soffice.log"
  exit 1
}
missing=0
for f in "$work"/flat/*.docx; do
  pdf="$work/pdf/$(basename "$f" .docx).pdf"
  if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
    echo "LibreOffice did not convert $(basename "$f")" >&2
    missing=$((missing + 1))
  fi
done
[ "$missing" -eq 0 ] || exit 1
echo "LibreOffice: converted all $count documents to PDF"
if [ -n "${JDLIB_KEEP_PDF:-}" ]; then cp -r "$work/pdf" "$JDLIB_KEEP_PDF"; fi
