#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): release build and .deb, residents search and import, canteen
# lists, tickets and redeem, cold
# start to the login page under Xvfb, idle RSS, password check time, binary and .deb size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --test
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== release build and .deb"
ui/node_modules/.bin/tauri build --bundles deb >/tmp/caredesk-bench-build.log 2>&1 ||
  { tail -30 /tmp/caredesk-bench-build.log; exit 1; }
APP="$TARGET/release/caredesk-app"
DEB=$(ls -t "$TARGET"/release/bundle/deb/*.deb | head -1)

echo "== residents: 100,000-resident search; 10,000- and 100,000-row imports with their write-lock time and redeems meanwhile"
cargo bench -q -p caredesk-core --bench residents 2>/dev/null

echo "== PDF engine: rosters of 200 and 5,000 rows"
cargo bench -q -p caredesk-core --bench print 2>/dev/null

echo "== canteen: demo generation, 就餐名单 of 200 and 5,000 rows, 1,000 meal tickets, redeem"
cargo bench -q -p caredesk-core --bench canteen 2>/dev/null

echo "== password check"
cargo bench -q -p caredesk-core --bench password 2>/dev/null | grep -E "verify|sign-in"

echo "== cold start and idle memory (Xvfb 1366x768)"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"; kill $XVFB 2>/dev/null || true' EXIT
CAREDESK_PASSWORD=Passw0rd! cargo run -q --release -p caredesk-core --bin caredesk -- \
  --db "$DATA/caredesk.db" init --office 中阳楼街道办事处 --admin admin >/dev/null
Xvfb :77 -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
sleep 1
starts=()
for i in 1 2 3 4 5; do
  log="$DATA/start-$i.log"
  DISPLAY=:77 CAREDESK_DATA_DIR="$DATA" CAREDESK_STARTUP_TRACE=1 "$APP" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do grep -q "first app_status" "$log" && break; sleep 0.05; done
  ms=$(grep -oE "first app_status after [0-9]+ ms" "$log" | grep -oE "[0-9]+" || echo "?")
  starts+=("$ms")
  if [[ $i -eq 5 ]]; then
    sleep 10
    app_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    kids=$(pgrep -P $pid || true)
    total_kb=$app_kb
    for k in $kids; do total_kb=$((total_kb + $(awk '/VmRSS/ {print $2}' /proc/$k/status 2>/dev/null || echo 0))); done
    echo "idle RSS after 10 s: app process $((app_kb / 1024)) MB; with WebKit child processes $((total_kb / 1024)) MB"
  fi
  kill $pid; wait $pid 2>/dev/null || true
done
echo "start to login page (ms, 5 runs; process start → the window's first core call): ${starts[*]}"

echo "== sizes"
echo "release binary: $(du -h "$APP" | cut -f1)  ($(stat -c %s "$APP") bytes)"
echo ".deb: $(du -h "$DEB" | cut -f1)  ($(basename "$DEB"))"
