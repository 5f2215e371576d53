#!/usr/bin/env bash
# Installs what npm cannot: Debian's Chromium for Playwright. Runs unattended (CI has no stdin).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing Debian packages: ${missing[*]}." >&2
  echo "Install them as root with: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
