#!/usr/bin/env bash
# Builds and opens 一老一小服务台 on the embedded SQLite database in the OS app-data folder
# (override with CAREDESK_DATA_DIR=folder or CAREDESK_DATABASE_URL=postgres://…).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$PATH"
(cd "$ROOT/ui" && npm run build)
cd "$ROOT"
exec cargo run --release --features custom-protocol --bin caredesk-app
