#!/usr/bin/env bash
# The main job, end to end on this machine, with nothing from outside this machine's package registries:
#   1. packs the SDK into artifacts/packages/ (with the linux-x64 runner nbrun);
#   2. starts a private Docker engine (Debian docker.io, vfs storage, no network for containers) and a local
#      registry (Debian docker-registry) on a free loopback port;
#   3. makes the base image once (debootstrap of Debian bookworm minbase + python3-ipykernel from the machine's
#      Debian mirror, cached in ~/.cache/notebook-sdk-e2e) and writes it into the registry with the SDK's own code;
#   4. `dotnet publish` of samples/report pushes the notebook image to the registry;
#   5. `docker pull` and `docker run` execute the notebook; the executed notebook, the HTML report and run.json
#      land in artifacts/main-job/.
# Everything it started is stopped at the end. Needs root (dockerd, debootstrap). Parameters for the notebook can
# be given as arguments: bash eng/e2e/main-job.sh -p region=west -p top_n=3
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
# The SDK keeps one version while it is developed: a package folder of our own, so a rebuilt package is never
# shadowed by an older copy in the user's NuGet cache.
export NUGET_PACKAGES="$root/artifacts/nuget-packages"

if [ "$(id -u)" != 0 ]; then
  echo "error: the main job starts its own dockerd and runs debootstrap: run it as root." >&2
  exit 1
fi
for tool in dockerd docker docker-registry debootstrap python3; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is missing; run eng/prerequisites.sh (as root)." >&2; exit 1; }
done

# Short: the engine's unix sockets live here (paths are limited to about 108 bytes).
state=$(mktemp -d /tmp/nbjob-XXXXXX)
dockerd_pid="" registry_pid=""
stop_all() {
  set +e
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    kill -TERM "$dockerd_pid"
    for _ in $(seq 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$dockerd_pid" 2>/dev/null; then kill -KILL "$dockerd_pid"; fi
  fi
  if [ -n "$registry_pid" ] && kill -0 "$registry_pid" 2>/dev/null; then kill "$registry_pid"; wait "$registry_pid" 2>/dev/null || true; fi
  # Mounts dockerd may leave (vfs, overlay, shm) are removed before the folder, deepest first.
  grep -o " $state[^ ]*" /proc/self/mounts | sort -r | while read -r mount; do umount -l "$mount" || true; done
  if ! grep -q " $state" /proc/self/mounts; then rm -rf "$state"; fi
}
trap stop_all EXIT

echo "== 1. Notebook.Sdk package"
rm -rf "$NUGET_PACKAGES/notebook.sdk"
dotnet pack sdk/Notebook.Sdk -c Release -nodeReuse:false -v:q

echo "== 2. Docker engine and registry"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
registry="127.0.0.1:$port"
cat > "$state/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/registry
http:
  addr: $registry
YAML
docker-registry serve "$state/registry.yml" > "$state/registry.log" 2>&1 &
registry_pid=$!
dockerd --storage-driver vfs --iptables=false --ip6tables=false --bridge=none -H "unix://$state/docker.sock" \
  --data-root "$state/data" --exec-root "$state/exec" --pidfile "$state/docker.pid" > "$state/dockerd.log" 2>&1 &
dockerd_pid=$!
export DOCKER_HOST="unix://$state/docker.sock" DOCKER_API_VERSION=1.41 DOCKER_CONFIG="$state/client" DOCKER_CLI_HINTS=false
mkdir -p "$DOCKER_CONFIG"
for _ in $(seq 120); do docker version > /dev/null 2>&1 && break; sleep 0.5; done
docker version --format 'engine {{.Server.Version}} on '"$DOCKER_HOST" || { echo "error: dockerd did not start:" >&2; tail -20 "$state/dockerd.log" >&2; exit 1; }
python3 - "$registry" <<'PY' || { echo "error: docker-registry did not start:" >&2; cat "$state/registry.log" >&2; exit 1; }
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://{sys.argv[1]}/v2/", timeout=2); print(f"registry on {sys.argv[1]}"); sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY

echo "== 3. Base image (Debian bookworm + python3-ipykernel; built once, then cached)"
base=$(dotnet run --project eng/e2e/Notebook.E2E.Environment -c Release -- base-image --registry "$registry")

echo "== 4. dotnet publish samples/report -> $registry"
work="$state/report"
cp -r samples/report "$work"
rm -rf "$work/bin" "$work/obj"
cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="notebook-sdk-local" value="$root/artifacts/packages" />
  </packageSources>
</configuration>
XML
dotnet publish "$work/report.nbproj" -c Release -nodeReuse:false \
  "-p:ContainerRegistry=$registry" "-p:ContainerBaseImage=$base"
image="$registry/notebooks/report:1.0.0"

echo "== 5. docker run $image $*"
docker pull -q "$image"
out="$root/artifacts/main-job"
rm -rf "$out"
mkdir -p "$out"
chmod 0777 "$out"   # the image runs as the non-root user 1000
set +e
docker run --rm --network none -v "$out:/app/output" "$image" "$@"
code=$?
set -e

echo
echo "The notebook ran in $image (exit code $code)."
echo "  executed notebook: $out/report.ipynb"
echo "  HTML report:       $out/report.html"
echo "  run record:        $out/run.json"
exit $code
