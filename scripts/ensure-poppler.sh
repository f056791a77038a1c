#!/usr/bin/env bash
# Tests compare Foreman's PDF text with poppler's pdftotext (the reading-order reference).
set -euo pipefail
command -v pdftotext >/dev/null && exit 0
if command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq poppler-utils >/dev/null
else
  echo "pdftotext is missing: install Debian's poppler-utils package." >&2
  exit 1
fi
