#!/usr/bin/env bash
# Installs the Debian packages the tests and the main job use, when they are missing.
# Real parts, not mocks: ipykernel runs notebooks, docker-registry and skopeo check images, dockerd runs them,
# debootstrap makes the base image with a kernel, chromium renders the report, npm brings the Actions validator.
# clang links the NativeAOT runner; the aarch64 cross gcc and libc let it link the linux-arm64 one here, and
# qemu-user-static runs that one in the tests.
set -euo pipefail

packages=(python3-ipykernel python3-nbformat jupyter-nbconvert python3-jupyter-server docker-registry skopeo umoci apache2-utils docker.io debootstrap chromium git clang gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -q >/dev/null
  # docker.io's postinst would start a system dockerd through invoke-rc.d; the tests start their own, so
  # service starts are blocked during the install.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy_added=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
