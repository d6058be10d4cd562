//! Prints how long a password check takes: the argon2id verify alone, and a whole sign-in
//! (lookup, verify, counters, audit row) on a SQLite file. Run: `cargo bench -p caredesk-core --bench password`.

use caredesk_core::auth::{self, password};
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Desk, Location};
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let stored = password::hash("Passw0rd!").expect("hash");
    let verify: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            assert!(password::verify("Passw0rd!", &stored));
            t.elapsed()
        })
        .collect();
    println!("argon2id verify: median {:.1} ms over {RUNS} runs", median(verify).as_secs_f64() * 1e3);

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let login: Vec<Duration> = rt.block_on(async {
        let desk = Desk::open(Location::SqliteFile(dir.path().join("bench.db"))).await.expect("open");
        let setup = SetupRequest {
            office_name: "中阳楼街道办事处".into(),
            admin_username: "admin".into(),
            password: "Passw0rd!".into(),
            password_confirm: "Passw0rd!".into(),
        };
        settings::initialize(&desk, setup).await.expect("set-up");
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            auth::login(&desk, "admin", "Passw0rd!").await.expect("login");
            times.push(t.elapsed());
        }
        desk.close().await;
        times
    });
    println!("sign-in (SQLite, incl. audit row): median {:.1} ms over {RUNS} runs", median(login).as_secs_f64() * 1e3);
}
