#!/usr/bin/env bash
# A cell that floods stdout: nbrun against `jupyter nbconvert --execute` on the same ipykernel, wall time and peak
# memory (maximum resident set of the tool's own process, GNU time) side by side. See docs/benchmarks.md.
#
#   bench/flood/run.sh [MEGABYTES]      how much the cell writes, in 60-byte lines (default 200)
#   NBRUN=/path/to/nbrun bench/flood/run.sh
#
# Needs: dotnet, /usr/bin/python3 with ipykernel, jupyter-nbconvert, GNU time (Debian: apt-get install time).
set -euo pipefail

megabytes="${1:-200}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$(dirname "$here")")"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbrun-flood.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
[[ -x /usr/bin/time ]] || { echo "bench: install GNU time (apt-get install time)" >&2; exit 1; }
command -v jupyter-nbconvert >/dev/null || { echo "bench: install jupyter-nbconvert" >&2; exit 1; }

if [[ -z "${NBRUN:-}" ]]; then
  echo "bench: publishing nbrun (Release, linux-x64, single file, trimmed, ReadyToRun)..." >&2
  dotnet publish "$repo/sdk/Notebook.Runner/Notebook.Runner.csproj" -nodeReuse:false -c Release -r linux-x64 \
    --self-contained -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true \
    -p:NotebookRunnerFlavor=bench -o "$work/nbrun" >/dev/null
  NBRUN="$work/nbrun/nbrun"
fi

lines=$(( megabytes * 1000000 / 60 ))
"$python" - "$work/flood.ipynb" "$lines" <<'PY'
import json, sys
source = "import sys\nline = 'x' * 59 + '\\n'\nfor _ in range(%d):\n    sys.stdout.write(line)\n" % int(sys.argv[2])
nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "flood", "metadata": {}, "outputs": [], "source": source}],
      "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[1], "w"))
PY

measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || true
  read -r seconds kilobytes < "$work/$name.time"
  echo "$name $seconds $kilobytes"
}

echo "flood of ${megabytes} MB in 60-byte lines ($lines lines)"
measure nbrun "$NBRUN" "$work/flood.ipynb" --output-dir "$work/out-nbrun" > "$work/nbrun.row"
measure nbconvert jupyter-nbconvert --to notebook --execute --output-dir "$work/out-nbconvert" "$work/flood.ipynb" > "$work/nbconvert.row"
read -r _ s1 k1 < "$work/nbrun.row"
read -r _ s2 k2 < "$work/nbconvert.row"
n1=$(stat -c %s "$work/out-nbrun/flood.ipynb")
n2=$(stat -c %s "$work/out-nbconvert/flood.ipynb")
printf '| tool | wall s | peak RSS MB | executed notebook MB |\n|---|---|---|---|\n'
printf '| nbrun | %s | %.0f | %.1f |\n' "$s1" "$(echo "$k1/1024" | bc -l)" "$(echo "$n1/1000000" | bc -l)"
printf '| nbconvert | %s | %.0f | %.1f |\n' "$s2" "$(echo "$k2/1024" | bc -l)" "$(echo "$n2/1000000" | bc -l)"
printf 'ratio nbrun/nbconvert: wall %.2f, peak memory %.2f\n' "$(echo "$s1/$s2" | bc -l)" "$(echo "$k1/$k2" | bc -l)"
