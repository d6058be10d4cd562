//! Test harness: every `backend_test!` runs once on a fresh SQLite file and once on a fresh
//! PostgreSQL database (when `CAREDESK_TEST_PG_URL` is set; otherwise it says it was skipped).
#![allow(dead_code)]

use caredesk_core::auth::{self, Actor, NewUser, Role};
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Clock, Desk, Location};
use sea_orm::{ConnectionTrait, Database};
use std::io::Write;

/// A calendar day in a test.
pub fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Today on the tests' clock ([`START`]: 2026-11-28 10:00 Beijing time).
pub fn today() -> chrono::NaiveDate {
    day(2026, 11, 28)
}

/// A valid resident ID number in the area `area` (东城区 110101, 孝义市 141181) for a birth date
/// `YYYYMMDD` and a three-digit sequence (odd: male).
pub fn id_number(area: &str, birth: &str, seq: &str) -> String {
    let first17 = format!("{area}{birth}{seq}");
    format!("{first17}{}", caredesk_core::residents::id_number::check_char(&first17))
}

/// [`id_number`] in 东城区.
pub fn id(birth: &str, seq: &str) -> String {
    id_number("110101", birth, seq)
}

pub const ADMIN_PASSWORD: &str = "Passw0rd!";
pub const START: &str = "2026-11-28T02:00:00Z";

pub struct TestDb {
    pub desk: Option<Desk>,
    pub location: Location,
    pub clock: Clock,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub fn desk(&self) -> &Desk {
        self.desk.as_ref().expect("desk is open")
    }

    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::SqliteFile(dir.path().join("caredesk.db"));
        let clock = Clock::fixed(START.parse().expect("start time"));
        let desk = Desk::open_with_clock(location.clone(), clock.clone()).await.expect("open sqlite");
        TestDb { desk: Some(desk), location, clock, _dir: Some(dir), pg_drop: None }
    }

    /// None (after saying so on the terminal) when no PostgreSQL server is configured.
    pub async fn postgres(test: &str) -> Option<TestDb> {
        let Ok(admin_url) = std::env::var("CAREDESK_TEST_PG_URL") else {
            // Written past the test harness's output capture so the skip is visible in every run.
            let _ = writeln!(std::io::stderr(), "SKIPPED {test} on PostgreSQL: CAREDESK_TEST_PG_URL is not set");
            return None;
        };
        let name = format!("caredesk_test_{}_{}", std::process::id(), unique());
        let admin = Database::connect(&admin_url).await.expect("connect to CAREDESK_TEST_PG_URL");
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
        admin.close().await.ok();
        let url = with_database(&admin_url, &name);
        let location = Location::parse(&url).expect("pg url");
        let clock = Clock::fixed(START.parse().expect("start time"));
        let desk = Desk::open_with_clock(location.clone(), clock.clone()).await.expect("open postgres");
        Some(TestDb { desk: Some(desk), location, clock, _dir: None, pg_drop: Some((admin_url, name)) })
    }

    pub async fn finish(mut self) {
        if let Some(desk) = self.desk.take() {
            desk.close().await;
        }
        if let Some((admin_url, name)) = self.pg_drop.take() {
            if let Ok(admin) = Database::connect(&admin_url).await {
                let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                admin.close().await.ok();
            }
        }
    }

    /// Runs first-run set-up and signs the administrator in.
    pub async fn with_admin(&self) -> Actor {
        settings::initialize(
            self.desk(),
            SetupRequest {
                office_name: "中阳楼街道办事处".into(),
                admin_username: "admin".into(),
                password: ADMIN_PASSWORD.into(),
                password_confirm: ADMIN_PASSWORD.into(),
            },
        )
        .await
        .expect("set-up");
        sign_in(self.desk(), "admin", ADMIN_PASSWORD).await
    }

    pub async fn add_user(&self, admin: &Actor, username: &str, role: Role) -> Actor {
        auth::add_user(
            self.desk(),
            admin,
            NewUser { username: username.into(), display_name: String::new(), role, password: "Secret123".into() },
        )
        .await
        .expect("add user");
        sign_in(self.desk(), username, "Secret123").await
    }

    /// Rows in a table, by raw SQL, to see what really landed.
    pub async fn count(&self, table: &str) -> i64 {
        count_rows(self.desk(), table).await
    }

    /// The newest audit row, as an administrator reads it.
    pub async fn last_audit(&self, admin: &Actor) -> caredesk_core::auth::audit::AuditEntry {
        use caredesk_core::auth::audit::{self, AuditFilter};
        let page = audit::list(self.desk(), admin, &AuditFilter { page: 1, page_size: 1, ..Default::default() }).await.expect("audit");
        page.rows.into_iter().next().expect("an audit row")
    }
}

pub async fn count_rows(desk: &Desk, table: &str) -> i64 {
    caredesk_core::db::raw_count(desk, table).await.expect("count")
}

pub async fn sign_in(desk: &Desk, username: &str, password: &str) -> Actor {
    auth::login(desk, username, password).await.expect("login").actor().clone()
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    N.fetch_add(1, Ordering::Relaxed) * 1_000_000_000 + nanos as u64
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    format!("{host}/{name}{query}")
}

/// Defines `<name>_sqlite` and `<name>_postgres` tests running the same body.
#[macro_export]
macro_rules! backend_test {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            use super::*;

            async fn run($db: &common::TestDb) $body

            #[tokio::test]
            async fn sqlite() {
                let db = common::TestDb::sqlite().await;
                run(&db).await;
                db.finish().await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(db) = common::TestDb::postgres(concat!(module_path!(), "::postgres")).await else { return };
                run(&db).await;
                db.finish().await;
            }
        }
    };
}

/// The text of a PDF as pdftotext lays it out (tests read printouts back this way, not by pixels).
pub fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("doc.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The QR codes on page `page` of a PDF, read the way a phone or scanner would: render, then decode.
pub fn qr_codes_on_page(bytes: &[u8], page: u32) -> Vec<String> {
    let at_150 = qr_codes_at(bytes, page, 150);
    // A scanner's photo and a 300-dpi scan must read the same codes in one pass.
    assert_eq!(at_150, qr_codes_at(bytes, page, 300), "the codes read at 150 and 300 dpi differ");
    at_150
}

fn qr_codes_at(bytes: &[u8], page: u32, dpi: u32) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("tickets.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let prefix = dir.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", &dpi.to_string(), "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let out = std::process::Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) is installed");
    let mut codes: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
    codes.sort();
    codes
}
