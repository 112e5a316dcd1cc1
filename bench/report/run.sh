#!/usr/bin/env bash
# The HTML report of one executed 500-cell notebook: nbrun's renderer (Notebook.Documents, as a Release program)
# against `jupyter nbconvert --to html` (lab template), same input, same machine. See docs/benchmarks.md.
#
#   bench/report/run.sh [RUNS]     RUNS per command (default 5)
#
# Needs: dotnet, jupyter-nbconvert, python3-ipykernel; hyperfine when installed, else bench/time_commands.py.
set -euo pipefail

runs="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/report-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
command -v jupyter-nbconvert >/dev/null || { echo "bench: install jupyter-nbconvert" >&2; exit 1; }

echo "bench: building the renderer (Release)..." >&2
dotnet publish "$here/ReportBench.csproj" -nodeReuse:false -c Release -p:NotebookRunnerFlavor=report-bench -o "$work/bench" >/dev/null
"$python" "$here/make_notebook.py" 500 "$work/cells.ipynb"
echo "bench: executing the notebook once (nbconvert --execute)..." >&2
jupyter-nbconvert --to notebook --execute --output executed --output-dir "$work" "$work/cells.ipynb" 2>/dev/null

ours="$work/bench/ReportBench $work/executed.ipynb $work/ours.html"
theirs="jupyter-nbconvert --to html --output theirs --output-dir $work $work/executed.ipynb 2>/dev/null"
if command -v hyperfine >/dev/null; then
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/t.json" -n "nbrun" "$ours" -n "nbconvert" "$theirs" >&2
else
  "$python" "$here/../time_commands.py" "$runs" "$work/t.json" "nbrun" "$ours" "nbconvert" "$theirs"
fi

"$python" - "$work/t.json" "$work/ours.html" "$work/theirs.html" "$runs" <<'PY'
import json, os, sys
r = {x["command"]: (x["mean"], x["stddev"] or 0.0) for x in json.load(open(sys.argv[1]))["results"]}
(a, sa), (b, sb) = r["nbrun"], r["nbconvert"]
print(f"load average at the end (1/5/15 min): {' '.join(open('/proc/loadavg').read().split()[:3])}; cores: {os.cpu_count()}; runs: {sys.argv[4]}")
print()
print("| 500-cell executed notebook to HTML | nbrun's renderer | nbconvert --to html | nbrun / nbconvert |")
print("|---|---:|---:|---:|")
print(f"| wall time, whole process | {a:.3f} s ± {sa:.3f} | {b:.3f} s ± {sb:.3f} | {a / b:.2f} |")
ka, kb = os.path.getsize(sys.argv[2]) / 1024, os.path.getsize(sys.argv[3]) / 1024
print(f"| report size | {ka:.0f} KiB | {kb:.0f} KiB | {ka / kb:.2f} |")
PY
