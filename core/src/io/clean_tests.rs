use super::*;

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

// ---------------------------------------------------------------------------
// text / compact
// ---------------------------------------------------------------------------

#[test]
fn text_trims_and_maps_full_width() {
    assert_eq!(text(&t("  王秀英 ")), Some("王秀英".into()));
    assert_eq!(text(&t("１３８０３５６１２３４")), Some("13803561234".into()));
    assert_eq!(text(&t("ＡＢｃ（甲）")), Some("ABc(甲)".into()));
}

#[test]
fn text_collapses_every_kind_of_space() {
    assert_eq!(text(&t("中阳楼\u{3000}\u{3000}3号楼\u{a0} 2单元\t\r\n301")), Some("中阳楼 3号楼 2单元 301".into()));
}

#[test]
fn text_drops_invisible_and_control_characters() {
    assert_eq!(text(&t("\u{feff}王\u{200b}秀\u{200d}英\u{7}")), Some("王秀英".into()));
}

#[test]
fn blank_text_is_none() {
    for blank in ["", "   ", "\u{3000}", "\u{feff}\u{200b}", "\u{a0}\t"] {
        assert_eq!(text(&t(blank)), None, "{blank:?}");
        assert!(t(blank).is_blank());
    }
    assert_eq!(text(&Cell::Empty), None);
}

#[test]
fn integral_numbers_print_without_decimals() {
    assert_eq!(text(&Cell::Number(13803561234.0)), Some("13803561234".into()));
    assert_eq!(text(&Cell::Number(0.0)), Some("0".into()));
    assert_eq!(text(&Cell::Number(-0.0)), Some("0".into()));
    assert_eq!(text(&Cell::Number(-12.0)), Some("-12".into()));
    assert_eq!(text(&Cell::Number(1e20)), Some("100000000000000000000".into()));
}

#[test]
fn fractions_print_as_excel_shows_them() {
    assert_eq!(text(&Cell::Number(85.5)), Some("85.5".into()));
    assert_eq!(text(&Cell::Number(0.1 + 0.2)), Some("0.3".into()));
    assert_eq!(text(&Cell::Number(1.0 / 3.0)), Some("0.333333333333333".into()));
    assert_eq!(text(&Cell::Number(f64::NAN)), None);
    assert_eq!(text(&Cell::Number(f64::INFINITY)), None);
}

#[test]
fn phone_in_scientific_notation_as_text_stays_text() {
    // Phone parsing (crate::residents::phone) decides what to do with it, not the cleaner.
    assert_eq!(text(&t("1.3803561234E+10")), Some("1.3803561234E+10".into()));
    assert_eq!(compact(&t(" 1.3803561234E+10 ")), Some("1.3803561234E+10".into()));
}

#[test]
fn dates_print_as_iso_days() {
    assert_eq!(text(&Cell::Date(18324.0)), Some("1950-03-02".into()));
    assert_eq!(text(&Cell::Date(45306.5)), Some("2024-01-15 12:00".into()));
    assert_eq!(text(&Cell::Date(45306.0 + 3661.0 / 86400.0)), Some("2024-01-15 01:01:01".into()));
    assert_eq!(text(&Cell::Date(45_306.999_999_999)), Some("2024-01-16".into()));
    assert_eq!(text(&Cell::Date(0.75)), Some("18:00".into()));
    assert_eq!(text(&Cell::Date(60.0)), Some("1900-02-29".into()), "as Excel shows it");
    assert_eq!(text(&Cell::Date(-1.0)), Some("-1".into()), "out of range falls back to the number");
}

#[test]
fn booleans_and_errors_read_as_excel_shows_them() {
    assert_eq!(text(&Cell::Bool(true)), Some("TRUE".into()));
    assert_eq!(text(&Cell::Error("#N/A".into())), Some("#N/A".into()));
}

#[test]
fn compact_removes_all_whitespace() {
    assert_eq!(compact(&t("王 秀 英")), Some("王秀英".into()));
    assert_eq!(compact(&t("138 0356\u{3000}1234")), Some("13803561234".into()));
    assert_eq!(compact(&t(" \u{3000} ")), None);
}

// ---------------------------------------------------------------------------
// id_text
// ---------------------------------------------------------------------------

/// What the ID-number rules say when someone types scientific notation.
fn typed_scientific_error() -> Error {
    parse_id_number("1.10105E+17", day(2026, 1, 1)).expect_err("refused")
}

fn assert_scientific(result: Result<Option<String>>) {
    let e = result.expect_err("scientific notation is refused");
    let typed = typed_scientific_error();
    assert_eq!(e.code(), "id_number_scientific");
    assert_eq!(e.code(), typed.code());
    assert_eq!(e.field(), Some("idNumber"));
    assert_eq!(e.to_string(), typed.to_string(), "same message as typing it");
    assert!(e.to_string().contains("科学计数法"), "{e}");
}

#[test]
fn id_number_stored_as_a_big_number_is_refused() {
    assert_scientific(id_text(&Cell::Number(1.10105194912310e17)));
    assert_scientific(id_text(&Cell::Number(1e15)));
    assert_scientific(id_text(&Cell::Number(-1.1e17)));
}

#[test]
fn id_number_in_scientific_text_is_refused() {
    assert_scientific(id_text(&t("1.10105E+17")));
    assert_scientific(id_text(&t(" １.１０１０５Ｅ＋１７ ")));
    assert_scientific(id_text(&t("1.10105e17")));
}

#[test]
fn id_numbers_below_the_precision_limit_become_digits() {
    assert_eq!(id_text(&Cell::Number(110105194912.0)).expect("ok"), Some("110105194912".into()));
    assert_eq!(id_text(&Cell::Number(110105491231002.0)).expect("ok"), Some("110105491231002".into()));
    assert_eq!(id_text(&Cell::Number(999_999_999_999_999.0)).expect("ok"), Some("999999999999999".into()));
}

#[test]
fn id_text_otherwise_is_compact_text() {
    assert_eq!(id_text(&t(" 110105 19491231 002x ")).expect("ok"), Some("11010519491231002x".into()));
    assert_eq!(id_text(&t("１１０１０５１９４９１２３１００２Ｘ")).expect("ok"), Some("11010519491231002X".into()));
    assert_eq!(id_text(&Cell::Number(1234.5)).expect("ok"), Some("1234.5".into()));
    assert_eq!(id_text(&Cell::Empty).expect("ok"), None);
    assert_eq!(id_text(&t("\u{3000}")).expect("ok"), None);
    assert_eq!(id_text(&Cell::Number(f64::NAN)).expect("ok"), None);
    assert_eq!(id_text(&Cell::Number(f64::INFINITY)).expect("ok"), None);
}

// ---------------------------------------------------------------------------
// date
// ---------------------------------------------------------------------------

#[test]
fn serial_dates_follow_excel_1900_system() {
    assert_eq!(date(&Cell::Number(1.0)), Ok(Some(day(1900, 1, 1))));
    assert_eq!(date(&Cell::Number(59.0)), Ok(Some(day(1900, 2, 28))));
    assert_eq!(date(&Cell::Number(61.0)), Ok(Some(day(1900, 3, 1))));
    assert_eq!(date(&Cell::Date(18324.0)), Ok(Some(day(1950, 3, 2))));
    assert_eq!(date(&Cell::Date(45306.0)), Ok(Some(day(2024, 1, 15))));
    assert_eq!(date(&Cell::Date(2_958_465.0)), Ok(Some(day(9999, 12, 31))));
    assert_eq!(date(&Cell::Date(18324.75)), Ok(Some(day(1950, 3, 2))), "time of day dropped");
}

#[test]
fn serial_60_is_excel_phantom_leap_day() {
    let message = date(&Cell::Number(60.0)).expect_err("1900-02-29 does not exist");
    assert!(message.contains("1900-02-29"), "{message}");
    assert!(date(&Cell::Date(60.5)).is_err());
}

#[test]
fn serials_out_of_range_are_refused() {
    for n in [0.0, 0.5, -1.0, 2_958_466.0, 1e9, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let message = date(&Cell::Number(n)).expect_err("out of range");
        assert!(message.starts_with("日期“"), "{message}");
        assert!(message.ends_with("无法识别，请写成 1950-03-02"), "{message}");
    }
}

#[test]
fn number_typed_as_yyyymmdd_is_a_date() {
    assert_eq!(date(&Cell::Number(19500302.0)), Ok(Some(day(1950, 3, 2))));
    assert!(date(&Cell::Number(19501302.0)).is_err());
}

#[test]
fn written_dates_in_every_common_form() {
    let expected = Ok(Some(day(1950, 3, 2)));
    for written in [
        "1950-03-02",
        "1950-3-2",
        "1950/3/2",
        "1950/03/02",
        "1950.3.2",
        "1950年3月2日",
        "1950年03月02日",
        "1950年3月2号",
        "1950年3月2",
        "1950 年 3 月 2 日",
        "19500302",
        "1950-03-02 00:00:00",
        "1950/3/2 0:00",
        "1950-03-02T00:00:00",
        "1950-03-02T08:30:15.250Z",
        "１９５０－０３－０２",
        "１９５０年３月２日",
        "\u{feff} 1950-03-02\u{3000}",
    ] {
        assert_eq!(date(&t(written)), expected, "{written}");
    }
}

#[test]
fn empty_date_cells_are_none() {
    assert_eq!(date(&Cell::Empty), Ok(None));
    assert_eq!(date(&t("  \u{3000}")), Ok(None));
}

#[test]
fn bad_written_dates_say_how_to_write_them() {
    assert_eq!(date(&t("1950-13-02")), Err("日期“1950-13-02”无法识别，请写成 1950-03-02".to_string()));
    for bad in [
        "1950-02-30",
        "50-3-2",
        "1950-3",
        "1950/3-2",
        "1950-03-02-01",
        "0950-03-02",
        "1950-003-02",
        "19501332",
        "1950年3月",
        "三月二日",
        "1950-03-02 25:00 extra",
        "TRUE",
    ] {
        let message = date(&t(bad)).expect_err(bad);
        assert!(message.contains("无法识别，请写成 1950-03-02"), "{bad}: {message}");
    }
    assert!(date(&Cell::Bool(true)).expect_err("bool").contains("“TRUE”"));
    assert!(date(&Cell::Error("#VALUE!".into())).expect_err("error").contains("“#VALUE!”"));
}

#[test]
fn long_input_is_shortened_in_messages() {
    let long = "很".repeat(200);
    let message = date(&t(&long)).expect_err("not a date");
    assert!(message.chars().count() < 80, "{message}");
    assert!(message.contains('…'));
}

#[test]
fn time_suffixes_are_recognised_strictly() {
    assert!(is_time("0:00"));
    assert!(is_time("23:59:59"));
    assert!(is_time("08:30:15.5Z"));
    assert!(!is_time("8"));
    assert!(!is_time("8:3"));
    assert!(!is_time("08:30:1"));
    assert!(!is_time("08:30:15:00"));
    assert!(!is_time("3月2日"));
}
