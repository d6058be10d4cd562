#!/usr/bin/env bash
# Puts the fonts the PDFs need into <repo>/.fonts/ (never committed) with their licence texts, and is a
# quick no-op when they are there. Font files come from package registries, pinned and checked:
#   NotoSansSC-Regular.ttf   primary, npm @expo-google-fonts/noto-sans-sc (OFL-1.1), covers CJK Ext A
#   LXGWWenKai-Regular.ttf   fallback for rare name characters (CJK Ext B), Debian fonts-lxgw-wenkai (OFL-1.1)
# The npm tarball stays in npm's cache, so a later run works offline. The core finds the directory via
# CAREDESK_FONT_DIR, else <exe dir>/fonts, else this repo's .fonts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${CAREDESK_FONT_DIR:-$ROOT/.fonts}"

say() { echo "fonts: $*" >&2; }

NOTO_PKG="@expo-google-fonts/noto-sans-sc"
NOTO_VERSION="0.4.3"
NOTO_MEMBER="package/400Regular/NotoSansSC_400Regular.ttf"
NOTO_SHA256="d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16"
LXGW_SYSTEM="/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
LXGW_LICENCE="/usr/share/doc/fonts-lxgw-wenkai/copyright"

sha_ok() { [[ -f "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$2" ]]; }

mkdir -p "$DEST"

if ! sha_ok "$DEST/NotoSansSC-Regular.ttf" "$NOTO_SHA256" || [[ ! -f "$DEST/OFL-NotoSansSC.txt" ]]; then
  say "fetching $NOTO_PKG@$NOTO_VERSION from npm"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --prefer-offline --silent "$NOTO_PKG@$NOTO_VERSION" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" "$NOTO_MEMBER" package/LICENSE_FONT
  if ! sha_ok "$tmp/$NOTO_MEMBER" "$NOTO_SHA256"; then
    say "the font in $NOTO_PKG@$NOTO_VERSION does not have the expected checksum; not installing it"
    exit 1
  fi
  cp "$tmp/$NOTO_MEMBER" "$DEST/NotoSansSC-Regular.ttf.part"
  mv "$DEST/NotoSansSC-Regular.ttf.part" "$DEST/NotoSansSC-Regular.ttf"
  cp "$tmp/package/LICENSE_FONT" "$DEST/OFL-NotoSansSC.txt"
fi

if [[ ! -f "$DEST/LXGWWenKai-Regular.ttf" || "$LXGW_SYSTEM" -nt "$DEST/LXGWWenKai-Regular.ttf" ]]; then
  if [[ ! -f "$LXGW_SYSTEM" ]]; then
    say "the fallback font for rare characters is missing: install the Debian package fonts-lxgw-wenkai"
    say "(scripts/setup.sh does), then run this again"
    exit 1
  fi
  say "copying LXGW WenKai (fonts-lxgw-wenkai) for rare characters"
  cp "$LXGW_SYSTEM" "$DEST/LXGWWenKai-Regular.ttf.part"
  mv "$DEST/LXGWWenKai-Regular.ttf.part" "$DEST/LXGWWenKai-Regular.ttf"
  cp "$LXGW_LICENCE" "$DEST/OFL-LXGWWenKai.txt"
fi
