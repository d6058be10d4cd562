#!/usr/bin/env bash
# The house rules (docs/conventions.md), checked: rustfmt, clippy with warnings as errors, ESLint and
# Prettier for ui/ and tests/e2e/. `scripts/lint.sh --fix` rewrites what the formatters can fix.
# scripts/test.sh runs this first, so CI fails on a rule broken.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"
BIN=ui/node_modules/.bin
JS_DIRS=(ui tests/e2e)

if [[ "${1:-}" == "--fix" ]]; then
  cargo fmt --all
  "$BIN/prettier" --write --log-level warn "${JS_DIRS[@]}"
  "$BIN/eslint" --config ui/eslint.config.js --fix "${JS_DIRS[@]}"
  exit 0
fi

echo "== Lint: rustfmt"
cargo fmt --all -- --check
echo "== Lint: Prettier"
"$BIN/prettier" --check --log-level warn "${JS_DIRS[@]}"
echo "== Lint: ESLint"
"$BIN/eslint" --config ui/eslint.config.js --max-warnings 0 "${JS_DIRS[@]}"
echo "== Lint: clippy"
# The shell embeds the built window (tauri.conf.json frontendDist), so clippy needs it too.
[[ -f ui/dist/index.html ]] || (cd ui && npm run build)
cargo clippy --workspace --all-targets --features caredesk-app/custom-protocol -- -D warnings
