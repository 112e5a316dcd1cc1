#!/usr/bin/env bash
# Installs the Debian packages the tests and the main job use, when they are missing.
# Real parts, not mocks: ipykernel runs notebooks, docker-registry and skopeo check images.
set -euo pipefail

packages=(python3-ipykernel python3-nbformat jupyter-nbconvert docker-registry skopeo umoci apache2-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
