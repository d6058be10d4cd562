#!/usr/bin/env bash
# End-to-end tests of the CareDesk desktop app (tests/e2e/*.test.mjs, run by `node --test`).
#
# It does NOT build the app: build it first (UI built in, e.g. `cargo build --features custom-protocol`
# after building ui/dist). Then, from anywhere:   scripts/e2e.sh
#
# Environment (all optional):
#   CAREDESK_APP_BIN     app binary (default: ${CARGO_TARGET_DIR:-target}/debug/caredesk-app)
#   CARGO_TARGET_DIR     honoured for the default binary path (relative paths: from the repo root)
#   TAURI_DRIVER         tauri-driver binary (default: on PATH, else ~/.cargo/bin/tauri-driver)
#   CAREDESK_E2E_PORT    tauri-driver port (default 4444; WebKitWebDriver gets the next one)
#   CAREDESK_E2E_KEEP_DATA=1  keep the temporary data folder even when the tests pass
#   CAREDESK_E2E_ONLY    test files to run (e.g. "tests/e2e/residents.test.mjs"), instead of all
#
# Each run gets a fresh, temporary CAREDESK_DATA_DIR (so the app shows first-run set-up). It is
# exported before tauri-driver starts: the app is launched by tauri-driver and inherits it.
# Screenshots and the tauri-driver log go to tests/e2e/artifacts/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$ROOT/tests/e2e"
ARTIFACTS="$E2E_DIR/artifacts"
PORT="${CAREDESK_E2E_PORT:-4444}"
NATIVE_PORT="$((PORT + 1))"
SCREEN="-screen 0 1366x768x24"

die() { echo "e2e: $*" >&2; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -z "${CAREDESK_E2E_INNER:-}" ]]; then
  # ---------------------------------------------------------------- outer part: checks, then Xvfb
  cd "$ROOT"

  if [[ -n "${CAREDESK_APP_BIN:-}" ]]; then
    APP_BIN="$CAREDESK_APP_BIN"
  else
    APP_BIN="${CARGO_TARGET_DIR:-target}/debug/caredesk-app"
  fi
  [[ "$APP_BIN" == /* ]] || APP_BIN="$ROOT/$APP_BIN"
  [[ -x "$APP_BIN" ]] || die "app binary not found or not executable: $APP_BIN
  Build the app first (with the UI built in: \`cargo build --features custom-protocol\` after building ui/dist),
  or set CAREDESK_APP_BIN (or CARGO_TARGET_DIR) to where it is."
  export CAREDESK_APP_BIN="$APP_BIN"

  if [[ -n "${TAURI_DRIVER:-}" ]]; then
    [[ -x "$TAURI_DRIVER" ]] || die "TAURI_DRIVER=$TAURI_DRIVER is not an executable file"
  elif command -v tauri-driver >/dev/null 2>&1; then
    TAURI_DRIVER="$(command -v tauri-driver)"
  elif [[ -x "$HOME/.cargo/bin/tauri-driver" ]]; then
    TAURI_DRIVER="$HOME/.cargo/bin/tauri-driver"
  else
    die "tauri-driver not found (set TAURI_DRIVER, or: cargo install tauri-driver --version 2.1.0 --locked)"
  fi
  export TAURI_DRIVER

  command -v WebKitWebDriver >/dev/null 2>&1 || die "WebKitWebDriver not found (Debian package webkit2gtk-driver)"
  command -v xvfb-run >/dev/null 2>&1 || die "xvfb-run not found (Debian packages xvfb xauth)"
  command -v curl >/dev/null 2>&1 || die "curl not found (Debian package curl)"
  command -v node >/dev/null 2>&1 || die "node not found (Node 20 is needed)"
  [[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]] || die "Node >= 20 is needed, found $(node --version)"

  if [[ ! -d "$E2E_DIR/node_modules/webdriverio" ]]; then
    echo "e2e: installing test dependencies (npm ci in tests/e2e)"
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
  fi

  for p in "$PORT" "$NATIVE_PORT"; do
    port_busy "$p" && die "port $p on 127.0.0.1 is already in use (another tauri-driver?); set CAREDESK_E2E_PORT to use others"
  done

  export CAREDESK_E2E_INNER=1
  # -a: pick a free display number. xvfb-run returns the inner script's exit status.
  exec xvfb-run -a -s "$SCREEN" bash "${BASH_SOURCE[0]}" "$@"
fi

# ---------------------------------------------------------------- inner part: runs under Xvfb
cd "$ROOT"
mkdir -p "$ARTIFACTS"
DRIVER_LOG="$ARTIFACTS/tauri-driver.log"

CAREDESK_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/caredesk-e2e-data.XXXXXX")"
export CAREDESK_DATA_DIR
# Native file dialogs cannot be clicked through WebDriver: the app takes these instead (see
# src-tauri/src/commands/files.rs). Tests write the file to "pick" and read what was "saved".
CAREDESK_E2E_FILES="$(mktemp -d "${TMPDIR:-/tmp}/caredesk-e2e-files.XXXXXX")"
export CAREDESK_E2E_FILES
export CAREDESK_E2E_OPEN_FILE="$CAREDESK_E2E_FILES/picked.csv"
export CAREDESK_E2E_SAVE_DIR="$CAREDESK_E2E_FILES/saved"
mkdir -p "$CAREDESK_E2E_SAVE_DIR"
# Booking cutoffs and "today" must not depend on when CI runs: the app and the command line start
# their clocks at Monday 2026-11-30 09:30 Beijing time (see Clock::from_env), before lunch closes.
export CAREDESK_E2E_NOW="${CAREDESK_E2E_NOW:-2026-11-30T01:30:00Z}"
# The command line next to the app prepares test databases.
export CAREDESK_CLI_BIN="${CAREDESK_CLI_BIN:-$(dirname "$CAREDESK_APP_BIN")/caredesk}"

DRIVER_PID=""
STATUS=1

cleanup() {
  if [[ -n "$DRIVER_PID" ]]; then
    # tauri-driver runs in its own process group (setsid), together with WebKitWebDriver and the app.
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$DRIVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$DRIVER_PID" 2>/dev/null || true
    wait "$DRIVER_PID" 2>/dev/null || true
  fi
  if [[ "$STATUS" -eq 0 && -z "${CAREDESK_E2E_KEEP_DATA:-}" ]]; then
    rm -rf "$CAREDESK_DATA_DIR" "$CAREDESK_E2E_FILES"
  else
    echo "e2e: app data folder kept: $CAREDESK_DATA_DIR" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "e2e: app=$CAREDESK_APP_BIN"
echo "e2e: data=$CAREDESK_DATA_DIR display=$DISPLAY tauri-driver=$TAURI_DRIVER port=$PORT"

# setsid: a process group of its own, so that cleanup also reaches WebKitWebDriver and the app.
setsid "$TAURI_DRIVER" --port "$PORT" --native-port "$NATIVE_PORT" >"$DRIVER_LOG" 2>&1 &
DRIVER_PID=$!

ready=""
for _ in $(seq 1 150); do   # up to ~30 s
  if ! kill -0 "$DRIVER_PID" 2>/dev/null; then
    echo "e2e: tauri-driver exited early; its log ($DRIVER_LOG):" >&2
    cat "$DRIVER_LOG" >&2 || true
    exit 1
  fi
  # Ready when WebKitWebDriver answers /status, both directly and through tauri-driver.
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$NATIVE_PORT/status" 2>/dev/null &&
     curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/status" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
[[ -n "$ready" ]] || { echo "e2e: tauri-driver did not answer on port $PORT within 30 s; log:" >&2; cat "$DRIVER_LOG" >&2; exit 1; }

set +e
# shellcheck disable=SC2086 # a list of files
node --test --test-concurrency=1 ${CAREDESK_E2E_ONLY:-tests/e2e/}
STATUS=$?
set -e

if [[ "$STATUS" -ne 0 ]]; then
  echo "e2e: tests failed (status $STATUS); screenshots and tauri-driver.log in $ARTIFACTS" >&2
  echo "e2e: last lines of $DRIVER_LOG:" >&2
  tail -n 40 "$DRIVER_LOG" >&2 || true
fi
exit "$STATUS"
