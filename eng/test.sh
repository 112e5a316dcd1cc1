#!/usr/bin/env bash
# Runs every test: unit tests of the libraries, runner tests against a real ipykernel, image tests against
# a real registry, and targets tests that build real .nbproj projects with the dotnet CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet test Notebook.Sdk.sln -nodeReuse:false "$@"
