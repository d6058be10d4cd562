//! Export → edit in WPS → import back: the registry's export is a valid import file. Unchanged, it
//! re-imports as 无变化 for every row (also after LibreOffice re-saves it as .xlsx or .xls); a
//! column left out changes nothing; an empty cell clears its field only as the preview says.

use crate::common;

use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::db::entity::resident;
use caredesk_core::demo;
use caredesk_core::io::{self, clean};
use caredesk_core::residents::export::export_xlsx;
use caredesk_core::residents::import;
use caredesk_core::residents::{ImportOutcome, ImportPreview, ResidentQuery};
use rust_xlsxwriter::Workbook;
use sea_orm::{EntityTrait, QueryOrder};
use std::path::Path;

/// Placement of every resident: (id, community, grid, compound, household, relation, phone, notes).
type Placement = Vec<(i32, Option<i32>, Option<i32>, Option<i32>, Option<i32>, Option<String>, Option<String>, Option<String>)>;

async fn placement(db: &common::TestDb) -> Placement {
    resident::Entity::find()
        .order_by_asc(resident::Column::Id)
        .all(db.desk().db_for_tests())
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.community_id, r.grid_id, r.compound_id, r.household_id, r.relation_to_head, r.phone, r.notes))
        .collect()
}

async fn export(db: &common::TestDb, admin: &caredesk_core::auth::Actor, reveal: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.xlsx");
    export_xlsx(db.desk(), admin, &ResidentQuery::default(), reveal, &path).await.unwrap();
    std::fs::read(&path).unwrap()
}

/// The sheet's cells as text, as a clerk sees them.
fn cells(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let sheet = io::read_workbook(name, bytes).unwrap();
    sheet.rows.iter().map(|r| r.iter().map(|c| clean::text(c).unwrap_or_default()).collect()).collect()
}

/// A sheet written again from text cells, as after editing in WPS; `edit` changes the rows first.
fn rewritten(bytes: &[u8], edit: impl FnOnce(&mut Vec<Vec<String>>)) -> Vec<u8> {
    let mut rows = cells(bytes, "名单.xlsx");
    edit(&mut rows);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            ws.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn header_index(rows: &[Vec<String>], header: &str) -> (usize, usize) {
    rows.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|h| h == header).map(|c| (r, c)))
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn assert_all_unchanged(preview: &ImportPreview, rows: usize) {
    let c = &preview.counts;
    let changed: Vec<_> = preview.rows.iter().filter(|r| r.outcome != ImportOutcome::Unchanged).take(5).collect();
    assert_eq!((c.total as usize, c.unchanged as usize, c.clearing), (rows, rows, 0), "{changed:#?}");
}

const SEED: u64 = 7;

backend_test!(an_unchanged_export_of_the_demo_imports_as_unchanged, |db| {
    let admin = db.with_admin().await;
    demo::create(db.desk(), &admin, 300, SEED).await.unwrap();
    let before = placement(db).await;
    assert!(before.iter().filter(|p| p.3.is_some()).count() > 250, "the demo places residents in compounds");
    assert!(before.iter().filter(|p| p.4.is_some()).count() > 250, "and in households");

    for reveal in [true, false] {
        let bytes = export(db, &admin, reveal).await;
        let preview = import::preview(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
        assert_all_unchanged(&preview, before.len());
        for derived in ["序号", "年龄", "状态"] {
            assert!(preview.ignored_headers.iter().any(|h| h == derived), "{derived} is listed as ignored: {:?}", preview.ignored_headers);
        }
        let mapped: Vec<&str> = preview.columns.iter().map(|c| c.label.as_str()).collect();
        for label in ["小区", "户号", "与户主关系", "类别", "无证件原因", "备注", "档案号"] {
            assert!(mapped.contains(&label), "the export carries {label}: {mapped:?}");
        }
        let result = import::commit(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
        assert_eq!((result.created, result.updated, result.unchanged), (0, 0, before.len() as u32), "reveal = {reveal}");
        assert_eq!(placement(db).await, before, "compound, household and phone kept (reveal = {reveal})");
    }
});

backend_test!(a_sheet_without_the_compound_column_keeps_every_compound, |db| {
    let admin = db.with_admin().await;
    demo::create(db.desk(), &admin, 120, SEED).await.unwrap();
    let before = placement(db).await;
    let bytes = rewritten(&export(db, &admin, true).await, |rows| {
        let (_, compound) = header_index(rows, "小区");
        let (_, household) = header_index(rows, "户号");
        for row in rows.iter_mut() {
            for c in [compound.max(household), compound.min(household)] {
                if c < row.len() {
                    row.remove(c);
                }
            }
        }
    });
    let preview = import::preview(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
    assert!(!preview.columns.iter().any(|c| c.label == "小区" || c.label == "户号"));
    assert_all_unchanged(&preview, before.len());
    import::commit(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
    assert_eq!(placement(db).await, before);
});

backend_test!(an_empty_cell_is_named_in_the_preview_and_clears_only_on_commit, |db| {
    let admin = db.with_admin().await;
    demo::create(db.desk(), &admin, 120, SEED).await.unwrap();
    let before = placement(db).await;
    let exported = export(db, &admin, true).await;
    let mut target = 0;
    let bytes = rewritten(&exported, |rows| {
        let (header, compound) = header_index(rows, "小区");
        let (_, record) = header_index(rows, "档案号");
        let row = rows.iter_mut().skip(header + 1).find(|r| !r[compound].is_empty()).unwrap();
        row[compound].clear();
        target = row[record].parse().unwrap();
    });
    let preview = import::preview(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
    assert_eq!((preview.counts.update, preview.counts.clearing), (1, 1));
    let row = preview.rows.iter().find(|r| r.outcome == ImportOutcome::Update).unwrap();
    assert_eq!(row.cleared, ["小区"]);
    assert_eq!(row.changes, ["社区网格"]);
    assert_eq!(placement(db).await, before, "the preview writes nothing");

    let result = import::commit(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
    assert_eq!(result.updated, 1);
    let after = placement(db).await;
    for (b, a) in before.iter().zip(&after) {
        if b.0 == target {
            assert_eq!((a.1, a.2, a.3), (b.1, b.2, None), "only the compound is cleared");
        } else {
            assert_eq!(a, b);
        }
    }
});

/// ID numbers of 孝义市, where the seed office is.
fn id(birth: &str, seq: &str) -> String {
    common::id_number("141181", birth, seq)
}

/// A small registry made the same way every time, so its export is the same file: a community with
/// a grid and compounds, a household with a 户号, categories, notes and a resident without an ID
/// number (found again by 档案号).
async fn small_registry(db: &common::TestDb, admin: &caredesk_core::auth::Actor) {
    let desk = db.desk();
    let add = |parent_id, kind, name: &str| NewCommunity { parent_id, kind, name: name.into() };
    let community = communities::add(desk, admin, add(None, CommunityKind::Community, "双桥社区")).await.unwrap();
    let grid = communities::add(desk, admin, add(Some(community.id), CommunityKind::Grid, "第一网格")).await.unwrap();
    communities::add(desk, admin, add(Some(grid.id), CommunityKind::Compound, "欣园小区")).await.unwrap();
    communities::add(desk, admin, add(Some(community.id), CommunityKind::Compound, "祥和小区")).await.unwrap();
    let csv = format!(
        "姓名,身份证号,性别,出生日期,联系电话,社区,网格,小区,住址,户号,与户主关系,类别,无证件原因,备注\n\
         王秀英,{},,,13803561234,双桥社区,第一网格,欣园小区,欣园小区3号楼2单元301室,H1,户主,独居、低保,,腿脚不便，送餐上门\n\
         李建国,{},,,,双桥社区,第一网格,欣园小区,欣园小区3号楼2单元301室,H1,配偶,,,\n\
         Anna Schmidt,,女,1950-03-02,010-62345678,双桥社区,,祥和小区,祥和小区1号楼,,,,外国护照,\n\
         周强,{},,,13912345678,双桥社区,,,,,,,,\n",
        id("19491231", "002"),
        id("19480101", "011"),
        id("19700101", "011"),
    );
    let result = import::commit(desk, admin, "登记.csv", csv.as_bytes()).await.unwrap();
    assert_eq!(result.created, 4);
}

backend_test!(the_small_registry_round_trips_with_its_no_id_resident, |db| {
    let admin = db.with_admin().await;
    small_registry(db, &admin).await;
    let before = placement(db).await;
    let bytes = export(db, &admin, true).await;
    let preview = import::preview(db.desk(), &admin, "名单.xlsx", &bytes).await.unwrap();
    assert_all_unchanged(&preview, 4);

    // A phone corrected in WPS is an update of that field only.
    let edited = rewritten(&bytes, |rows| {
        let (_, phone) = header_index(rows, "联系电话");
        let row = rows.iter_mut().find(|r| r.iter().any(|c| c == "Anna Schmidt")).unwrap();
        row[phone] = "010-62345679".into();
    });
    let preview = import::preview(db.desk(), &admin, "名单.xlsx", &edited).await.unwrap();
    let anna = preview.rows.iter().find(|r| r.name == "Anna Schmidt").unwrap();
    assert_eq!((anna.outcome, anna.changes.as_slice()), (ImportOutcome::Update, ["电话".to_string()].as_slice()));
    assert_eq!(preview.counts.new, 0, "the resident without an ID number is found by 档案号");
    import::commit(db.desk(), &admin, "名单.xlsx", &edited).await.unwrap();
    assert_eq!(placement(db).await.len(), before.len());
});

/// The small registry's export, opened and saved again in LibreOffice Calc 7.4 (as .xlsx and as
/// Excel 97 .xls), the way clerks' files come back (see the last test for how they are made).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roundtrip");

backend_test!(an_export_resaved_by_libreoffice_imports_as_unchanged, |db| {
    let admin = db.with_admin().await;
    small_registry(db, &admin).await;
    let before = placement(db).await;
    for name in ["名单-libreoffice.xlsx", "名单-libreoffice.xls"] {
        let bytes = std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
        let preview = import::preview(db.desk(), &admin, name, &bytes).await.unwrap();
        assert_all_unchanged(&preview, 4);
        import::commit(db.desk(), &admin, name, &bytes).await.unwrap();
        assert_eq!(placement(db).await, before, "{name}");
    }
});

/// The fixtures hold what the export writes today: when its columns change, this fails until they
/// are made again. `CAREDESK_WRITE_FIXTURES=1` writes the export they are made from (名单.xlsx),
/// then `soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML"` and
/// `--convert-to xls:"MS Excel 97"` on a copy make the two fixtures.
#[tokio::test]
async fn the_libreoffice_fixtures_are_of_the_current_export() {
    let db = common::TestDb::sqlite().await;
    let admin = db.with_admin().await;
    small_registry(&db, &admin).await;
    let bytes = export(&db, &admin, true).await;
    if std::env::var_os("CAREDESK_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(FIXTURES).unwrap();
        std::fs::write(Path::new(FIXTURES).join("名单.xlsx"), &bytes).unwrap();
    }
    let from_header = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        let (header, _) = header_index(&rows, "档案号");
        let trimmed = |mut row: Vec<String>| {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
            row
        };
        rows.into_iter().skip(header).map(trimmed).collect()
    };
    let current = from_header(cells(&bytes, "名单.xlsx"));
    for name in ["名单-libreoffice.xlsx", "名单-libreoffice.xls"] {
        let fixture = std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
        assert_eq!(from_header(cells(&fixture, name)), current, "{name} is of an older export: make the fixtures again");
    }
    db.finish().await;
}
