//! Crash safety: a CLI process killed (SIGKILL) in the middle of a large multi-row write leaves a
//! sound database in which the write is either wholly present or wholly absent.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 60_000;

fn caredesk(db: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caredesk"));
    c.arg("--db").arg(db).env("CAREDESK_PASSWORD", "Passw0rd!").env("CAREDESK_USER", "admin");
    c
}

#[tokio::test]
async fn sigkill_mid_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caredesk.db");
    let ok = caredesk(&db).args(["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status().unwrap();
    assert!(ok.success());
    let csv = dir.path().join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
    writeln!(f, "社区,网格,小区").unwrap();
    for i in 0..ROWS {
        writeln!(f, "测试社区{i},第一网格,").unwrap();
    }
    drop(f);

    let wal = dir.path().join("caredesk.db-wal");
    let wal_len = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let before = wal_len();
    let mut child = caredesk(&db).args(["communities", "import"]).arg(&csv).stdout(Stdio::null()).spawn().unwrap();
    // Wait until the transaction is visibly writing pages, then kill it without warning.
    let started = Instant::now();
    while wal_len() < before + 256 * 1024 && started.elapsed() < Duration::from_secs(60) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_first = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();

    let desk = caredesk_core::Desk::open(caredesk_core::Location::SqliteFile(db.clone())).await.unwrap();
    let check = caredesk_core::db::integrity_check(&desk).await.unwrap();
    assert_eq!(check, ["ok"]);
    let n = caredesk_core::db::raw_count(&desk, "communities").await.unwrap();
    if finished_first {
        assert_eq!(n, 2 * ROWS as i64, "the import finished before the kill: all of it is there");
    } else {
        assert_eq!(n, 0, "killed mid-write: none of it is there");
    }
    assert!(!finished_first, "the kill should land mid-write; make ROWS larger if this machine is too fast");
    desk.close().await;
}
