#!/usr/bin/env bash
# Container kernels and local mode against their host counterparts, side by side in one run:
#   1. from a kernelspec being chosen to the first cell's reply: the project's container kernel
#      (InstallNotebookKernel) against Debian's python3 kernel on the host, through jupyter_client;
#   2. `dotnet run -p:NotebookRunIn=Container` against `dotnet run` on the host, for the same 1-cell notebook.
# Needs an engine and a base image with python3-ipykernel in a registry:
#   DOCKER_HOST=unix:///... BASE_IMAGE=127.0.0.1:PORT/e2e/base:TAG bash bench/kernels/run.sh [RUNS]
# (eng/e2e/main-job.sh starts both; the tests' EngineFixture does the same.) Uses the SDK in artifacts/packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${1:-3}
: "${DOCKER_HOST:?set DOCKER_HOST to the engine to measure}" "${BASE_IMAGE:?set BASE_IMAGE to a base image with python3-ipykernel}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 NUGET_PACKAGES="$root/artifacts/nuget-packages"
work=$(mktemp -d /tmp/nbbench-kernel-XXXXXX)
trap 'rm -rf "$work"' EXIT
export JUPYTER_DATA_DIR="$work/jupyter"
version=$(sed -n 's:.*<NotebookSdkVersion>\(.*\)</NotebookSdkVersion>.*:\1:p' Directory.Build.props)
mkdir -p "$work/benchjob"
cat > "$work/benchjob/benchjob.nbproj" <<XML
<Project Sdk="Notebook.Sdk/$version"><PropertyGroup><ContainerBaseImage>$BASE_IMAGE</ContainerBaseImage></PropertyGroup></Project>
XML
cat > "$work/benchjob/NuGet.config" <<XML
<configuration><packageSources><clear /><add key="sdk" value="$root/artifacts/packages" /></packageSources></configuration>
XML
/usr/bin/python3 bench/make_notebook.py 1 "$work/benchjob/benchjob.ipynb"
dotnet build "$work/benchjob/benchjob.nbproj" -t:InstallNotebookKernel -v:q -nologo >/dev/null

echo "== first cell's reply after choosing the kernel (median of $runs)"
container=$(/usr/bin/python3 bench/kernels/first_reply.py benchjob-container "$runs")
host=$(/usr/bin/python3 bench/kernels/first_reply.py python3 "$runs")
echo "container kernel: $container s; host python3: $host s; ratio $(/usr/bin/python3 -c "print(f'{$container/$host:.1f}')")"

echo "== dotnet run of a 1-cell notebook (mean of $runs)"
cd "$work/benchjob"
/usr/bin/python3 "$root/bench/time_commands.py" "$runs" "$work/run.json" \
  host "dotnet run --no-build" \
  container "dotnet run --no-build -p:NotebookRunIn=Container"
/usr/bin/python3 - "$work/run.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"host {r['host']:.2f} s; container {r['container']:.2f} s; ratio {r['container'] / r['host']:.1f}")
PY
