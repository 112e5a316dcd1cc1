#!/usr/bin/env bash
# Container round trip through Notebook.Sdk's DockerEngine against 'docker run --rm' (the tool a user would pick),
# side by side in one run, on a private dockerd (vfs, no bridge) with a tiny image (the host's dash and libc).
# Usage: bash bench/engine/run.sh [RUNS]   (run as root; prints a markdown table)
set -euo pipefail
runs=${1:-10}
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d /tmp/nbd-bench-XXXXXX)
cleanup() {
  if [ -f "$root/docker.pid" ]; then kill -TERM "$(cat "$root/docker.pid")" 2>/dev/null || true; sleep 3; fi
  grep " $root/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l || true
  rm -rf "$root"
}
trap cleanup EXIT
mkdir -p "$root/rootfs/bin" "$root/rootfs/lib/x86_64-linux-gnu" "$root/rootfs/lib64"
cp /bin/dash "$root/rootfs/bin/sh"
cp -L /lib/x86_64-linux-gnu/libc.so.6 "$root/rootfs/lib/x86_64-linux-gnu/"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/rootfs/lib64/"
tar -C "$root/rootfs" -cf "$root/rootfs.tar" .
dockerd --storage-driver vfs --iptables=false --bridge=none -H "unix://$root/docker.sock" \
  --data-root "$root/data" --exec-root "$root/exec" --pidfile "$root/docker.pid" > "$root/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$root/docker.sock"
for _ in $(seq 1 100); do docker version > /dev/null 2>&1 && break; sleep 0.2; done
docker import --change 'ENTRYPOINT ["/bin/sh","-c"]' "$root/rootfs.tar" bench-sh:1 > /dev/null

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet build "$here/EngineBench.csproj" -c Release -nodeReuse:false -o "$root/bench" > "$root/build.log"
# One warm-up each, then RUNS measured.
"$root/bench/EngineBench" bench-sh:1 1 > /dev/null
docker run --rm --network none bench-sh:1 'echo hello; exit 3' > /dev/null || true
ours=$("$root/bench/EngineBench" bench-sh:1 "$runs")
start=$(date +%s.%N)
for _ in $(seq 1 "$runs"); do
  out=$(docker run --rm --network none bench-sh:1 'echo hello; exit 3') && exit 1 || [ $? -eq 3 ]
  [ "$out" = hello ]
done
cli=$(echo "($(date +%s.%N) - $start) / $runs" | bc -l)
printf '| runs | DockerEngine (s per run) | docker run --rm (s per run) | ratio ours / CLI |\n|---:|---:|---:|---:|\n'
printf '| %d | %.3f | %.3f | **%.2f** |\n' "$runs" "$ours" "$cli" "$(echo "$ours / $cli" | bc -l)"
