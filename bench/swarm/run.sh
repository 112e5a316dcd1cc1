#!/usr/bin/env bash
# Swarm sweep: a 20-set sweep of a 1-cell notebook on a one-node Docker Swarm with concurrency 4 (`nbrun swarm
# --sweep`, what `dotnet run -p:NotebookRunIn=Swarm -p:NotebookSweep=... -p:NotebookSweepConcurrency=4` runs), side
# by side with the same 20 runs one after the other with `docker run`, in one run of this script, on the same private
# dockerd (vfs storage), the same image and the same loopback registry. See docs/benchmarks.md.
#
#   bench/swarm/run.sh [SETS] [CONCURRENCY]      default 20 sets, concurrency 4
#
# Needs (as root): dockerd and docker (docker.io), docker-registry, dotnet; artifacts/packages/Notebook.Sdk.*.nupkg
# with the linux-x64 runner (dotnet build tests/Notebook.Testing packs it). Everything it starts is stopped.
set -euo pipefail

sets="${1:-20}"
concurrency="${2:-4}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$(dirname "$here")")"
work="$(mktemp -d /tmp/nbsw-bench.XXXXXX)"
dockerd_pid=""; registry_pid=""
export DOCKER_HOST="unix://$work/docker.sock" DOCKER_API_VERSION=1.41 DOCKER_CONFIG="$work/client"
cleanup() {
  set +e
  if [[ -n "$dockerd_pid" ]]; then
    docker service ls -q | xargs -r docker service rm >/dev/null 2>&1
    docker swarm leave --force >/dev/null 2>&1
    docker network rm docker_gwbridge >/dev/null 2>&1
    kill -TERM "$dockerd_pid"; wait "$dockerd_pid" 2>/dev/null
  fi
  if [[ -n "$registry_pid" ]]; then kill "$registry_pid"; wait "$registry_pid" 2>/dev/null; fi
  grep " $work" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

mkdir -p "$work/client" "$work/registry" "$work/project"
port="$(free_port)"
cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port, secret: bench}
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 & registry_pid=$!
dockerd --storage-driver vfs --iptables=false --ip6tables=false --bridge=none -H "$DOCKER_HOST" \
  --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/docker.pid" >"$work/dockerd.log" 2>&1 & dockerd_pid=$!
for _ in $(seq 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
docker swarm init --advertise-addr 127.0.0.1 --listen-addr "127.0.0.1:$(free_port)" >/dev/null
registry="127.0.0.1:$port"

echo "bench: base image and the notebook image..." >&2
base="$(dotnet run --project "$repo/eng/e2e/Notebook.E2E.Environment" -c Release -- base-image --registry "$registry" 2>/dev/null)"
version="$(sed -n 's:.*<NotebookSdkVersion>\(.*\)</NotebookSdkVersion>.*:\1:p' "$repo/Directory.Build.props")"
cat > "$work/project/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="sdk" value="$repo/artifacts/packages" /></packageSources></configuration>
XML
cat > "$work/project/bench.nbproj" <<XML
<Project Sdk="Notebook.Sdk/$version"><PropertyGroup><Version>1.0.0</Version><ContainerRepository>bench/one</ContainerRepository></PropertyGroup></Project>
XML
python3 - "$work/project/one.ipynb" <<'PY'
import json, sys
cell = lambda src, tags=(): {"cell_type": "code", "execution_count": None, "metadata": {"tags": list(tags)}, "outputs": [], "source": src}
nb = {"cells": [cell("x: int = 0", ["parameters"]), cell("print(x * 2)")], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 4}
json.dump(nb, open(sys.argv[1], "w"))
PY
python3 -c "import sys; print(''.join(f'- {{x: {i}}}\n' for i in range(int(sys.argv[1]))), end='')" "$sets" > "$work/sweep.yaml"
NUGET_PACKAGES="$work/nuget" dotnet publish "$work/project/bench.nbproj" -c Release -nodeReuse:false -v:q \
  -p:ContainerRegistry="$registry" -p:ContainerBaseImage="$base" >/dev/null
digest="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['digest'])" "$work/project/bin/Release/publish/image.json")"
image="$registry/bench/one@$digest"
docker pull -q "$image" >/dev/null
nbrun="$(find "$work/nuget/notebook.sdk" -path '*tools/net10.0/nbrun.dll' | head -1)"

echo "bench: $sets sets on the swarm, concurrency $concurrency..." >&2
start=$(date +%s.%N)
dotnet "$nbrun" swarm --image "$image" --output-dir "$work/swarm-out" --network host --retries 0 \
  --sweep "$work/sweep.yaml" --sweep-concurrency "$concurrency" -- one.ipynb >"$work/swarm.log" 2>&1 || { cat "$work/swarm.log" >&2; exit 1; }
swarm=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")

echo "bench: the same $sets runs one after the other with docker run..." >&2
mkdir -p "$work/run-out"; chmod 777 "$work/run-out"
start=$(date +%s.%N)
for i in $(seq 0 $((sets - 1))); do
  mkdir -p "$work/run-out/$i"; chmod 777 "$work/run-out/$i"
  docker run --rm --network host -v "$work/run-out/$i:/app/output" "$image" one.ipynb -p "x=$i" >/dev/null 2>&1
done
sequential=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")

python3 - "$swarm" "$sequential" "$sets" "$concurrency" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
swarm, seq, sets, k, cpus, load = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
print(f"| {sets} sets, 1-cell notebook | wall time | per set | ratio to docker run |")
print("|---|---|---|---|")
print(f"| swarm sweep, concurrency {k} (nbrun swarm) | {swarm:.1f} s | {swarm/int(sets):.2f} s | {swarm/seq:.2f}x |")
print(f"| docker run, one after the other | {seq:.1f} s | {seq/int(sets):.2f} s | 1.00x |")
print(f"({cpus} cores, load average {load} at the end)")
PY
