#!/usr/bin/env bash
# Installs what CareDesk needs on Debian 12 / Ubuntu 22.04+ and is a no-op when it is all there.
#   scripts/setup.sh          what the app needs to build and run
#   scripts/setup.sh --test   also what the tests need (Xvfb, WebKitWebDriver, tauri-driver)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WITH_TESTS=0
[[ "${1:-}" == "--test" ]] && WITH_TESTS=1

say() { echo "setup: $*" >&2; }
SUDO=""
[[ "$(id -u)" -eq 0 ]] || SUDO="sudo"

APT_PACKAGES=(build-essential pkg-config curl libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev fonts-noto-cjk fonts-lxgw-wenkai)
if [[ $WITH_TESTS -eq 1 ]]; then
  APT_PACKAGES+=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils zbar-tools)
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# Rust (stable, from rustup) when the machine has none.
if ! command -v cargo >/dev/null 2>&1; then
  if [[ -x "$HOME/.cargo/bin/cargo" ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

# Node.js 20 or newer.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [[ "$(node_major)" -lt 20 ]]; then
  if ! command -v node >/dev/null 2>&1; then
    say "installing Node.js from the distribution"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
  fi
  if [[ "$(node_major)" -lt 20 ]]; then
    say "Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none))."
    say "Install it, e.g. from https://github.com/nodesource/distributions or with nvm, then run this again."
    exit 1
  fi
fi

npm_install() {
  local dir="$1"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    say "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}
npm_install "$ROOT/ui"
"$ROOT/scripts/fonts.sh"

if [[ $WITH_TESTS -eq 1 ]]; then
  # The lint (scripts/lint.sh) needs rustfmt and clippy, which a minimal rustup profile leaves out.
  if command -v rustup >/dev/null 2>&1; then
    for c in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
    done
  fi
  npm_install "$ROOT/tests/e2e"
  if ! command -v tauri-driver >/dev/null 2>&1 && [[ ! -x "$HOME/.cargo/bin/tauri-driver" ]]; then
    say "installing tauri-driver 2.1.0"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
fi
