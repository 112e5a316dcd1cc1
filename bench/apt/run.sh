#!/usr/bin/env bash
# OS packages: wall time of `dotnet restore` (packages.lock) and `dotnet publish` (the os-packages layer) of a
# .nbproj with apt.txt = libgomp1 graphviz fonts-dejavu-core (63 packages on the e2e base), cold (empty package
# cache, fresh obj/) and with the cache, next to `docker build` of a Dockerfile `FROM base / RUN apt-get update &&
# apt-get install -y --no-install-recommends ...` on the same private dockerd (cold: --no-cache). Same base image
# (the e2e Debian base, in a local docker-registry and loaded into the engine), same mirror (this machine's apt
# source, reached directly: http://deb.debian.org through the machine's network). See docs/benchmarks.md.
#
#   sudo bash bench/apt/run.sh [RUNS]    RUNS warm runs per step (default 3)
#
# Needs root (dockerd), docker.io, docker-registry, and the packed SDK in artifacts/packages
# (dotnet build tests/Notebook.Testing -p:PackRunner=false).
set -euo pipefail
runs="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/nbapt-bench.XXXXXX)"
registry_pid=""
cleanup() {
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null || true
  if [ -f "$work/docker.pid" ]; then kill -TERM "$(cat "$work/docker.pid")" 2>/dev/null || true; sleep 3; fi
  grep " $work/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l || true
  rm -rf "$work"
}
trap cleanup EXIT

version="$(sed -n 's:.*<NotebookSdkVersion>\(.*\)</NotebookSdkVersion>.*:\1:p' "$repo/Directory.Build.props")"
[[ -f "$repo/artifacts/packages/Notebook.Sdk.$version.nupkg" ]] || { echo "bench: pack the SDK first: dotnet build tests/Notebook.Testing -p:PackRunner=false" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 NUGET_PACKAGES="$work/nuget"
unset SOURCE_DATE_EPOCH CI GITHUB_ACTIONS
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
median() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
mirror="${NOTEBOOK_E2E_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p; s/^deb *\(\[[^]]*\] *\)\?\(http[^ ]*\/debian\) .*/\2/p' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | head -1 || true)}"

# --- registry and engine ---------------------------------------------------------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
printf 'version: 0.1\nlog: { level: warn }\nstorage: { filesystem: { rootdirectory: %s/registry-data } }\nhttp: { addr: %s, secret: bench }\n' "$work" "$registry" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fs "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
base="$(dotnet run --project "$repo/eng/e2e/Notebook.E2E.Environment" -- base-image --registry "$registry" 2>/dev/null)"
dockerd --storage-driver vfs --iptables=false --ip6tables=false --bridge=none -H "unix://$work/docker.sock" \
  --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/docker.pid" > "$work/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$work/docker.sock" DOCKER_CONFIG="$work/docker-config"
for _ in $(seq 1 100); do docker version > /dev/null 2>&1 && break; sleep 0.2; done
docker pull -q "$base" > /dev/null

# --- the project ------------------------------------------------------------------------------------------
proj="$work/osjob"; mkdir -p "$proj"
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="sdk" value="%s" /></packageSources></configuration>\n' "$repo/artifacts/packages" > "$proj/NuGet.config"
cat > "$proj/osjob.nbproj" <<EOF
<Project Sdk="Notebook.Sdk/$version">
  <PropertyGroup>
    <ContainerBaseImage>$base</ContainerBaseImage>
    <NotebookImageLayoutPath>\$(MSBuildProjectDirectory)/layout</NotebookImageLayoutPath>
    <NotebookDebianMirror>$mirror</NotebookDebianMirror>
    <NotebookDebianPackageCache>$work/debcache</NotebookDebianPackageCache>
  </PropertyGroup>
</Project>
EOF
printf 'libgomp1\ngraphviz\nfonts-dejavu-core\n' > "$proj/apt.txt"
echo '{"cells":[],"metadata":{"kernelspec":{"name":"python3","display_name":"Python 3","language":"python"}},"nbformat":4,"nbformat_minor":5}' > "$proj/osjob.ipynb"
run() { "$@" -nodeReuse:false -nologo -v:q > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }; }
dotnet restore "$proj/osjob.nbproj" -nodeReuse:false -v:q > /dev/null 2>&1 || true   # NuGet only, not measured
rm -f "$proj/packages.lock"; rm -rf "$work/debcache"

t0=$(now); run dotnet restore "$proj/osjob.nbproj"; restore_cold=$(elapsed "$t0" "$(now)")
t0=$(now); run dotnet publish "$proj/osjob.nbproj" -c Release; publish_cold=$(elapsed "$t0" "$(now)")
rw=(); pw=()
for _ in $(seq "$runs"); do
  rm -f "$proj/packages.lock"; rm -rf "$proj/obj" "$proj/bin" "$proj/layout"
  t0=$(now); run dotnet restore "$proj/osjob.nbproj"; rw+=("$(elapsed "$t0" "$(now)")")
  t0=$(now); run dotnet publish "$proj/osjob.nbproj" -c Release --no-restore; pw+=("$(elapsed "$t0" "$(now)")")
done
restore_warm=$(median "${rw[@]}"); publish_warm=$(median "${pw[@]}")

# --- docker build with RUN apt-get install, same engine, same base, same mirror --------------------------
mkdir -p "$work/ctx"
cat > "$work/ctx/Dockerfile" <<EOF
FROM $base
RUN printf 'deb $mirror bookworm main\n' > /etc/apt/sources.list && rm -f /etc/apt/sources.list.d/* \
 && apt-get update && apt-get install -y --no-install-recommends libgomp1 graphviz fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
EOF
docker_ok=1
t0=$(now); docker build --network host --no-cache -q -t apt-bench "$work/ctx" > "$work/docker.log" 2>&1 || docker_ok=0; docker_cold=$(elapsed "$t0" "$(now)")
t0=$(now); docker build --network host -q -t apt-bench "$work/ctx" >> "$work/docker.log" 2>&1 || docker_ok=0; docker_warm=$(elapsed "$t0" "$(now)")
[ "$docker_ok" = 1 ] || { echo "docker build failed:"; tail -20 "$work/docker.log"; }

printf '| step | Notebook.Sdk cold (s) | Notebook.Sdk with cache (s, median of %s) | docker build --no-cache (s) | docker build, cached (s) |\n|---|---:|---:|---:|---:|\n' "$runs"
printf '| restore: packages.lock | %s | %s | | |\n' "$restore_cold" "$restore_warm"
printf '| publish: os-packages layer and image | %s | %s | | |\n' "$publish_cold" "$publish_warm"
printf '| restore + publish / docker build | %s | %s | %s | %s |\n' \
  "$(python3 -c "print(f'{$restore_cold + $publish_cold:.2f}')")" "$(python3 -c "print(f'{$restore_warm + $publish_warm:.2f}')")" "$docker_cold" "$docker_warm"
