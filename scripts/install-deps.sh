#!/usr/bin/env bash
# Install the Debian 12 packages mdfuzz needs to build, fuzz and test.
# Idempotent: only calls apt-get when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential gcc g++ clang llvm libclang-rt-dev cmake make pkg-config
  libssl-dev libcmocka-dev afl++ python3 clang-format
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "mdfuzz: all build dependencies are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "mdfuzz: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "mdfuzz: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
