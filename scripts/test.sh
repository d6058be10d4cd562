#!/usr/bin/env bash
# Runs every test: the house rules (scripts/lint.sh: rustfmt, clippy, ESLint, Prettier), UI unit tests (vitest), the TS bindings check, the core suite (on SQLite, and on
# PostgreSQL when CAREDESK_TEST_PG_URL is set), the crash-safety test, and the end-to-end test of
# the real app under Xvfb. Installs what is missing first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --test
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"

if [[ -z "${CAREDESK_TEST_PG_URL:-}" ]]; then
  echo "NOTE: CAREDESK_TEST_PG_URL is not set: the PostgreSQL variants of the core tests will be SKIPPED." >&2
fi

echo "== UI: type check, build, unit tests"
(cd ui && npm run build && npm test)

scripts/lint.sh

# The same features for build and test, so Tauri is compiled once.
FEATURES=(--workspace --features caredesk-app/custom-protocol)
echo "== Rust: build"
cargo build "${FEATURES[@]}"
echo "== Rust: tests"
cargo test "${FEATURES[@]}"

echo "== End-to-end: the real app under Xvfb"
scripts/e2e.sh
