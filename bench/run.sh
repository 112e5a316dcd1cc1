#!/usr/bin/env bash
# Runner vs nbconvert: wall time of nbrun and `jupyter nbconvert --to notebook --execute` on a 1-cell and a
# 500-cell notebook of trivial cells, same machine, same ipykernel. See docs/benchmarks.md.
#
#   bench/run.sh [RUNS]            RUNS per command (default 5)
#   NBRUN=/path/to/nbrun bench/run.sh   skip the build and time this nbrun
#
# Needs: dotnet, /usr/bin/python3 with ipykernel and jupyter_client, jupyter-nbconvert; hyperfine when installed,
# else a small timing loop (bench/time_commands.py). Debian: apt-get install jupyter-nbconvert python3-ipykernel hyperfine.
set -euo pipefail

runs="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbrun-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3

command -v jupyter-nbconvert >/dev/null || { echo "bench: install jupyter-nbconvert (apt-get install jupyter-nbconvert)" >&2; exit 1; }
"$python" -c "import ipykernel, jupyter_client" || { echo "bench: install python3-ipykernel" >&2; exit 1; }

if [[ -z "${NBRUN:-}" ]]; then
  # The form nbrun ships in (Notebook.Sdk.csproj): Release, self-contained, single file, trimmed, ReadyToRun.
  echo "bench: publishing nbrun (Release, linux-x64, single file, trimmed, ReadyToRun)..." >&2
  dotnet publish "$repo/sdk/Notebook.Runner/Notebook.Runner.csproj" -nodeReuse:false -c Release -r linux-x64 \
    --self-contained -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true \
    -p:NotebookRunnerFlavor=bench -o "$work/nbrun" >/dev/null
  NBRUN="$work/nbrun/nbrun"
fi

"$python" "$here/make_notebook.py" 1 "$work/cells1.ipynb"
"$python" "$here/make_notebook.py" 500 "$work/cells500.ipynb"

# Both tools write an executed notebook; nbrun also writes its HTML report and run.json.
time_pair() {
  local n="$1"
  local nbrun_cmd="$NBRUN $work/cells$n.ipynb --output-dir $work/out-nbrun-$n 2>/dev/null"
  local nbconvert_cmd="jupyter-nbconvert --to notebook --execute --output-dir $work/out-nbconvert-$n $work/cells$n.ipynb 2>/dev/null"
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/t$n.json" \
      -n "nbrun $n" "$nbrun_cmd" -n "nbconvert $n" "$nbconvert_cmd" >&2
  else
    "$python" "$here/time_commands.py" "$runs" "$work/t$n.json" "nbrun $n" "$nbrun_cmd" "nbconvert $n" "$nbconvert_cmd"
  fi
}
time_pair 1
time_pair 500

echo "bench: measuring ipykernel's own round trip (jupyter_client, 500 cells)..." >&2
kernel_ms="$("$python" "$here/kernel_roundtrip.py" 500)"

"$python" - "$work/t1.json" "$work/t500.json" "$kernel_ms" "$runs" "$work/out-nbrun-500/run.json" <<'PY'
import json, statistics, sys

def means(path):
    return {r["command"].split()[0]: (r["mean"], r["stddev"] or 0.0) for r in json.load(open(path))["results"]}

t1, t500, kernel_ms, runs = means(sys.argv[1]), means(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print(f"load average at the end (1/5/15 min): {' '.join(open('/proc/loadavg').read().split()[:3])}; cores: {__import__('os').cpu_count()}")
print(f"runs per command: {runs}; ipykernel round trip of a trivial cell (jupyter_client): {kernel_ms:.2f} ms")
print()
print("| | nbrun | nbconvert | nbrun / nbconvert |")
print("|---|---:|---:|---:|")
for label, table in (("1 cell, wall time", t1), ("500 cells, wall time", t500)):
    (a, sa), (b, sb) = table["nbrun"], table["nbconvert"]
    print(f"| {label} | {a:.3f} s ± {sa:.3f} | {b:.3f} s ± {sb:.3f} | {a / b:.2f} |")
per_cell = {tool: (t500[tool][0] - t1[tool][0]) / 499 * 1000 for tool in ("nbrun", "nbconvert")}
print(f"| per cell, (t500 - t1) / 499 | {per_cell['nbrun']:.2f} ms | {per_cell['nbconvert']:.2f} ms | {per_cell['nbrun'] / per_cell['nbconvert']:.2f} |")
added = {tool: value - kernel_ms for tool, value in per_cell.items()}
print(f"| added per cell, minus the kernel's {kernel_ms:.2f} ms | {added['nbrun']:.2f} ms | {added['nbconvert']:.2f} ms | |")
cells = [c["duration_seconds"] * 1000 for c in json.load(open(sys.argv[5]))["cells"]]
print()
print(f"nbrun, inside the run (run.json of the last 500-cell run): mean {statistics.mean(cells):.2f} ms, "
      f"median {statistics.median(cells):.2f} ms per cell, request to reply+idle; "
      f"minus the kernel's {kernel_ms:.2f} ms: {statistics.mean(cells) - kernel_ms:+.2f} ms")
PY
