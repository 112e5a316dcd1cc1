#!/usr/bin/env bash
# The main job: builds Notebook.Sdk, publishes samples/report as an image to a local registry, runs it in a
# private Docker engine and prints where the executed notebook and report are (eng/e2e/main-job.sh,
# docs/e2e.md). Notebook parameters may follow: bash eng/build.sh -p region=west
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prerequisites.sh
exec bash eng/e2e/main-job.sh "$@"
