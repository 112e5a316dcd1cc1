#!/usr/bin/env bash
# The image's runner two ways, side by side in one run: today's self-contained trimmed ReadyToRun single file
# (what sdk/Notebook.Sdk/Notebook.Sdk.csproj packs) against NativeAOT. Measures the runner's size (the file, and
# the runner layer as gzip at zlib level 6, what the layer writer's CompressionLevel.Optimal is) and start-up:
# the median wall time of `nbrun --list-parameters --json` of a 1-cell notebook, RUNS times each, interleaved
# so that load on the machine falls on both alike. See docs/benchmarks.md, section "NativeAOT runner".
#
#   bench/aot/run.sh [RUNS]      RUNS start-ups per runner (default 200)
#
# Needs: dotnet, clang (NativeAOT links with it), python3. Builds both runners in artifacts/runner-pack/bench-*.
set -euo pipefail

runs="${1:-200}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbaot-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
command -v clang >/dev/null || { echo "bench: install clang (apt-get install clang)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

publish() { # FLAVOR OUT PROPERTIES...
  local flavor="$1" out="$2"; shift 2
  dotnet publish "$repo/sdk/Notebook.Runner/Notebook.Runner.csproj" -c Release -r linux-x64 -nodeReuse:false -nologo -v:q \
    -p:NotebookRunnerFlavor="$flavor" -p:SelfContained=true -o "$out" "$@" > "$work/$flavor.log" 2>&1 \
    || { cat "$work/$flavor.log" >&2; exit 1; }
  grep -E ' warning (IL|NETSDK)' "$work/$flavor.log" | sort -u >&2 || true
}
publish bench-r2r "$work/r2r" -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true
publish bench-aot "$work/aot" -p:PublishAot=true

# One code cell, tagged parameters, so that listing reads and types a parameter.
python3 - "$work/one.ipynb" <<'PY'
import json, sys
cell = {"cell_type": "code", "id": "c1", "metadata": {"tags": ["parameters"]}, "execution_count": None, "outputs": [], "source": "region = \"west\"\ntop_n: int = 10"}
json.dump({"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "cells": [cell]}, open(sys.argv[1], "w"))
PY

python3 - "$runs" "$work" <<'PY'
import gzip, os, statistics, subprocess, sys, time
runs, work = int(sys.argv[1]), sys.argv[2]
runners = {"ReadyToRun single file": f"{work}/r2r/nbrun", "NativeAOT": f"{work}/aot/nbrun"}
size = {k: os.path.getsize(p) for k, p in runners.items()}
layer = {k: len(gzip.compress(open(p, "rb").read(), compresslevel=6, mtime=0)) for k, p in runners.items()}
times = {k: [] for k in runners}
def once(path):
    start = time.perf_counter()
    subprocess.run([path, f"{work}/one.ipynb", "--list-parameters", "--json"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
for path in runners.values():
    once(path)  # warm-up: page cache
for _ in range(runs):
    for name, path in runners.items():
        times[name].append(once(path))
print(f"{runs} start-ups each, interleaved; load average {os.getloadavg()[0]:.1f}")
print("| runner | file MB | runner layer (gzip) MB | start-up median ms | p90 ms |")
print("|---|---:|---:|---:|---:|")
for name in runners:
    t = sorted(times[name])
    print(f"| {name} | {size[name]/1e6:.1f} | {layer[name]/1e6:.1f} | {statistics.median(t)*1e3:.1f} | {t[int(len(t)*0.9)]*1e3:.1f} |")
a, r = "NativeAOT", "ReadyToRun single file"
print(f"NativeAOT / ReadyToRun: file {size[a]/size[r]:.2f}, layer {layer[a]/layer[r]:.2f}, "
      f"start-up median {statistics.median(times[a])/statistics.median(times[r]):.2f}")
PY
