//! Importing residents from messy spreadsheets the tests make themselves, on SQLite and PostgreSQL:
//! preview first, nothing written until commit, one transaction, and a report to fix the sheet.

use crate::common;

use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::io;
use caredesk_core::residents::import;
use caredesk_core::residents::{self, ImportOutcome, ResidentQuery};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use sea_orm::ConnectionTrait;

/// ID numbers of 孝义市, where the seed office is.
fn id(birth: &str, seq: &str) -> String {
    common::id_number("141181", birth, seq)
}

enum V<'a> {
    S(&'a str),
    N(f64),
    D(u16, u8, u8),
    E,
}

/// A sheet as offices make them: a merged title, a note row, the header on row 3, blank rows, a
/// totals row at the end.
fn messy_xlsx(rows: &[Vec<V>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 7, "双桥社区居民花名册", &Format::new().set_bold()).unwrap();
    ws.write_string(1, 0, "填表单位：双桥社区居委会").unwrap();
    let headers = ["序号", "名字", "公民身份号码", "性别", "出生年月", "手机号", "现住址", "所属社区", "户号", "与户主关系", "人员类别"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let mut r = 3u32;
    for row in rows {
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                V::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::D(y, m, d) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date_format).unwrap();
                }
                V::E => {}
            }
        }
        r += 1;
        if r == 5 {
            r += 1; // a blank row inside the data
        }
    }
    ws.write_string(r + 1, 0, "合计").unwrap();
    ws.write_number(r + 1, 1, rows.len() as f64).unwrap();
    wb.save_to_buffer().unwrap()
}

async fn shuangqiao(db: &common::TestDb, admin: &caredesk_core::auth::Actor) {
    communities::add(db.desk(), admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
        .await
        .unwrap();
}

backend_test!(previews_then_commits_a_messy_sheet, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    shuangqiao(db, &admin).await;
    let wang = id("19491231", "002");
    let li = id("19500302", "013").to_lowercase();
    let sun = id("19600101", "022");
    let zhou = id("19700101", "011");
    use V::*;
    let rows = vec![
        vec![
            N(1.0),
            S("王 秀 英"),
            S(&wang),
            S("女"),
            D(1949, 12, 31),
            N(13803561234.0),
            S("欣园小区3号楼"),
            S("双桥社区"),
            S("H1"),
            S("户主"),
            S("独居、低保"),
        ],
        vec![N(2.0), S("李建国"), S(&li), E, S("1950年3月2日"), S("139 1234 5678"), S("欣园小区5号楼"), S("双桥社区"), E, E, E],
        // Excel turned this ID number into a number: digits are lost.
        vec![N(3.0), S("赵大爷"), N(1.41181194611e17), E, E, E, E, E, E, E, E],
        // The same person twice in one file.
        vec![N(4.0), S("王秀英"), S(&wang), E, E, E, E, E, E, E, E],
        vec![N(5.0), S("孙丽"), S(&sun), E, E, E, E, S("不存在社区"), E, E, E],
        vec![N(6.0), S("周强"), S(&zhou), E, E, E, E, E, E, E, S("不存在的类别")],
    ];
    let bytes = messy_xlsx(&rows);
    let preview = import::preview(desk, &admin, "花名册.xlsx", &bytes).await.unwrap();
    assert_eq!(preview.header_row, 3);
    assert_eq!((preview.counts.total, preview.counts.new, preview.counts.error), (6, 2, 4), "{:#?}", preview.rows);
    let by_row = |n: u32| preview.rows.iter().find(|r| r.row == n).unwrap();
    assert_eq!(by_row(4).outcome, ImportOutcome::New);
    assert_eq!(by_row(4).name, "王秀英");
    let sci = &by_row(7).errors[0];
    assert_eq!(sci.column, "公民身份号码");
    assert!(sci.message.contains("科学计数法"), "{}", sci.message);
    assert!(by_row(8).errors[0].message.contains("第 4 行"), "{:?}", by_row(8).errors);
    assert_eq!(by_row(9).errors[0].column, "所属社区");
    assert_eq!(by_row(10).errors[0].column, "人员类别");
    assert_eq!(db.count("residents").await, 0, "a preview writes nothing");

    let result = import::commit(desk, &admin, "花名册.xlsx", &bytes).await.unwrap();
    assert_eq!((result.created, result.updated, result.skipped), (2, 0, 4));
    assert_eq!(db.count("residents").await, 2);
    assert_eq!(db.count("households").await, 1);
    let found = residents::search(desk, &admin, &ResidentQuery { text: Some("wxy".into()), page: 1, page_size: 10, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(found.rows[0].categories, ["独居", "低保"]);
    assert_eq!(found.rows[0].community_name.as_deref(), Some("双桥社区"));
    assert_eq!(found.rows[0].phone_masked.as_deref(), Some("138****1234"));

    // The same file again changes nothing; a changed address is an update naming the field.
    let again = import::preview(desk, &admin, "花名册.xlsx", &bytes).await.unwrap();
    assert_eq!((again.counts.new, again.counts.unchanged), (0, 2));
    let mut moved = rows;
    moved[1][6] = S("祥和小区1号楼");
    let changed = import::preview(desk, &admin, "花名册.xlsx", &messy_xlsx(&moved[..2])).await.unwrap();
    let li_row = changed.rows.iter().find(|r| r.name == "李建国").unwrap();
    assert_eq!(li_row.outcome, ImportOutcome::Update);
    assert_eq!(li_row.changes, ["住址"]);

    // The report is the sheet with an outcome and an error column, readable again.
    let report = import::report_xlsx(desk, &admin, "花名册.xlsx", &bytes).await.unwrap();
    let sheet = io::read_workbook("检查结果.xlsx", &report).unwrap();
    let text: Vec<String> = sheet.rows.iter().flatten().filter_map(io::clean::text).collect();
    assert!(text.iter().any(|t| t.contains("科学计数法")));
    assert!(text.iter().any(|t| t == &wang), "ID numbers stay text in the report");
});

backend_test!(reads_gbk_csv_from_wps, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let csv = format!("姓名,身份证号,联系电话,住址\r\n张三,{},13803561234,西关街12号\r\n,,,\r\n", id("19400101", "011"));
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let preview = import::preview(desk, &admin, "名单.csv", &gbk).await.unwrap();
    assert_eq!(preview.counts.new, 1, "{:#?}", preview.rows);
    assert_eq!(preview.rows[0].name, "张三");
    import::commit(desk, &admin, "名单.csv", &gbk).await.unwrap();
    let r = residents::search(desk, &admin, &ResidentQuery { text: Some("zs".into()), page: 1, page_size: 5, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(r.rows[0].address.as_deref(), Some("西关街12号"));
});

backend_test!(a_write_failing_part_way_leaves_nothing_imported, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    // A database-side failure on the third row, after two rows were written in the transaction.
    let conn = desk.db_for_tests();
    match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            conn.execute_unprepared(
                "CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF NEW.name = '坏行' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$",
            )
            .await
            .unwrap();
            conn.execute_unprepared("CREATE TRIGGER refuse_bad BEFORE INSERT ON residents FOR EACH ROW EXECUTE FUNCTION refuse_bad()")
                .await
                .unwrap();
        }
        _ => {
            conn.execute_unprepared(
                "CREATE TRIGGER refuse_bad BEFORE INSERT ON residents WHEN NEW.name = '坏行' \
                 BEGIN SELECT RAISE(ABORT, 'disk full'); END",
            )
            .await
            .unwrap();
        }
    }
    let csv = format!(
        "姓名,身份证号\n甲一,{}\n乙二,{}\n坏行,{}\n丁四,{}\n",
        id("19400101", "011"),
        id("19400102", "011"),
        id("19400103", "011"),
        id("19400104", "011")
    );
    assert_eq!(import::preview(desk, &admin, "a.csv", csv.as_bytes()).await.unwrap().counts.new, 4);
    let e = import::commit(desk, &admin, "a.csv", csv.as_bytes()).await.unwrap_err();
    assert_eq!(e.payload().row, Some(4), "{e:?}");
    assert_eq!(db.count("residents").await, 0);
    let imports = db.count("audit_log").await;
    assert!(imports >= 1);
});

backend_test!(households_by_code_and_heads, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let csv = format!(
        "姓名,身份证号,户号,与户主关系,住址\n刘小雨,{},H9,子女,欣园1号楼\n刘建华,{},H9,户主,欣园1号楼\n刘二,{},H9,户主,欣园1号楼\n",
        id("20180301", "022"),
        id("19800101", "011"),
        id("19820101", "031")
    );
    let preview = import::preview(desk, &admin, "户.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((preview.counts.new, preview.counts.error), (2, 1));
    let second_head = preview.rows.iter().find(|r| r.name == "刘二").unwrap();
    assert!(second_head.errors[0].message.contains("第 3 行"), "{:?}", second_head.errors);
    import::commit(desk, &admin, "户.csv", csv.as_bytes()).await.unwrap();
    assert_eq!(db.count("households").await, 1);
    let r = residents::search(desk, &admin, &ResidentQuery { text: Some("lxy".into()), page: 1, page_size: 5, ..Default::default() })
        .await
        .unwrap();
    let kid = residents::get(desk, &admin, r.rows[0].id).await.unwrap();
    assert_eq!(kid.household.unwrap().members.len(), 2);
});

backend_test!(importing_needs_a_registry_keeper, |db| {
    let admin = db.with_admin().await;
    let viewer = db.add_user(&admin, "viewer1", caredesk_core::auth::Role::Viewer).await;
    let csv = format!("姓名,身份证号\n甲一,{}\n", id("19400101", "011"));
    let e = import::preview(db.desk(), &viewer, "a.csv", csv.as_bytes()).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
});
