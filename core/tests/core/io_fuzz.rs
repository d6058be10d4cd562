//! Property tests: no input makes the io module panic, and what it returns keeps its promises.
//!
//! Case counts are modest so the whole file runs in seconds; regressions found by proptest are
//! kept below as named tests.

use crate::support;

use std::sync::OnceLock;

use caredesk_core::io::{clean, map_columns, read_workbook, Cell, ColumnSpec, Sheet};
use proptest::prelude::*;
use support::*;

const CASES: u32 = 256;

/// `PROPTEST_CASES=20000 cargo test … --test core io_fuzz` searches harder, once in a while.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn valid_xlsx() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(small_xlsx)
}

fn valid_xls() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let rows = vec![
            vec![text("名单")],
            vec![text("姓名"), text("身份证号"), text("出生日期")],
            vec![text("王秀英"), XlsValue::Number(110105491231002.0), XlsValue::Date(18324.0)],
        ];
        legacy_xls("名单", &rows, &XlsBuild { merges: vec![(0, 0, 0, 2)], ..XlsBuild::default() })
    })
}

/// What read_workbook promises whenever it succeeds.
fn check_read(bytes: &[u8]) {
    match read_workbook("模糊.xlsx", bytes) {
        Ok(sheet) => check_sheet(&sheet),
        Err(e) => {
            assert!(matches!(e.code(), "unreadable_file" | "empty_file" | "too_many_rows"), "{}: {e}", e.code());
            assert_eq!(e.field(), Some("file"));
        }
    }
}

fn check_sheet(sheet: &Sheet) {
    let last = sheet.rows.last().expect("a sheet that was read has rows");
    assert!(last.iter().any(|c| !c.is_blank()), "trailing blank rows are dropped");
    assert!(sheet.rows.iter().all(|r| r.len() <= caredesk_core::io::MAX_COLUMNS));
    // Whatever was read can be mapped (or refused) without panicking.
    let _ = map_columns(sheet, RESIDENT_SPECS);
}

/// Byte flips (position, xor mask) and a cut applied to a valid file.
fn mutate(base: &[u8], flips: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, mask) in flips {
        let at = at % bytes.len();
        bytes[at] ^= mask.max(1);
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    bytes
}

fn any_cell() -> impl Strategy<Value = Cell> {
    let numbers = prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -10.0..3_000_000.0f64,
        1e14..1e19f64,
        10_000_000.0..100_000_000.0f64,
    ];
    let texts = prop_oneof![
        any::<String>(),
        "[0-9０-９]{1,5}[-/.年月日号 T:０-９]{0,3}[0-9０-９]{0,3}[-/.年月日号 ]{0,2}[0-9]{0,3}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
        "[0-9.,eE+\\- ]{0,20}",
        "[ \u{3000}\u{a0}\u{feff}\u{200b}\t\r\nａ-ｚＡ-Ｚ０-９王秀英*（）()]{0,16}",
    ];
    prop_oneof![
        Just(Cell::Empty),
        texts.prop_map(Cell::Text),
        numbers.clone().prop_map(Cell::Number),
        numbers.prop_map(Cell::Date),
        any::<bool>().prop_map(Cell::Bool),
        any::<String>().prop_map(Cell::Error),
    ]
}

fn header_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("姓名".to_string()),
        Just("名字*".to_string()),
        Just("身份证号（18位）".to_string()),
        Just("公民身份号码".to_string()),
        Just("手机号".to_string()),
        Just("合计".to_string()),
        Just("".to_string()),
        "[ \u{3000}a-z王李]{0,4}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn read_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check_read(&bytes);
    }

    #[test]
    fn read_never_panics_behind_an_excel_signature(
        zip in any::<bool>(),
        tail in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let magic: &[u8] = if zip { b"PK\x03\x04" } else { &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] };
        check_read(&[magic, &tail].concat());
    }

    #[test]
    fn read_never_panics_on_a_damaged_xlsx(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        check_read(&mutate(valid_xlsx(), &flips, cut));
    }

    #[test]
    fn read_never_panics_on_a_damaged_xls(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        check_read(&mutate(valid_xls(), &flips, cut));
    }

    #[test]
    fn read_never_panics_on_arbitrary_csv_text(text in any::<String>()) {
        check_read(text.as_bytes());
    }

    #[test]
    fn read_never_panics_on_csv_made_of_delimiters_and_quotes(
        text in "[,\t;\"\r\n 王a\u{3000}]{0,200}",
        gbk in any::<bool>(),
    ) {
        let bytes = if gbk { encoding_rs::GBK.encode(&text).0.into_owned() } else { text.into_bytes() };
        check_read(&bytes);
    }

    #[test]
    fn text_and_compact_are_clean(cell in any_cell()) {
        if let Some(t) = clean::text(&cell) {
            prop_assert!(!t.is_empty());
            prop_assert_eq!(t.trim(), t.as_str());
            prop_assert!(!t.contains("  "), "{:?}", t);
            prop_assert!(t.chars().all(|c| c == ' ' || !c.is_whitespace()), "{:?}", t);
            prop_assert!(!t.chars().any(|c| c.is_control() || ('\u{FF01}'..='\u{FF5E}').contains(&c)), "{:?}", t);
        }
        if let Some(c) = clean::compact(&cell) {
            prop_assert!(!c.is_empty() && !c.chars().any(char::is_whitespace), "{:?}", c);
        }
        prop_assert_eq!(cell.is_blank(), clean::text(&cell).is_none());
    }

    #[test]
    fn id_text_is_compact_or_the_scientific_refusal(cell in any_cell()) {
        match clean::id_text(&cell) {
            Ok(Some(id)) => prop_assert!(!id.is_empty() && !id.chars().any(char::is_whitespace), "{:?}", id),
            Ok(None) => {}
            Err(e) => {
                prop_assert_eq!(e.code(), "id_number_scientific");
                prop_assert_eq!(e.field(), Some("idNumber"));
            }
        }
    }

    #[test]
    fn date_is_a_real_day_or_a_chinese_message(cell in any_cell()) {
        match clean::date(&cell) {
            Ok(Some(day)) => {
                use chrono::Datelike;
                prop_assert!((1000..=9999).contains(&day.year()), "{}", day);
            }
            Ok(None) => prop_assert!(cell.is_blank()),
            Err(message) => {
                prop_assert!(message.starts_with("日期"), "{}", message);
                prop_assert!(message.contains("1950-03-02"), "{}", message);
                prop_assert!(message.chars().count() < 120, "{}", message);
            }
        }
    }

    #[test]
    fn map_columns_never_panics(
        rows in proptest::collection::vec(proptest::collection::vec(header_word(), 0..6), 0..40),
    ) {
        let sheet = Sheet {
            name: "Sheet1".into(),
            rows: rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect(),
        };
        let specs: &[ColumnSpec] = RESIDENT_SPECS;
        match map_columns(&sheet, specs) {
            Ok(table) => {
                prop_assert!(table.has("name") && table.has("idNumber"));
                prop_assert!(table.header_row >= 1 && table.header_row <= 30);
                prop_assert!(table.rows.iter().all(|r| r.number > table.header_row));
                prop_assert!(table.rows.windows(2).all(|w| w[0].number < w[1].number));
            }
            Err(e) => prop_assert_eq!(e.code(), "missing_columns"),
        }
    }
}

// ---------------------------------------------------------------------------
// Regressions found by the properties above
// ---------------------------------------------------------------------------

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).position(|w| w == needle).expect("record present in the generated file")
}

/// Found by `read_never_panics_on_a_damaged_xls` (20,000 cases): flipped bytes gave one cell record
/// a row near 65,000 and a column near 40,000. calamine 0.38 allocates the dense grid spanning all
/// cells (~86 GB here), the allocation fails and the process aborts — not a panic, so
/// `catch_unwind` could not help. `io::ole2` now refuses such a file before calamine sees it.
#[test]
fn regression_damaged_xls_cell_far_out_aborted_the_process() {
    let mut bytes = valid_xls().to_vec();
    // NUMBER record (0x0203, 14 bytes) of row 3 column B: 王秀英's ID.
    let at = find(&bytes, &[0x03, 0x02, 0x0E, 0x00, 0x02, 0x00, 0x01, 0x00]);
    bytes[at + 4..at + 6].copy_from_slice(&0xFFF0u16.to_le_bytes());
    bytes[at + 6..at + 8].copy_from_slice(&0xA000u16.to_le_bytes());
    let e = read_workbook("名单.xls", &bytes).expect_err("refused");
    assert_eq!(e.code(), "unreadable_file");
}

/// Same family: a DIMENSIONS record whose last row is before its first. calamine computes the row
/// count in u32 and, in release builds, wraps around to four billion rows and reserves memory for
/// them (a debug build panics instead, which is caught).
#[test]
fn regression_damaged_xls_dimensions_wrapping_around() {
    let mut bytes = valid_xls().to_vec();
    // DIMENSIONS record (0x0200, 14 bytes): first row 0, last row + 1 = 3.
    let at = find(&bytes, &[0x00, 0x02, 0x0E, 0x00, 0, 0, 0, 0, 3, 0, 0, 0]);
    bytes[at + 4..at + 8].copy_from_slice(&10u32.to_le_bytes());
    let e = read_workbook("名单.xls", &bytes).expect_err("refused");
    assert_eq!(e.code(), "unreadable_file");
}

/// A loop in the compound file's sector chain: calamine follows the directory chain until the
/// chain ends, so a sector pointing at itself grows memory forever.
#[test]
fn regression_xls_sector_chain_loop() {
    let mut bytes = valid_xls().to_vec();
    // The first FAT sector is sector 0 (file offset 512) in the files the cfb crate writes; the
    // directory starts at the sector named in the header.
    let dir_start = u32::from_le_bytes([bytes[48], bytes[49], bytes[50], bytes[51]]) as usize;
    let fat_sector = u32::from_le_bytes([bytes[76], bytes[77], bytes[78], bytes[79]]) as usize;
    let entry = 512 + fat_sector * 512 + dir_start * 4;
    bytes[entry..entry + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    let e = read_workbook("名单.xls", &bytes).expect_err("refused");
    assert_eq!(e.code(), "unreadable_file");
}
