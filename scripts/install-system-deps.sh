#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing:
# Chromium for the browser tests, PostgreSQL, poppler (pdftotext), gettext,
# HarfBuzz's subsetter and the Inter font for WeasyPrint.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v msgfmt >/dev/null || need+=(gettext)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v pg_dump >/dev/null || need+=(postgresql-client)
command -v curl >/dev/null || need+=(curl)
[ -e /usr/share/fonts/opentype/inter ] || [ -e /usr/share/fonts/truetype/inter ] || need+=(fonts-inter)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing from Debian: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${need[@]}"
