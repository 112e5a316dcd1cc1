#!/usr/bin/env bash
# The main job: builds the Notebook.Sdk package and builds the sample notebook project with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
# The SDK keeps one version while it is developed: use a package folder of our own so a rebuilt
# package is never shadowed by an older copy in the user's NuGet cache.
export NUGET_PACKAGES="$PWD/artifacts/nuget-packages"
rm -rf "$NUGET_PACKAGES/notebook.sdk"

dotnet pack sdk/Notebook.Sdk -nodeReuse:false
dotnet build samples/hello/hello.nbproj -nodeReuse:false
echo
echo "Built samples/hello with Notebook.Sdk from artifacts/packages/."
echo "Parameter schema: $(ls samples/hello/obj/Debug/notebooks/*.parameters.json 2>/dev/null || echo none)"
