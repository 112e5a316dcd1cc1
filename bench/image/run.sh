#!/usr/bin/env bash
# Image publish: wall time of `dotnet publish` of a .nbproj (cold and warm, to an OCI layout and to a
# docker-archive tar) against the .NET SDK's in-box `PublishContainer` of a console app with the same payload
# (cold and warm, to a docker-archive tar), and the bytes a re-push of an unchanged image uploads.
# Same machine, same local base image (pushed to a local docker-registry), same payload: one notebook and a
# 20 MB CSV-like data file. See docs/benchmarks.md, section "Image publish".
#
#   bench/image/run.sh [RUNS]     RUNS warm publishes per tool (default 3); cold runs once per tool
#
# Needs: dotnet, docker-registry, python3, and the packed SDK in artifacts/packages (build it with
# `dotnet build tests/Notebook.Testing -p:PackRunner=false`). Everything runs offline on 127.0.0.1.
set -euo pipefail

runs="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/nbimage-bench.XXXXXX")"
registry_pid=""
cleanup() { [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v docker-registry >/dev/null || { echo "bench: install docker-registry (apt-get install docker-registry)" >&2; exit 1; }
version="$(sed -n 's:.*<NotebookSdkVersion>\(.*\)</NotebookSdkVersion>.*:\1:p' "$repo/Directory.Build.props")"
[[ -f "$repo/artifacts/packages/Notebook.Sdk.$version.nupkg" ]] || { echo "bench: pack the SDK first: dotnet build tests/Notebook.Testing -p:PackRunner=false" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 NUGET_PACKAGES="$work/nuget"
unset SOURCE_DATE_EPOCH CI GITHUB_ACTIONS

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
publish() { dotnet publish "$@" -nodeReuse:false -nologo -v:q > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }; }

# --- a local registry with an access log, and a tiny base image in it -----------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
cat > "$work/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $work/registry-data } }
http: { addr: $registry, secret: bench }
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fs "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

cat > "$work/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="notebook-sdk" value="$repo/artifacts/packages" /></packageSources></configuration>
EOF

# The base: a scratch image with a small rootfs file, made and pushed by the SDK itself.
mkdir -p "$work/base/rootfs/etc"
printf 'NAME="bench"\nID=bench\n' > "$work/base/rootfs/etc/os-release"
cp "$work/NuGet.config" "$work/base/"
cat > "$work/base/base.nbproj" <<EOF
<Project Sdk="Notebook.Sdk/$version">
  <PropertyGroup>
    <ContainerBaseImage>scratch</ContainerBaseImage>
    <ContainerRegistry>$registry</ContainerRegistry>
    <ContainerImageTag>1</ContainerImageTag>
    <ContainerWorkingDirectory>/etc</ContainerWorkingDirectory>
    <NotebookRunnerPath>none</NotebookRunnerPath>
  </PropertyGroup>
  <ItemGroup><NotebookContent Include="rootfs/etc/os-release" Link="os-release" /></ItemGroup>
</Project>
EOF
publish "$work/base/base.nbproj"
base="$registry/base:1"

# --- the payload: a notebook and 20 MB of CSV-like data (compressible, deterministic) ---------------------
payload="$work/payload"
mkdir -p "$payload/data"
python3 - "$payload" <<'EOF'
import json, random, sys
root = sys.argv[1]
nb = {"cells": [
  {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [], "source": ["top_n: int = 10\n"]},
  {"cell_type": "code", "execution_count": None, "id": "b", "metadata": {}, "outputs": [], "source": ["import csv\n", "print(sum(1 for _ in open('data/big.csv')))\n"]}],
  "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
  "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(f"{root}/report.ipynb", "w"), indent=1)
rng = random.Random(42)
regions = ["north", "south", "east", "west", "centre"]
with open(f"{root}/data/big.csv", "w") as f:
    f.write("id,region,date,amount,score\n")
    i = 0
    while f.tell() < 20 * 1024 * 1024:
        f.write(f"{i},{rng.choice(regions)},2026-{rng.randint(1,12):02d}-{rng.randint(1,28):02d},{rng.uniform(0,1e4):.2f},{rng.random():.6f}\n")
        i += 1
EOF
# The runner is ~15 MB in the real package; when the packed SDK has none, a 15 MB stand-in keeps the layer honest.
runner="$work/nbrun"
python3 -c "import random,sys; sys.stdout.buffer.write(random.Random(7).randbytes(15 * 1024 * 1024))" > "$runner"

# --- Notebook.Sdk: .nbproj ------------------------------------------------------------------------------
nb="$work/nb"
mkdir -p "$nb"
cp -r "$payload/." "$nb/"
cp "$work/NuGet.config" "$nb/"
cat > "$nb/job.nbproj" <<EOF
<Project Sdk="Notebook.Sdk/$version">
  <PropertyGroup>
    <Version>1.4.0</Version>
    <ContainerBaseImage>$base</ContainerBaseImage>
    <NotebookRunnerPath>$runner</NotebookRunnerPath>
  </PropertyGroup>
  <ItemGroup><NotebookContent Include="data/**" /></ItemGroup>
</Project>
EOF
dotnet restore "$nb/job.nbproj" -nodeReuse:false -v:q > /dev/null

t0=$(now); publish "$nb/job.nbproj" -p:NotebookImageLayoutPath="$work/out/nb-oci"; t1=$(now)
nb_cold=$(elapsed "$t0" "$t1")
nb_warm_total=0
for _ in $(seq "$runs"); do
  t0=$(now); publish "$nb/job.nbproj" -p:NotebookImageLayoutPath="$work/out/nb-oci"; t1=$(now)
  nb_warm_total=$(python3 -c "print($nb_warm_total + $t1 - $t0)")
done
nb_warm=$(python3 -c "print(f'{$nb_warm_total / $runs:.2f}')")
nb_digest_layout=$(python3 -c "import json;print(json.load(open('$nb/bin/Release/publish/image.json'))['digest'])")
t0=$(now); publish "$nb/job.nbproj" -p:ContainerArchiveOutputPath="$work/out/nb.tar"; t1=$(now)
nb_archive_warm=$(elapsed "$t0" "$t1")

# Re-push of an unchanged image: the first push uploads, the second must upload 0 bytes.
puts_start=$(grep -c 'PUT /v2/job/blobs/uploads/' "$work/registry.log" || true)
publish "$nb/job.nbproj" -p:ContainerRegistry="$registry"
first_puts=$(( $(grep -c 'PUT /v2/job/blobs/uploads/' "$work/registry.log" || true) - puts_start ))
first_uploaded=$(python3 -c "import json;print(json.load(open('$nb/bin/Release/publish/image.json'))['push']['uploadedBytes'])")
uploads_before=$(grep -c 'PUT /v2/job/blobs/uploads/' "$work/registry.log" || true)
t0=$(now); publish "$nb/job.nbproj" -p:ContainerRegistry="$registry"; t1=$(now)
repush=$(elapsed "$t0" "$t1")
uploads_after=$(grep -c 'PUT /v2/job/blobs/uploads/' "$work/registry.log" || true)
repush_bytes=$(python3 -c "import json;print(json.load(open('$nb/bin/Release/publish/image.json'))['push']['uploadedBytes'])")

# --- .NET SDK: PublishContainer of a console app with the same payload ----------------------------------
app="$work/app"
mkdir -p "$app"
(cd "$app" && dotnet new console -n app -o . --no-restore > /dev/null)
cp -r "$payload/." "$app/"
cp "$work/NuGet.config" "$app/"
cat > "$app/Directory.Build.props" <<EOF
<Project>
  <ItemGroup>
    <Content Include="report.ipynb;data/big.csv" CopyToPublishDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
EOF
dotnet restore "$app/app.csproj" -nodeReuse:false -v:q > /dev/null
# The .NET SDK only speaks HTTP to a registry listed as insecure (ours: any loopback registry).
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry"
container_args=(-t:PublishContainer -p:ContainerBaseImage="$base" -p:ContainerArchiveOutputPath="$work/out/dotnet.tar" -p:ContainerRepository=app)
t0=$(now); publish "$app/app.csproj" "${container_args[@]}"; t1=$(now)
dn_cold=$(elapsed "$t0" "$t1")
dn_warm_total=0
for _ in $(seq "$runs"); do
  t0=$(now); publish "$app/app.csproj" "${container_args[@]}"; t1=$(now)
  dn_warm_total=$(python3 -c "print($dn_warm_total + $t1 - $t0)")
done
dn_warm=$(python3 -c "print(f'{$dn_warm_total / $runs:.2f}')")

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
cat <<EOF

Image publish ($(nproc) cores, $(date -u +%Y-%m-%d), payload: notebook + $(du -m "$payload/data/big.csv" | cut -f1) MB data + 15 MB runner, base $base)

| what | seconds |
|---|---|
| Notebook.Sdk, cold publish to OCI layout | $nb_cold |
| Notebook.Sdk, warm publish to OCI layout (mean of $runs, nothing changed) | $nb_warm |
| Notebook.Sdk, warm publish to docker-archive tar | $nb_archive_warm |
| .NET SDK PublishContainer, cold, docker-archive tar | $dn_cold |
| .NET SDK PublishContainer, warm (mean of $runs, nothing changed) | $dn_warm |
| Notebook.Sdk, re-push of an unchanged image | $repush |

ratios (Notebook.Sdk / .NET SDK): cold $(ratio "$nb_cold" "$dn_cold"), warm $(ratio "$nb_warm" "$dn_warm")
first push uploaded $first_uploaded bytes in $first_puts blob PUTs; re-push uploaded $repush_bytes bytes (image.json), $((uploads_after - uploads_before)) blob PUTs (registry log)
Notebook.Sdk digest (same on every warm run): $nb_digest_layout
EOF
