use super::*;

const SPECS: &[ColumnSpec] = &[
    ColumnSpec { key: "name", label: "姓名", synonyms: &["名字", "居民姓名"], required: true },
    ColumnSpec { key: "idNumber", label: "身份证号", synonyms: &["公民身份号码", "身份证号码"], required: true },
    ColumnSpec { key: "phone", label: "联系电话", synonyms: &["手机号", "电话"], required: false },
    ColumnSpec { key: "address", label: "住址", synonyms: &["现住址"], required: false },
];

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|s| if s.is_empty() { Cell::Empty } else { t(s) }).collect()
}

fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet { name: "Sheet1".into(), rows }
}

fn names(table: &MappedTable) -> Vec<String> {
    table.rows.iter().map(|r| clean::text(table.cell(r, "name")).unwrap_or_default()).collect()
}

#[test]
fn header_in_the_first_row() {
    let s = sheet(vec![row(&["姓名", "身份证号", "联系电话"]), row(&["王秀英", "110105194912310021", "13803561234"])]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(table.header_row, 1);
    assert_eq!(table.columns.get("name"), Some(&0));
    assert_eq!(table.columns.get("phone"), Some(&2));
    assert!(!table.has("address"));
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].number, 2);
    assert_eq!(table.cell(&table.rows[0], "idNumber"), &t("110105194912310021"));
    assert_eq!(table.cell(&table.rows[0], "address"), &Cell::Empty, "absent column");
    assert_eq!(table.cell(&table.rows[0], "nonsense"), &Cell::Empty);
}

#[test]
fn titles_above_the_header_are_skipped() {
    let s = sheet(vec![
        row(&["中阳楼街道2024年高龄老人名单"]),
        row(&["填报单位：东街社区", "", "日期：2024-01-15"]),
        vec![],
        row(&["序号", "名字", "公民身份号码", "现住址"]),
        row(&["1", "王秀英", "110105194912310021", "东街3号"]),
    ]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(table.header_row, 4);
    assert_eq!(table.columns.get("name"), Some(&1));
    assert_eq!(table.columns.get("idNumber"), Some(&2));
    assert_eq!(table.columns.get("address"), Some(&3));
    assert_eq!(table.ignored_headers, vec!["序号".to_string()]);
    assert_eq!(table.rows[0].number, 5);
}

#[test]
fn headers_are_normalised_before_matching() {
    for (name, id) in [
        ("*姓名", "身份证号*"),
        ("＊姓名", "身份证号（18位）"),
        ("姓  名", "身份证号(必填)"),
        ("姓名（必填）", "身份证号码（选填）"),
        ("\u{3000}姓名：", "【必填】身份证号"),
        ("居民姓名", "公民身份号码"),
    ] {
        let s = sheet(vec![row(&[name, id])]);
        let table = map_columns(&s, SPECS).unwrap_or_else(|e| panic!("{name} / {id}: {e}"));
        assert_eq!(table.columns.len(), 2, "{name} / {id}");
    }
}

#[test]
fn ascii_headers_match_case_insensitively() {
    let specs = [
        ColumnSpec { key: "id", label: "ID", synonyms: &[], required: true },
        ColumnSpec { key: "name", label: "Name", synonyms: &[], required: true },
    ];
    let s = sheet(vec![row(&["ｉｄ", "NAME"])]);
    assert_eq!(map_columns(&s, &specs).expect("mapped").columns.len(), 2);
}

#[test]
fn normalize_header_examples() {
    assert_eq!(normalize_header("身份证号（18位）"), "身份证号");
    assert_eq!(normalize_header(" ＊ 联系 电话 (必填) "), "联系电话");
    assert_eq!(normalize_header("Phone No."), "phoneno.");
    assert_eq!(normalize_header("（备注）"), "(备注)", "only a note: keep its words");
}

#[test]
fn a_single_required_column_is_enough_for_a_one_column_spec() {
    let specs = [ColumnSpec { key: "name", label: "姓名", synonyms: &[], required: true }];
    let s = sheet(vec![row(&["名单"]), row(&["姓名"]), row(&["王秀英"])]);
    let table = map_columns(&s, &specs).expect("mapped");
    assert_eq!(table.header_row, 2);
    assert_eq!(names(&table), vec!["王秀英"]);
}

#[test]
fn one_matching_cell_in_a_title_is_not_a_header() {
    // "姓名" alone in a row does not make it the header while both required columns are wanted.
    let s = sheet(vec![row(&["姓名"]), row(&["姓名", "身份证号"]), row(&["王秀英", "1"])]);
    assert_eq!(map_columns(&s, SPECS).expect("mapped").header_row, 2);
}

#[test]
fn blank_rows_are_skipped_and_numbers_kept() {
    let s =
        sheet(vec![row(&["姓名", "身份证号"]), row(&["王秀英", "1"]), row(&["", ""]), vec![t("  "), t("\u{3000}")], row(&["李建国", "2"])]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(names(&table), vec!["王秀英", "李建国"]);
    assert_eq!(table.rows.iter().map(|r| r.number).collect::<Vec<_>>(), vec![2, 5]);
}

#[test]
fn trailing_totals_end_the_data() {
    let s = sheet(vec![
        row(&["姓名", "身份证号"]),
        row(&["王秀英", "1"]),
        row(&["李建国", "2"]),
        row(&["合 计", "2人"]),
        vec![],
        row(&["", "总计：2"]),
    ]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(names(&table), vec!["王秀英", "李建国"]);
}

#[test]
fn a_totals_row_followed_by_data_stays_a_row() {
    // Only trailing totals are dropped; one in the middle is shown to the user as a bad row.
    let s = sheet(vec![row(&["姓名", "身份证号"]), row(&["小计", "1"]), row(&["王秀英", "1"])]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(names(&table), vec!["小计", "王秀英"]);
}

#[test]
fn a_name_starting_like_a_total_is_only_a_total_at_the_end() {
    let s = sheet(vec![row(&["姓名", "身份证号"]), row(&["王秀英", "1"]), row(&["合计", ""])]);
    assert_eq!(names(&map_columns(&s, SPECS).expect("mapped")), vec!["王秀英"]);
}

#[test]
fn duplicate_columns_first_wins() {
    let s = sheet(vec![row(&["姓名", "身份证号", "电话", "手机号"]), row(&["王", "1", "0358-7221234", "138"])]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(table.columns.get("phone"), Some(&2));
    assert_eq!(table.ignored_headers, vec!["手机号".to_string()]);
}

#[test]
fn short_rows_read_as_empty_cells() {
    let s = sheet(vec![row(&["姓名", "身份证号", "住址"]), row(&["王秀英"])]);
    let table = map_columns(&s, SPECS).expect("mapped");
    assert_eq!(table.cell(&table.rows[0], "address"), &Cell::Empty);
    assert_eq!(table.cell(&table.rows[0], "idNumber"), &Cell::Empty);
}

#[test]
fn header_only_gives_no_rows() {
    let s = sheet(vec![row(&["姓名", "身份证号"])]);
    assert!(map_columns(&s, SPECS).expect("mapped").rows.is_empty());
}

#[test]
fn missing_required_column_is_named_with_its_synonyms() {
    let s = sheet(vec![row(&["姓名", "联系电话"]), row(&["王秀英", "138"])]);
    let e = map_columns(&s, SPECS).expect_err("id column missing");
    assert_eq!(e.code(), "missing_columns");
    assert_eq!(e.field(), Some("file"));
    let message = e.to_string();
    assert!(message.starts_with("找不到必需的列：身份证号。"), "{message}");
    assert!(message.contains("身份证号（也可写：公民身份号码、身份证号码）"), "{message}");
    assert!(!message.contains("姓名（"), "found columns are not listed: {message}");
}

#[test]
fn no_header_anywhere_lists_the_required_columns() {
    let s = sheet(vec![row(&["甲", "乙"]), row(&["王秀英", "1"])]);
    let e = map_columns(&s, SPECS).expect_err("no header");
    assert_eq!(e.code(), "missing_columns");
    let message = e.to_string();
    assert!(message.contains("姓名、身份证号"), "{message}");
    assert!(!message.contains("联系电话"), "optional columns are not demanded: {message}");
}

#[test]
fn header_below_row_30_is_not_searched() {
    let mut rows = vec![row(&["说明"]); HEADER_SEARCH_ROWS];
    rows.push(row(&["姓名", "身份证号"]));
    let e = map_columns(&sheet(rows), SPECS).expect_err("too low");
    assert_eq!(e.code(), "missing_columns");
    let mut rows = vec![row(&["说明"]); HEADER_SEARCH_ROWS - 1];
    rows.push(row(&["姓名", "身份证号"]));
    assert_eq!(map_columns(&sheet(rows), SPECS).expect("row 30 is searched").header_row, 30);
}

#[test]
fn more_than_max_rows_is_refused() {
    let mut rows = vec![row(&["姓名", "身份证号"])];
    rows.extend(std::iter::repeat_n(vec![Cell::Number(1.0)], MAX_ROWS + 1));
    let e = map_columns(&sheet(rows), SPECS).expect_err("too many");
    assert_eq!(e.code(), "too_many_rows");
}

#[test]
fn empty_sheet_has_no_header() {
    assert_eq!(map_columns(&sheet(vec![]), SPECS).expect_err("empty").code(), "missing_columns");
}
