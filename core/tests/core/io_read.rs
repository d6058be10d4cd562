//! Reading real-shaped files end to end: read_workbook → map_columns → clean, on `.xlsx`, `.xls` and
//! CSV files the tests generate themselves, and write_report output read back.

use crate::support;

use caredesk_core::io::{clean, map_columns, read_workbook, write_report, Cell, DataRow, MappedTable, Sheet, XlsxColumn, XlsxReport};
use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use support::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn row(table: &MappedTable, number: u32) -> &DataRow {
    table.rows.iter().find(|r| r.number == number).unwrap_or_else(|| panic!("no row {number}"))
}

fn text_of(table: &MappedTable, number: u32, key: &str) -> Option<String> {
    clean::text(table.cell(row(table, number), key))
}

fn names(table: &MappedTable) -> Vec<String> {
    table.rows.iter().map(|r| clean::compact(table.cell(r, "name")).unwrap_or_default()).collect()
}

fn numbers(table: &MappedTable) -> Vec<u32> {
    table.rows.iter().map(|r| r.number).collect()
}

fn read_table(file_name: &str, bytes: &[u8]) -> MappedTable {
    let sheet = read_workbook(file_name, bytes).unwrap_or_else(|e| panic!("{file_name}: {e}"));
    map_columns(&sheet, RESIDENT_SPECS).unwrap_or_else(|e| panic!("{file_name}: {e}"))
}

// ---------------------------------------------------------------------------
// .xlsx
// ---------------------------------------------------------------------------

#[test]
fn xlsx_list_with_titles_synonyms_blank_rows_and_totals() {
    let bytes = resident_list_xlsx(["名字", "公民身份号码", "手机号", "现住址", "出生日期"]);
    let sheet = read_workbook("高龄老人名单.xlsx", &bytes).expect("read");
    assert_eq!(sheet.name, "高龄老人");
    // The merged title rows are rows with one non-empty cell.
    for title in &sheet.rows[..2] {
        assert_eq!(title.iter().filter(|c| !c.is_blank()).count(), 1, "{title:?}");
    }
    assert_eq!(clean::text(&sheet.rows[0][0]).as_deref(), Some("中阳楼街道2024年高龄老人名单"));

    let table = map_columns(&sheet, RESIDENT_SPECS).expect("mapped");
    assert_eq!(table.header_row, 3);
    assert_eq!(names(&table), vec!["王秀英", "李建国", "张桂兰"], "blank rows and 合计 skipped");
    assert_eq!(numbers(&table), vec![4, 6, 7]);
    assert!(table.ignored_headers.is_empty());

    // 王秀英: text ID, phone stored as a number, a real date.
    let wang = row(&table, 4);
    assert_eq!(clean::id_text(table.cell(wang, "idNumber")).expect("id").as_deref(), Some("110105194912310021"));
    assert_eq!(table.cell(wang, "phone"), &Cell::Number(13803561234.0));
    assert_eq!(text_of(&table, 4, "phone").as_deref(), Some("13803561234"));
    assert_eq!(text_of(&table, 4, "address").as_deref(), Some("东街 3号楼"));
    assert!(matches!(table.cell(wang, "birthDate"), Cell::Date(_)), "a real Excel date");
    assert_eq!(clean::date(table.cell(wang, "birthDate")), Ok(Some(day(1949, 12, 31))));

    // 李建国: 15-digit ID stored as a number is exact; date written as text.
    let li = row(&table, 6);
    assert_eq!(clean::id_text(table.cell(li, "idNumber")).expect("id").as_deref(), Some("110105491231002"));
    assert_eq!(text_of(&table, 6, "phone").as_deref(), Some("0358-7221234"));
    assert_eq!(clean::date(table.cell(li, "birthDate")), Ok(Some(day(1950, 3, 2))));

    // 张桂兰: the 18-digit ID stored as a number has lost digits and is refused.
    let zhang = row(&table, 7);
    let e = clean::id_text(table.cell(zhang, "idNumber")).expect_err("scientific");
    assert_eq!(e.code(), "id_number_scientific");
    assert_eq!(clean::compact(table.cell(zhang, "phone")).as_deref(), Some("13903561234"));
    assert_eq!(clean::date(table.cell(zhang, "birthDate")), Ok(Some(day(1950, 3, 2))));
}

#[test]
fn xlsx_headers_with_stars_and_notes() {
    let bytes = resident_list_xlsx(["姓名*", "身份证号*", "＊联系电话", "住址（选填）", "出生日期(必填)"]);
    let table = read_table("名单.xlsx", &bytes);
    assert_eq!(table.columns.len(), 5, "{:?}", table.columns);
    assert_eq!(table.columns.get("idNumber"), Some(&1));
    assert_eq!(names(&table), vec!["王秀英", "李建国", "张桂兰"]);
}

#[test]
fn xlsx_missing_required_column_is_named() {
    let bytes = resident_list_xlsx(["姓名", "证件", "手机号", "现住址", "出生日期"]);
    let sheet = read_workbook("名单.xlsx", &bytes).expect("read");
    let e = map_columns(&sheet, RESIDENT_SPECS).expect_err("no ID column");
    assert_eq!(e.code(), "missing_columns");
    assert_eq!(e.field(), Some("file"));
    let message = e.to_string();
    assert!(message.contains("找不到必需的列：身份证号"), "{message}");
    assert!(message.contains("公民身份号码"), "lists the accepted names: {message}");
}

#[test]
fn xlsx_in_the_1904_date_system_is_shifted_to_1900() {
    let bytes = resident_list_xlsx(["姓名", "身份证号", "电话", "住址", "出生日期"]);
    let bytes = rewrite_xlsx_part(&bytes, "xl/workbook.xml", |xml| {
        assert!(xml.contains("<workbookPr"), "{xml}");
        xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
    });
    let table = read_table("mac.xlsx", &bytes);
    // The stored serial is the same; in a 1904 workbook it means a day 1462 days later, as Excel
    // would show it.
    let expected = day(1949, 12, 31) + chrono::Duration::days(1462);
    assert_eq!(clean::date(table.cell(row(&table, 4), "birthDate")), Ok(Some(expected)));
    assert_eq!(expected, day(1954, 1, 1));
}

#[test]
fn xlsx_first_visible_sheet_with_content_wins() {
    let mut workbook = Workbook::new();
    let lists = workbook.add_worksheet();
    lists.set_name("下拉选项").expect("name");
    lists.write_string(0, 0, "男").expect("cell");
    lists.set_hidden(true);
    workbook.add_worksheet().set_name("空表").expect("name");
    let data = workbook.add_worksheet();
    data.set_name("名单").expect("name");
    // Excel cannot hide the active sheet, and the first sheet is active unless another one is.
    data.set_active(true);
    data.write_string(0, 0, "姓名").expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let sheet = read_workbook("名单.xlsx", &bytes).expect("read");
    assert_eq!(sheet.name, "名单");
    assert_eq!(sheet.rows, vec![vec![Cell::Text("姓名".into())]]);

    // With nothing visible to read, the hidden sheet is still better than nothing.
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("空表").expect("name");
    let hidden = workbook.add_worksheet();
    hidden.write_string(0, 0, "藏起来的").expect("cell");
    hidden.set_hidden(true);
    let bytes = workbook.save_to_buffer().expect("xlsx");
    assert_eq!(read_workbook("x.xlsx", &bytes).expect("read").rows[0][0], Cell::Text("藏起来的".into()));
}

#[test]
fn xlsx_without_any_content_is_empty() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(3, 3, "  ").expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let e = read_workbook("空的.xlsx", &bytes).expect_err("empty");
    assert_eq!(e.code(), "empty_file");
    assert!(e.to_string().contains("“空的.xlsx”"), "{e}");
}

#[test]
fn xlsx_stray_cells_far_away_cost_nothing() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "姓名").expect("cell");
    sheet.write_string(0, 300, "太靠右").expect("cell");
    sheet.write_string(1_000_000, 1, "很远").expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let sheet = read_workbook("x.xlsx", &bytes).expect("read");
    assert_eq!(sheet.rows[0], vec![Cell::Text("姓名".into())], "column 301 is beyond MAX_COLUMNS");
    assert_eq!(sheet.rows.len(), 1_000_001);
    assert_eq!(sheet.rows[1_000_000][1], Cell::Text("很远".into()));
}

#[test]
fn encrypted_xlsx_asks_to_remove_the_password() {
    let e = read_workbook("加密名单.xlsx", &encrypted_xlsx()).expect_err("encrypted");
    assert_eq!(e.code(), "unreadable_file");
    assert_eq!(e.field(), Some("file"));
    assert!(e.to_string().contains("密码"), "{e}");
    assert!(e.to_string().contains("“加密名单.xlsx”"), "{e}");
}

#[test]
fn truncated_xlsx_is_unreadable_not_a_panic() {
    let bytes = small_xlsx();
    for len in [4, 10, 100, bytes.len() / 2, bytes.len() - 30, bytes.len() - 1] {
        let e = read_workbook("坏的.xlsx", &bytes[..len]).expect_err("truncated");
        assert_eq!(e.code(), "unreadable_file", "truncated to {len}");
        assert!(e.to_string().contains("无法读取文件“坏的.xlsx”"), "{e}");
    }
}

#[test]
fn a_zip_that_is_not_a_workbook_is_unreadable() {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    archive.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).expect("start");
    std::io::Write::write_all(&mut archive, b"<w:document/>").expect("write");
    let docx = archive.finish().expect("finish").into_inner();
    assert_eq!(read_workbook("报告.docx", &docx).expect_err("not a workbook").code(), "unreadable_file");
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

const CSV_LIST: &str = "中阳楼街道高龄老人名单,,,\r\n\
    姓名,身份证号,手机号,住址\r\n\
    王秀英,110105194912310021,13803561234,\"东街3号楼,2单元\"\r\n\
    ,,,\r\n\
    李建国,1.10105E+17,1.3803561234E+10,西街5号\r\n\
    合计,2人,,\r\n";

fn check_csv_list(table: &MappedTable) {
    assert_eq!(table.header_row, 2);
    assert_eq!(names(table), vec!["王秀英", "李建国"]);
    assert_eq!(numbers(table), vec![3, 5]);
    assert_eq!(text_of(table, 3, "address").as_deref(), Some("东街3号楼,2单元"));
    // CSV keeps what was written: the ID in scientific notation is refused, the phone stays text.
    assert_eq!(clean::id_text(table.cell(row(table, 5), "idNumber")).expect_err("sci").code(), "id_number_scientific");
    assert_eq!(text_of(table, 5, "phone").as_deref(), Some("1.3803561234E+10"));
}

#[test]
fn csv_utf8_with_bom() {
    let bytes = [&[0xEF, 0xBB, 0xBF][..], CSV_LIST.as_bytes()].concat();
    let table = read_table("名单.csv", &bytes);
    check_csv_list(&table);
    assert_eq!(read_workbook("名单.csv", &bytes).expect("read").name, "名单");
}

#[test]
fn csv_in_gbk_as_excel_saves_it_on_chinese_windows() {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(CSV_LIST);
    assert!(!unmappable);
    check_csv_list(&read_table("名单.csv", &bytes));
}

#[test]
fn tab_delimited_text_as_wps_saves_it() {
    let tabbed = CSV_LIST.replace(",,,", "\t\t\t").replace("\"东街3号楼,2单元\"", "东街3号楼,2单元").replace(',', "\t");
    let tabbed = tabbed.replace("东街3号楼\t2单元", "东街3号楼,2单元");
    check_csv_list(&read_table("名单.txt", tabbed.as_bytes()));
    let (gbk, _, _) = encoding_rs::GBK.encode(&tabbed);
    check_csv_list(&read_table("名单.txt", &gbk));
}

#[test]
fn csv_over_the_row_limit_is_refused() {
    let mut text = String::from("姓名,身份证号\n");
    for i in 0..caredesk_core::io::MAX_ROWS + 40 {
        text.push_str(&format!("人{i},1\n"));
    }
    let e = read_workbook("全街道.csv", text.as_bytes()).expect_err("too many");
    assert_eq!(e.code(), "too_many_rows");
    assert!(e.to_string().contains("100000"), "{e}");
}

#[test]
fn binary_files_are_unreadable() {
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\x03\nendstream\n";
    assert_eq!(read_workbook("名单.pdf", pdf).expect_err("pdf").code(), "unreadable_file");
    let jpeg: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0].into_iter().chain((0..500).map(|i| (i * 7 % 256) as u8)).collect();
    assert_eq!(read_workbook("照片.jpg", &jpeg).expect_err("jpeg").code(), "unreadable_file");
    // A web system's "Excel export" that is really an HTML table.
    let html = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>姓名</td><td>身份证号</td></tr></table></body></html>";
    let e = read_workbook("导出.xls", html.as_bytes()).expect_err("html");
    assert_eq!(e.code(), "unreadable_file");
    assert!(e.to_string().contains("另存为 .xlsx"), "{e}");
}

// ---------------------------------------------------------------------------
// Legacy .xls
// ---------------------------------------------------------------------------

fn xls_list() -> Vec<Vec<XlsValue>> {
    vec![
        vec![text("东街社区居民名单")],
        vec![text("姓名"), text("身份证号"), text("手机号"), text("出生日期")],
        vec![text("王秀英"), text("110105194912310021"), XlsValue::Number(13803561234.0), XlsValue::Date(18263.0)],
        vec![XlsValue::Empty],
        vec![text("李建国"), XlsValue::Number(110105491231002.0), text("0358-7221234"), text("1950/3/2")],
        vec![text("Li Ming"), text("11010519491231002X"), XlsValue::Empty, XlsValue::Empty],
    ]
}

fn check_xls_list(sheet: &Sheet) {
    assert_eq!(sheet.name, "名单");
    let table = map_columns(sheet, RESIDENT_SPECS).expect("mapped");
    assert_eq!(table.header_row, 2);
    assert_eq!(names(&table), vec!["王秀英", "李建国", "LiMing"]);
    assert_eq!(numbers(&table), vec![3, 5, 6]);
    assert_eq!(clean::id_text(table.cell(row(&table, 3), "idNumber")).expect("id").as_deref(), Some("110105194912310021"));
    assert_eq!(clean::id_text(table.cell(row(&table, 5), "idNumber")).expect("id").as_deref(), Some("110105491231002"));
    assert_eq!(text_of(&table, 3, "phone").as_deref(), Some("13803561234"));
    assert_eq!(clean::date(table.cell(row(&table, 3), "birthDate")), Ok(Some(day(1949, 12, 31))));
    assert_eq!(clean::date(table.cell(row(&table, 5), "birthDate")), Ok(Some(day(1950, 3, 2))));
    assert_eq!(text_of(&table, 6, "name").as_deref(), Some("Li Ming"), "Latin-1 (compressed) strings");
}

#[test]
fn xls_as_excel_writes_it() {
    let build = XlsBuild { merges: vec![(0, 0, 0, 3)], ..XlsBuild::default() };
    let bytes = legacy_xls("名单", &xls_list(), &build);
    let sheet = read_workbook("名单.xls", &bytes).expect("read");
    assert_eq!(sheet.rows[0].iter().filter(|c| !c.is_blank()).count(), 1, "merged title");
    check_xls_list(&sheet);
}

#[test]
fn xls_with_inline_labels() {
    let build = XlsBuild { shared_strings: false, ..XlsBuild::default() };
    check_xls_list(&read_workbook("名单.xls", &legacy_xls("名单", &xls_list(), &build)).expect("read"));
}

#[test]
fn xls_from_java_exporters_declaring_code_page_1252() {
    // JExcelAPI writes CODEPAGE 1252 into BIFF8 files; the text is UTF-16/Latin-1 all the same.
    for shared_strings in [true, false] {
        let build = XlsBuild { codepage: 1252, shared_strings, ..XlsBuild::default() };
        check_xls_list(&read_workbook("导出.xls", &legacy_xls("名单", &xls_list(), &build)).expect("read"));
    }
}

#[test]
fn big_xls_stored_in_regular_sectors() {
    // Over 4096 bytes the workbook stream leaves the compound file's mini stream.
    let mut rows = xls_list();
    for i in 0..400 {
        rows.push(vec![text(&format!("居民{i}")), text("110105194912310021")]);
    }
    let build = XlsBuild { codepage: 1252, shared_strings: false, ..XlsBuild::default() };
    let bytes = legacy_xls("名单", &rows, &build);
    assert!(bytes.len() > 8192, "{}", bytes.len());
    let sheet = read_workbook("名单.xls", &bytes).expect("read");
    let table = map_columns(&sheet, RESIDENT_SPECS).expect("mapped");
    assert_eq!(table.rows.len(), 403);
    assert_eq!(text_of(&table, 406, "name").as_deref(), Some("居民399"));
}

#[test]
fn excel_95_xls_in_gbk() {
    let build = XlsBuild { biff5: true, codepage: 936, ..XlsBuild::default() };
    let bytes = legacy_xls("名单", &xls_list(), &build);
    check_xls_list(&read_workbook("九五.xls", &bytes).expect("read"));
}

#[test]
fn xls_in_the_1904_date_system() {
    let build = XlsBuild { date1904: true, ..XlsBuild::default() };
    let sheet = read_workbook("mac.xls", &legacy_xls("名单", &xls_list(), &build)).expect("read");
    let table = map_columns(&sheet, RESIDENT_SPECS).expect("mapped");
    let expected = day(1949, 12, 31) + chrono::Duration::days(1462);
    assert_eq!(clean::date(table.cell(row(&table, 3), "birthDate")), Ok(Some(expected)));
}

#[test]
fn xls_with_a_password_asks_to_remove_it() {
    let build = XlsBuild { password: true, ..XlsBuild::default() };
    let e = read_workbook("名单.xls", &legacy_xls("名单", &xls_list(), &build)).expect_err("encrypted");
    assert_eq!(e.code(), "unreadable_file");
    assert!(e.to_string().contains("密码"), "{e}");
}

#[test]
fn truncated_xls_is_unreadable() {
    // Cut inside the header, right after it (calamine 0.38 panics on this one; the panic is caught)
    // and inside the sector tables. (Cutting only the zero padding at the end still reads.)
    let bytes = legacy_xls("名单", &xls_list(), &XlsBuild::default());
    for len in [8, 512, 1000] {
        let e = read_workbook("名单.xls", &bytes[..len]).expect_err("truncated");
        assert_eq!(e.code(), "unreadable_file", "truncated to {len}");
    }
}

// ---------------------------------------------------------------------------
// write_report, read back
// ---------------------------------------------------------------------------

fn import_report() -> XlsxReport<'static> {
    XlsxReport {
        sheet_name: "导入结果",
        title_lines: vec![
            "中阳楼街道办事处 居民导入错误报告".into(),
            "文件：名单.xlsx".into(),
            "导出人：张三 导出时间：2024-01-15 10:30".into(),
        ],
        columns: vec![
            XlsxColumn { header: "行号".into(), width: 6.0, text: false },
            XlsxColumn { header: "姓名".into(), width: 10.0, text: false },
            XlsxColumn { header: "身份证号".into(), width: 22.0, text: true },
            XlsxColumn { header: "手机号".into(), width: 14.0, text: true },
            XlsxColumn { header: "错误".into(), width: 40.0, text: false },
        ],
        rows: vec![
            vec!["4".into(), "王秀英".into(), "110105194912310021".into(), "13803561234".into(), "".into()],
            vec!["6".into(), "李建国".into(), "011010549123100".into(), "0358-7221234".into(), "身份证号应为 18 位".into()],
            vec!["7".into(), "张桂兰".into()],
        ],
        highlight_columns: vec![4],
        freeze_header: true,
    }
}

#[test]
fn written_report_reads_back_with_ids_as_text() {
    let bytes = write_report(&import_report()).expect("written");
    let sheet = read_workbook("导入结果.xlsx", &bytes).expect("read back");
    assert_eq!(sheet.name, "导入结果");
    assert_eq!(clean::text(&sheet.rows[0][0]).as_deref(), Some("中阳楼街道办事处 居民导入错误报告"));
    assert_eq!(clean::text(&sheet.rows[2][0]).as_deref(), Some("导出人:张三 导出时间:2024-01-15 10:30"));
    let header: Vec<String> = sheet.rows[3].iter().filter_map(clean::text).collect();
    assert_eq!(header, vec!["行号", "姓名", "身份证号", "手机号", "错误"]);
    let wang = &sheet.rows[4];
    assert_eq!(wang[0], Cell::Number(4.0), "plain numbers in non-text columns are numbers");
    assert_eq!(wang[2], Cell::Text("110105194912310021".into()), "IDs stay text");
    assert_eq!(wang[3], Cell::Text("13803561234".into()), "phones stay text");
    assert_eq!(sheet.rows[5][2], Cell::Text("011010549123100".into()), "leading zero kept");
    assert_eq!(clean::text(&sheet.rows[5][4]).as_deref(), Some("身份证号应为 18 位"));
    assert_eq!(clean::text(&sheet.rows[6][1]).as_deref(), Some("张桂兰"));
    assert!(sheet.rows[6].get(2).is_none_or(Cell::is_blank), "short rows are padded with empty cells");

    // And an importer finds its columns below the title lines.
    let specs = [
        caredesk_core::io::ColumnSpec { key: "name", label: "姓名", synonyms: &[], required: true },
        caredesk_core::io::ColumnSpec { key: "idNumber", label: "身份证号", synonyms: &[], required: true },
    ];
    let table = map_columns(&sheet, &specs).expect("mapped");
    assert_eq!(table.header_row, 4);
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.ignored_headers, vec!["行号", "手机号", "错误"]);
}

#[test]
fn written_report_has_the_agreed_layout() {
    let bytes = write_report(&import_report()).expect("written");
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<mergeCell ref="A1:E1"/>"#), "title merged across the table: {sheet}");
    assert!(sheet.contains(r#"<autoFilter ref="A4:E7"/>"#), "filter on the header: {sheet}");
    assert!(sheet.contains(r#"ySplit="4""#) && sheet.contains(r#"state="frozen""#), "frozen below the header: {sheet}");
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="@""#), "text format @ is used: {styles}");
    assert!(styles.contains("FFC7CE"), "light-red highlight: {styles}");
    assert!(styles.contains("D9D9D9"), "grey header: {styles}");
    assert!(styles.contains(r#"<sz val="14"/>"#), "14pt title: {styles}");
    let workbook = xlsx_part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "header repeated on printed pages: {workbook}");

    let plain = write_report(&XlsxReport { freeze_header: false, ..import_report() }).expect("written");
    assert!(!xlsx_part(&plain, "xl/worksheets/sheet1.xml").contains("frozen"));
}

#[test]
fn highlight_only_marks_non_empty_cells() {
    let bytes = write_report(&import_report()).expect("written");
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    // Style of E6 (error text) differs from E5 (empty error cell).
    let style_of = |cell: &str| -> String {
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap_or_else(|| panic!("{cell} written"));
        let rest = &sheet[at..];
        let end = rest.find('>').expect("tag end");
        rest[..end].split("s=\"").nth(1).map(|s| s.split('"').next().unwrap_or("").to_string()).unwrap_or_default()
    };
    assert_ne!(style_of("E5"), style_of("E6"));
    assert!(styles.contains("FFC7CE"));
}

#[test]
fn a_template_keeps_typed_ids_as_text() {
    // A blank template: the ID column's empty cells are text-formatted too.
    let template = XlsxReport {
        sheet_name: "居民导入模板",
        title_lines: vec![],
        columns: vec![
            XlsxColumn { header: "姓名*".into(), width: 10.0, text: false },
            XlsxColumn { header: "身份证号*".into(), width: 22.0, text: true },
        ],
        rows: vec![],
        highlight_columns: vec![],
        freeze_header: true,
    };
    let bytes = write_report(&template).expect("written");
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<col min="2" max="2""#) && sheet.contains("style="), "column style set: {sheet}");
    let read = read_workbook("模板.xlsx", &bytes).expect("read");
    assert_eq!(map_columns(&read, RESIDENT_SPECS).expect("mapped").header_row, 1);
}

#[test]
fn an_xlsx_declaring_absurd_counts_is_refused_instead_of_aborting_the_app() {
    let bytes = small_xlsx();
    assert!(xlsx_part(&bytes, "xl/sharedStrings.xml").contains("uniqueCount"));
    // calamine reserves memory for the declared number of strings: this once asked for petabytes.
    let crafted = rewrite_xlsx_part(&bytes, "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("closing quote");
        format!("{}99999999999999{}", &xml[..start], &xml[end..])
    });
    let e = read_workbook("crafted.xlsx", &crafted).unwrap_err();
    assert_eq!(e.code(), "unreadable_file");
    assert!(read_workbook("small.xlsx", &bytes).is_ok(), "the honest file still reads");
}
