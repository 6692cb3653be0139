#!/usr/bin/env bash
# Debian's chromium for the browser tests (playwright-core drives it; a browser download of playwright's own cannot
# work here), with CJK fonts so screenshots show Chinese. Idempotent: does nothing when chromium is already there.
set -euo pipefail

if [ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing: run as root, or: sudo apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
