#!/usr/bin/env bash
# Gateway kernels: wall time of nbrun with a kernel on a Jupyter Server (--gateway-url, loopback) side by side with
# nbrun's local kernel and `jupyter nbconvert --execute` (local kernel; nbconvert cannot use a gateway), on a 1-cell
# and a 200-cell notebook of trivial cells, same machine, same ipykernel. See docs/benchmarks.md.
#
#   bench/gateway/run.sh [RUNS]              RUNS per command (default 5)
#   NBRUN="dotnet /path/nbrun.dll" bench/gateway/run.sh   time this nbrun instead of building one
#
# Needs: dotnet, /usr/bin/python3 with ipykernel, python3-jupyter-server, jupyter-nbconvert.
set -euo pipefail

runs="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
repo="$(dirname "$bench")"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbrun-gateway-bench.XXXXXX")"
python=/usr/bin/python3
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$python" -c "import ipykernel, jupyter_server" || { echo "bench: install python3-ipykernel python3-jupyter-server" >&2; exit 1; }
command -v jupyter-nbconvert >/dev/null || { echo "bench: install jupyter-nbconvert" >&2; exit 1; }

if [[ -z "${NBRUN:-}" ]]; then
  echo "bench: building nbrun (Release)..." >&2
  dotnet build "$repo/sdk/Notebook.Runner/Notebook.Runner.csproj" -nodeReuse:false -c Release -p:NotebookRunnerFlavor=gateway-bench >/dev/null
  NBRUN="dotnet $(find "$repo/artifacts/runner-pack/gateway-bench/Notebook.Runner/bin/Release" -name nbrun.dll | head -1)"
fi

port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$python" -c 'import secrets; print(secrets.token_hex(24))')"
mkdir -p "$work/root" "$work/config" "$work/data" "$work/runtime"
JUPYTER_CONFIG_DIR="$work/config" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime" \
  "$python" -m jupyter_server --ServerApp.ip=127.0.0.1 --ServerApp.port="$port" --ServerApp.port_retries=0 \
  --ServerApp.token="$token" --ServerApp.open_browser=False --ServerApp.allow_root=True \
  --ServerApp.root_dir="$work/root" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fsS -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" >/dev/null 2>&1 && break
  sleep 0.2
done
export JUPYTER_GATEWAY_AUTH_TOKEN="$token"

"$python" "$bench/make_notebook.py" 1 "$work/cells1.ipynb"
"$python" "$bench/make_notebook.py" 200 "$work/cells200.ipynb"

for n in 1 200; do
  "$python" "$bench/time_commands.py" "$runs" "$work/t$n.json" \
    "local $n" "$NBRUN $work/cells$n.ipynb --output-dir $work/out-local-$n 2>/dev/null" \
    "gateway $n" "$NBRUN $work/cells$n.ipynb --gateway-url http://127.0.0.1:$port --output-dir $work/out-gateway-$n 2>/dev/null" \
    "nbconvert $n" "jupyter-nbconvert --to notebook --execute --output-dir $work/out-nbconvert-$n $work/cells$n.ipynb 2>/dev/null"
done

left="$(curl -fsS -H "Authorization: token $token" "http://127.0.0.1:$port/api/kernels")"
"$python" - "$work/t1.json" "$work/t200.json" "$runs" "$left" <<'PY'
import json, os, sys

def means(path):
    return {r["command"].split()[0]: (r["mean"], r["stddev"] or 0.0) for r in json.load(open(path))["results"]}

t1, t200, runs, left = means(sys.argv[1]), means(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
print(f"load average at the end (1/5/15 min): {' '.join(open('/proc/loadavg').read().split()[:3])}; cores: {os.cpu_count()}; runs per command: {runs}")
print(f"kernels left on the server afterwards: {len(left)}")
print()
print("| | nbrun, gateway kernel | nbrun, local kernel | nbconvert, local kernel | gateway / local | gateway / nbconvert |")
print("|---|---:|---:|---:|---:|---:|")
for label, t in (("1 cell, wall time", t1), ("200 cells, wall time", t200)):
    (g, sg), (l, sl), (c, sc) = t["gateway"], t["local"], t["nbconvert"]
    print(f"| {label} | {g:.3f} s ± {sg:.3f} | {l:.3f} s ± {sl:.3f} | {c:.3f} s ± {sc:.3f} | {g / l:.2f} | {g / c:.2f} |")
per = {k: (t200[k][0] - t1[k][0]) / 199 * 1000 for k in ("gateway", "local", "nbconvert")}
print(f"| per cell, (t200 - t1) / 199 | {per['gateway']:.2f} ms | {per['local']:.2f} ms | {per['nbconvert']:.2f} ms | {per['gateway'] / per['local']:.2f} | {per['gateway'] / per['nbconvert']:.2f} |")
PY
