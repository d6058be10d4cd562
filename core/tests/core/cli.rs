//! The `caredesk` command line, run as a user would run it.

use std::path::Path;
use std::process::{Command, Output};

fn caredesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caredesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("CAREDESK_PASSWORD", "Passw0rd!")
        .env("CAREDESK_NEW_PASSWORD", "Secret123")
        .env_remove("CAREDESK_USER")
        .env_remove("CAREDESK_DATABASE_URL")
        .output()
        .expect("run caredesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn a_clerk_sets_up_and_maintains_the_office_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let o = caredesk(&db, &["init", "--office", "中阳楼街道办事处", "--admin", "admin"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已完成初始设置"));

    let o = caredesk(&db, &["--user", "admin", "users", "add", "wangfang", "--role", "食堂", "--name", "王芳"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caredesk(&db, &["--user", "admin", "users", "list", "--json"]);
    let users: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(users[1]["displayName"], "王芳");
    assert_eq!(users[1]["role"], "canteen");

    let o = caredesk(&db, &["--user", "admin", "communities", "add", "双桥社区"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caredesk(&db, &["--user", "admin", "communities", "add", "第一网格", "--kind", "网格", "--parent", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caredesk(&db, &["--user", "admin", "communities", "list", "--json"]);
    let tree: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(tree[0]["children"][0]["name"], "第一网格");

    let backup = dir.path().join("copy.db");
    let o = caredesk(&db, &["--user", "admin", "backup", "--out", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caredesk(&db, &["--user", "admin", "communities", "add", "方泰东社区"]);
    assert!(o.status.success());
    let o = caredesk(&db, &["--user", "admin", "restore", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caredesk(&db, &["--user", "admin", "communities", "list", "--json"]);
    let tree: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(tree.as_array().unwrap().len(), 1, "方泰东社区 was added after the backup");

    let o = caredesk(&db, &["--user", "admin", "audit", "list", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Newest first: the sign-ins of the two later commands, then the restore.
    let actions: Vec<&str> = page["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions[..3], ["login", "login", "backup_restore"]);
    assert_eq!(page["rows"][0]["detail"], "来源：命令行", "a scripted sign-in reads as the command line's");
}

#[test]
fn errors_are_chinese_with_a_code_and_a_failing_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(caredesk(&db, &["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status.success());

    let o = caredesk(&db, &["communities", "list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("错误 [user_required]"), "{}", stderr(&o));

    let o = Command::new(env!("CARGO_BIN_EXE_caredesk"))
        .args(["--db", db.to_str().unwrap(), "--user", "admin", "users", "list"])
        .env("CAREDESK_PASSWORD", "wrong-password")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("错误 [invalid_credentials]：用户名或密码错误，还可尝试 4 次"), "{}", stderr(&o));

    // No password in the environment and no terminal to type it (setsid: a new session without one,
    // as a scheduled task runs): the message says what to do, not "文件操作失败".
    let o = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_caredesk"))
        .args(["--db", db.to_str().unwrap(), "--user", "admin", "users", "list"])
        .env_remove("CAREDESK_PASSWORD")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("错误 [password_unreadable]：无法读取密码：当前没有可以输入密码的终端"), "{}", stderr(&o));
    assert!(stderr(&o).contains("CAREDESK_PASSWORD") && !stderr(&o).contains("文件操作失败"), "{}", stderr(&o));

    let o = caredesk(&db, &["--user", "admin", "communities", "add", "网格甲", "--kind", "网格"]);
    assert!(stderr(&o).contains("错误 [invalid_parent]：网格只能建在社区下面"), "{}", stderr(&o));

    let o = caredesk(&db, &["init", "--office", "另一个", "--admin", "root"]);
    assert!(stderr(&o).contains("错误 [already_initialized]"), "{}", stderr(&o));

    let o = caredesk(&db, &["--user", "admin", "restore", "/nonexistent/backup.db"]);
    assert!(stderr(&o).contains("错误 [backup_invalid]"), "{}", stderr(&o));

    let o = caredesk(Path::new("mysql://nope"), &["migrate"]);
    assert!(stderr(&o).contains("错误 [invalid_database_url]"), "{}", stderr(&o));
}

#[test]
fn residents_from_the_command_line_demo_search_import_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(caredesk(&db, &["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status.success());
    let o = caredesk(&db, &["--user", "admin", "demo", "--residents", "300", "--seed", "7", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["residents"], 300);
    assert!(summary["elderly60Plus"].as_u64().unwrap() > 60, "{summary}");
    // A database with residents is never filled with invented people.
    let o = caredesk(&db, &["--user", "admin", "demo"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("已有居民档案"), "{}", stderr(&o));

    let o = caredesk(&db, &["--user", "admin", "residents", "search", "wang", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(page["total"].as_u64().unwrap() > 0);
    assert!(page["rows"][0]["idNumberMasked"].as_str().unwrap().contains("********"));

    let sheet = dir.path().join("new.csv");
    std::fs::write(&sheet, "姓名,身份证号\n命令行,11010519491231002X\n坏号码,110105194912310021\n").unwrap();
    let o = caredesk(&db, &["--user", "admin", "residents", "import", sheet.to_str().unwrap(), "--dry-run", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let preview: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(preview["rows"][0]["outcome"], "new");
    assert_eq!(preview["rows"][1]["outcome"], "error");
    assert_eq!(preview["rows"][1]["errors"][0]["column"], "身份证号");
    let o = caredesk(&db, &["--user", "admin", "residents", "search", "命令行"]);
    assert!(stdout(&o).contains("共找到 0 人"), "a dry run writes nothing: {}", stdout(&o));
    let o = caredesk(&db, &["--user", "admin", "residents", "import", sheet.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 1"), "{}", stdout(&o));
    assert!(stderr(&o).contains("第 3 行"), "row errors go to stderr: {}", stderr(&o));

    let out = dir.path().join("名单.xlsx");
    let o = caredesk(&db, &["--user", "admin", "residents", "export", "--out", out.to_str().unwrap(), "--age-min", "80"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let sheet = caredesk_core::io::read_workbook("名单.xlsx", &bytes).unwrap();
    let first = sheet.rows.iter().flatten().filter_map(caredesk_core::io::clean::text).collect::<Vec<_>>().join(" ");
    // (Cell text comes back cleaned: full-width colons read as ASCII ones.)
    assert!(first.contains("中阳楼街道办事处 居民名单") && first.contains("80 岁及以上") && first.contains("导出人:admin"), "{first}");
    assert!(!first.contains("11010519491231002X"), "exports are masked by default");
}

#[test]
fn check_ups_from_the_command_line_print_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(caredesk(&db, &["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status.success());
    let o = caredesk(&db, &["--user", "admin", "demo", "--residents", "600", "--seed", "5", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["checkupCampaigns"], 2);
    assert!(summary["checkupResults"].as_u64().unwrap() > 10, "{summary}");

    for (args, file) in [
        (vec!["print", "checkup-list", "--campaign", "1"], "list.pdf"),
        (vec!["print", "invitations", "--campaign", "2"], "slips.pdf"),
        (vec!["print", "followups", "--due-within", "30"], "tasks.pdf"),
    ] {
        let out = dir.path().join(file);
        let mut all = vec!["--user", "admin"];
        all.extend(args);
        all.extend(["--out", out.to_str().unwrap()]);
        let o = caredesk(&db, &all);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("已生成"));
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    }

    // A sheet with one bad row: the dry run reports it and writes nothing.
    let sheet = dir.path().join("结果.csv");
    std::fs::write(&sheet, "姓名,身份证号,体检日期,血压\n查无此人,11010519491231002X,2026-11-01,300/90\n").unwrap();
    let o = caredesk(&db, &["--user", "admin", "checkups", "import", sheet.to_str().unwrap(), "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("第 2 行［血压］"), "{}", stderr(&o));
    assert!(stdout(&o).contains("有错误 1") && stdout(&o).contains("未写入"), "{}", stdout(&o));
}

#[test]
fn childcare_from_the_command_line_cards_scan_in_and_out_and_the_roster() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    // Monday 2026-11-30 16:40 Beijing time: the demo's 四点半课堂 is open.
    let at = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_caredesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CAREDESK_PASSWORD", "Passw0rd!")
            .env("CAREDESK_E2E_NOW", "2026-11-30T08:40:00Z")
            .env_remove("CAREDESK_USER")
            .env_remove("CAREDESK_DATABASE_URL")
            .output()
            .expect("run caredesk")
    };
    assert!(at(&["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status.success());
    let o = at(&["--user", "admin", "demo", "--residents", "600", "--seed", "5", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cards = dir.path().join("cards.pdf");
    let o = at(&["--user", "admin", "print", "pickup-cards", "--program", "1", "--out", cards.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut codes = crate::common::qr_codes_on_page(&std::fs::read(&cards).unwrap(), 1);
    // Card ids in print order: the first child's own card, then that child's pick-up cards.
    codes.sort_by_key(|c| c.split('-').nth(1).and_then(|n| n.parse::<u32>().ok()));
    let o = at(&["--user", "admin", "childcare", "scan", &codes[0]]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("已签到："), "{}", stdout(&o));
    let o = at(&["--user", "admin", "childcare", "scan", &codes[1], "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["kind"], "signed_out");
    assert_eq!(out["child"]["state"], "left");
    let o = at(&["--user", "admin", "childcare", "scan", "CC1-1-0000000000000000"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("card_forged"), "{}", stderr(&o));
    let roster = dir.path().join("roster.pdf");
    let o = at(&["--user", "admin", "print", "childcare-roster", "--program", "1", "--out", roster.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&roster).unwrap()).contains("16:40"));
    // The demo puts the administrator on duty on every open day of the month.
    let duty = dir.path().join("duty.pdf");
    let o = at(&["--user", "admin", "print", "childcare-duty", "--program", "1", "--month", "2026-11", "--out", duty.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = crate::common::pdftotext(&std::fs::read(&duty).unwrap());
    assert!(text.contains("2026年11月 托育值班表") && text.contains("0 天未排班") && text.contains("admin"), "{text}");
    let calls = dir.path().join("calls.pdf");
    let o = at(&["--user", "admin", "print", "childcare-calls", "--program", "1", "--out", calls.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&calls).unwrap()).contains("托育联系单"));
}

#[test]
fn volunteers_lists_print_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let at = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_caredesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CAREDESK_PASSWORD", "Passw0rd!")
            .env("CAREDESK_E2E_NOW", "2026-11-30T08:40:00Z")
            .env_remove("CAREDESK_USER")
            .env_remove("CAREDESK_DATABASE_URL")
            .output()
            .expect("run caredesk")
    };
    assert!(at(&["init", "--office", "中阳楼街道办事处", "--admin", "admin"]).status.success());
    let o = at(&["--user", "admin", "demo", "--residents", "2000", "--seed", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("结对帮扶 26 户"), "{}", stdout(&o));
    let list = dir.path().join("pairings.pdf");
    let o = at(&["--user", "admin", "print", "pairings", "--out", list.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&list).unwrap()).contains("结对 26 户"));
    // A month on, every pairing is overdue.
    let overdue = dir.path().join("overdue.pdf");
    let o = at(&["--user", "admin", "print", "visits-overdue", "--as-of", "2026-12-31", "--out", overdue.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&overdue).unwrap()).contains("逾期未走访 26 户"));
    let forms = dir.path().join("forms.pdf");
    let o = at(&["--user", "admin", "print", "visit-forms", "--out", forms.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("（26 页）"), "{}", stdout(&o));

    // The coming activity's sign-in sheet, the quarter's hours, and a proof for the first volunteer.
    let sheet = dir.path().join("signin.pdf");
    let o = at(&["--user", "admin", "print", "activity-signin", "--activity", "11", "--out", sheet.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&sheet).unwrap()).contains("元旦游园会志愿服务"));
    let hours = dir.path().join("hours.xlsx");
    let o = at(&[
        "--user",
        "admin",
        "report",
        "volunteer-hours",
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-30",
        "--out",
        hours.to_str().unwrap(),
    ]);
    assert!(o.status.success() && stdout(&o).contains("名志愿者，合计"), "{}{}", stdout(&o), stderr(&o));
    let hours_pdf = dir.path().join("hours.pdf");
    let o = at(&[
        "--user",
        "admin",
        "report",
        "volunteer-hours",
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-30",
        "--out",
        hours_pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let proof = dir.path().join("proof.pdf");
    let args = ["--user", "admin", "print", "volunteer-proof", "--volunteer", "zy00001", "--from", "2026-09-01", "--to", "2026-11-30"];
    let o = at(&[&args[..], &["--out", proof.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("证明编号 ZYZM-2026-0001"), "{}", stdout(&o));
    assert!(crate::common::pdftotext(&std::fs::read(&proof).unwrap()).contains("ZYZM-2026-0001"));
    let o = at(&[
        "--user",
        "admin",
        "print",
        "volunteer-proof",
        "--volunteer",
        "ZY99999",
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-30",
        "--out",
        "x.pdf",
    ]);
    assert!(!o.status.success() && stderr(&o).contains("没有编号为“ZY99999”的志愿者"), "{}", stderr(&o));
}
