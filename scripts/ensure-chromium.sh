#!/usr/bin/env bash
# Playwright cannot download browsers here; the end-to-end tests use Debian's Chromium.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing: install Debian's chromium package (/usr/bin/chromium)." >&2
  exit 1
fi
