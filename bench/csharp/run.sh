#!/usr/bin/env bash
# C# notebooks: wall time of nbrun and `jupyter nbconvert --to notebook --execute` on a 1-cell and a 50-cell C#
# notebook of trivial cells, on the same .NET Interactive kernel (Microsoft.dotnet-interactive, installed here into
# a temp tool path with the kernelspec an image would use). See docs/benchmarks.md.
#
#   bench/csharp/run.sh [RUNS]            RUNS per command (default 3)
#   NBRUN="/path/to/nbrun" bench/csharp/run.sh   time this nbrun instead of publishing one
#
# Needs: dotnet (with the ASP.NET Core shared runtime), jupyter-nbconvert, python3.
set -euo pipefail

runs="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$(dirname "$here")")"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbrun-bench-cs.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version=1.0.712001

command -v jupyter-nbconvert >/dev/null || { echo "bench: install jupyter-nbconvert" >&2; exit 1; }
dotnet --list-runtimes | grep -q Microsoft.AspNetCore.App || { echo "bench: the kernel needs the ASP.NET Core shared runtime" >&2; exit 1; }

echo "bench: installing Microsoft.dotnet-interactive $version..." >&2
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet tool install Microsoft.dotnet-interactive --version "$version" --tool-path "$work/tools" >/dev/null
mkdir -p "$work/jupyter/kernels/.net-csharp"
cat > "$work/jupyter/kernels/.net-csharp/kernel.json" <<JSON
{"argv": ["$work/tools/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
 "display_name": ".NET (C#)", "language": "C#",
 "env": {"DOTNET_gcServer": "0", "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}}
JSON
export JUPYTER_PATH="$work/jupyter"

if [[ -z "${NBRUN:-}" ]]; then
  echo "bench: publishing nbrun (Release, linux-x64, single file, trimmed, ReadyToRun)..." >&2
  dotnet publish "$repo/sdk/Notebook.Runner/Notebook.Runner.csproj" -nodeReuse:false -c Release -r linux-x64 \
    --self-contained -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true \
    -p:NotebookRunnerFlavor=bench -o "$work/nbrun" >/dev/null
  NBRUN="$work/nbrun/nbrun"
fi

for n in 1 50; do
  python3 - "$n" "$work/cells$n.ipynb" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [], "execution_count": None, "source": f"var x{i} = {i};"} for i in range(n)]
meta = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}, "language_info": {"name": "C#"}}
json.dump({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": cells}, open(path, "w"))
PY
done

time_pair() {
  local n="$1"
  python3 "$repo/bench/time_commands.py" "$runs" "$work/t$n.json" \
    "nbrun $n" "$NBRUN $work/cells$n.ipynb --output-dir $work/out-nbrun-$n 2>/dev/null" \
    "nbconvert $n" "jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp --output-dir $work/out-nbconvert-$n $work/cells$n.ipynb 2>/dev/null"
}
time_pair 1
time_pair 50

python3 - "$work/t1.json" "$work/t50.json" "$runs" <<'PY'
import json, os, sys
def means(path):
    return {r["command"].split()[0]: (r["mean"], r["stddev"] or 0.0) for r in json.load(open(path))["results"]}
t1, t50, runs = means(sys.argv[1]), means(sys.argv[2]), sys.argv[3]
print(f"load average at the end (1/5/15 min): {' '.join(open('/proc/loadavg').read().split()[:3])}; cores: {os.cpu_count()}; runs per command: {runs}")
print()
print("| C# notebook (.NET Interactive 1.0.712001) | nbrun | nbconvert | nbrun / nbconvert |")
print("|---|---:|---:|---:|")
for label, table in (("1 cell, wall time", t1), ("50 cells, wall time", t50)):
    (a, sa), (b, sb) = table["nbrun"], table["nbconvert"]
    print(f"| {label} | {a:.2f} s ± {sa:.2f} | {b:.2f} s ± {sb:.2f} | {a / b:.2f} |")
per = {t: (t50[t][0] - t1[t][0]) / 49 * 1000 for t in ("nbrun", "nbconvert")}
print(f"| per cell, (t50 - t1) / 49 | {per['nbrun']:.1f} ms | {per['nbconvert']:.1f} ms | {per['nbrun'] / per['nbconvert']:.2f} |")
PY
