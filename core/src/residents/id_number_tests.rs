use super::*;
use proptest::prelude::*;

const VALID: &str = "11010519491231002X";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn parse(input: &str) -> Result<IdNumber> {
    parse_id_number(input, today())
}

fn error_code(input: &str) -> &'static str {
    parse(input).expect_err(input).code()
}

fn error_message(input: &str) -> String {
    parse(input).expect_err(input).to_string()
}

/// Builds a valid 18-digit number from its parts.
fn build_id(area: &str, birth: NaiveDate, sequence: u32) -> String {
    let first17 = format!("{area}{}{sequence:03}", birth.format("%Y%m%d"));
    format!("{first17}{}", check_char(&first17))
}

// --- accepted input ----------------------------------------------------

#[test]
fn parses_the_reference_example() {
    let id = parse(VALID).unwrap();
    assert_eq!(id.as_str(), VALID);
    assert_eq!(id.birth_date(), date(1949, 12, 31));
    assert_eq!(id.sex(), Sex::Female);
    assert_eq!(id.area_code(), "110105");
    assert_eq!(id.masked(), "110105********002X");
}

#[test]
fn check_char_of_reference_example_is_x() {
    assert_eq!(check_char("11010519491231002"), 'X');
}

#[test]
fn odd_sequence_is_male() {
    let number = build_id("440305", date(1990, 5, 17), 123);
    let id = parse(&number).unwrap();
    assert_eq!(id.sex(), Sex::Male);
    assert_eq!(id.sex().label(), "男");
    assert_eq!(id.sex().as_str(), "male");
    assert_eq!(Sex::Female.label(), "女");
    assert_eq!(Sex::Female.as_str(), "female");
}

#[test]
fn accepts_formatting_noise() {
    for input in [
        "11010519491231002x",
        "110105 19491231 002X",
        "110105-19491231-002X",
        "  11010519491231002X\t",
        "\u{3000}110105\u{3000}19491231\u{00A0}002x\u{00A0}",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105－19491231—002X",
        "\u{FEFF}11010519491231002X\u{200B}",
    ] {
        let id = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(id.as_str(), VALID, "{input:?}");
    }
}

#[test]
fn upgrades_legacy_15_digit_numbers() {
    let id = parse("110105491231002").unwrap();
    assert_eq!(id.as_str(), VALID);
    assert_eq!(id.birth_date(), date(1949, 12, 31));
    assert_eq!(id.sex(), Sex::Female);
    let id = parse("440305 900517 123").unwrap();
    assert_eq!(id.as_str(), build_id("440305", date(1990, 5, 17), 123));
    assert_eq!(id.sex(), Sex::Male);
}

#[test]
fn accepts_every_listed_province() {
    for province in PROVINCE_CODES {
        let number = build_id(&format!("{province}0101"), date(1980, 1, 1), 1);
        assert!(parse(&number).is_ok(), "{number}");
    }
}

#[test]
fn accepts_birth_date_boundaries() {
    assert!(parse(&build_id("110105", date(1890, 1, 1), 1)).is_ok());
    assert!(parse(&build_id("110105", today(), 1)).is_ok());
    assert!(parse(&build_id("110105", date(2000, 2, 29), 1)).is_ok());
}

// --- refused input -----------------------------------------------------

#[test]
fn every_error_names_the_id_number_field() {
    for input in ["", "1", "abc", "1.10105E+17", "110105194912310021", "00010519491231002X"] {
        assert_eq!(parse(input).unwrap_err().field(), Some("idNumber"), "{input:?}");
    }
}

#[test]
fn refuses_wrong_length_and_says_how_long_it_is() {
    assert_eq!(error_code("11010519491231002"), "id_number_length");
    assert!(error_message("11010519491231002").contains("现在是 17 位"));
    assert_eq!(error_code("11010519491231002X1"), "id_number_length");
    assert!(error_message("11010519491231002X1").contains("现在是 19 位"));
    assert_eq!(error_code(""), "id_number_length");
    assert_eq!(error_code(" \u{3000} - "), "id_number_length");
    assert!(error_message("").contains("空"));
}

#[test]
fn refuses_foreign_characters_and_names_them() {
    assert_eq!(error_code("11010519491231002Y"), "id_number_characters");
    let message = error_message("11010519491231002Y");
    assert!(message.contains("“Y”") && message.contains("第 18 个"), "{message}");
    let message = error_message("1101051949123100\u{7}2X");
    assert!(message.contains("U+0007"), "{message}");
    assert_eq!(error_code("110105.19491231.002X"), "id_number_characters");
}

#[test]
fn refuses_x_anywhere_but_the_end() {
    assert_eq!(error_code("1101051949123100X2"), "id_number_characters");
    assert!(error_message("1101051949123100X2").contains("第 17 位"));
    assert_eq!(error_code("11010549123100X"), "id_number_characters");
}

#[test]
fn refuses_a_wrong_check_character_and_gives_the_right_one() {
    assert_eq!(error_code("110105194912310021"), "id_number_checksum");
    let message = error_message("110105194912310021");
    assert!(message.starts_with("身份证号校验位不对：最后一位应为 X，请核对是否抄错"), "{message}");
    assert!(!message.contains("Excel"));
}

#[test]
fn checksum_message_hints_at_excel_when_the_number_ends_in_000() {
    // Excel keeps 15 significant digits, so an 18-digit number ends in 000.
    let message = error_message("110105194912310000");
    assert!(message.contains("Excel") && message.contains("文本"), "{message}");
}

#[test]
fn refuses_impossible_birth_dates() {
    assert_eq!(error_code("110105194913310020"), "id_number_birth_date");
    assert!(error_message("110105194913310020").contains("19491331"));
    assert_eq!(error_code("110105190002290020"), "id_number_birth_date");
    assert_eq!(error_code("110105194900000020"), "id_number_birth_date");
    let legacy = error_message("110105491331002");
    assert!(legacy.contains("第 7–12 位") && legacy.contains("491331"), "{legacy}");
}

#[test]
fn refuses_future_and_too_early_birth_dates() {
    let tomorrow = build_id("110105", date(2024, 6, 2), 1);
    assert_eq!(error_code(&tomorrow), "id_number_birth_date");
    assert!(error_message(&tomorrow).contains("晚于今天"));
    let too_early = build_id("110105", date(1889, 12, 31), 1);
    assert_eq!(error_code(&too_early), "id_number_birth_date");
    assert!(error_message(&too_early).contains("1890"));
}

#[test]
fn uses_the_given_today_not_the_clock() {
    let number = build_id("110105", date(2024, 6, 1), 1);
    assert!(parse_id_number(&number, date(2024, 5, 31)).is_err());
    assert!(parse_id_number(&number, date(2024, 6, 1)).is_ok());
}

#[test]
fn refuses_unknown_province_codes() {
    for area in ["000105", "010105", "100105", "160105", "470105", "720105", "840105", "990105"] {
        let number = build_id(area, date(1980, 1, 1), 1);
        assert_eq!(error_code(&number), "id_number_area", "{number}");
    }
    assert!(error_message(&build_id("990105", date(1980, 1, 1), 1)).contains("“99”"));
}

#[test]
fn refuses_excel_scientific_notation_with_a_fix() {
    for input in [
        "1.10105E+17",
        "1.10105194912310E+17",
        "1,10105E+17",
        "1.10105e+17",
        "1.10105E17",
        " 1.10105E+17 ",
        "１．１０１０５Ｅ＋１７",
        "１，１０１０５Ｅ＋１７",
        "1E+17",
    ] {
        assert_eq!(error_code(input), "id_number_scientific", "{input:?}");
    }
    let message = error_message("1.10105E+17");
    assert!(message.contains("Excel") && message.contains("文本") && message.contains("丢失"));
}

#[test]
fn not_every_e_is_scientific_notation() {
    assert_eq!(error_code("11010519491231002E"), "id_number_characters");
    assert_eq!(error_code("E+17"), "id_number_characters");
    assert_eq!(error_code("1.1E"), "id_number_characters");
}

// --- consistency ---------------------------------------------------------

#[test]
fn consistent_or_missing_values_pass() {
    let id = parse(VALID).unwrap();
    assert!(check_consistency(&id, None, None).is_ok());
    assert!(check_consistency(&id, Some(date(1949, 12, 31)), Some(Sex::Female)).is_ok());
}

#[test]
fn mismatched_birth_date_is_reported_on_birth_date() {
    let id = parse(VALID).unwrap();
    let error = check_consistency(&id, Some(date(1949, 12, 30)), Some(Sex::Male)).unwrap_err();
    assert_eq!(error.code(), "birth_date_mismatch");
    assert_eq!(error.field(), Some("birthDate"));
    assert_eq!(error.to_string(), "出生日期与身份证号不一致：身份证号中是 1949年12月31日");
}

#[test]
fn mismatched_sex_is_reported_on_sex() {
    let id = parse(VALID).unwrap();
    let error = check_consistency(&id, None, Some(Sex::Male)).unwrap_err();
    assert_eq!(error.code(), "sex_mismatch");
    assert_eq!(error.field(), Some("sex"));
    assert_eq!(error.to_string(), "性别与身份证号不一致：身份证号显示为 女");
}

#[test]
fn debug_output_is_masked() {
    let id = parse(VALID).unwrap();
    let debug = format!("{id:?}");
    assert!(debug.contains("110105********002X") && !debug.contains(VALID), "{debug}");
}

// --- property tests ------------------------------------------------------

fn area_strategy() -> impl Strategy<Value = String> {
    (prop::sample::select(PROVINCE_CODES), "[0-9]{4}").prop_map(|(province, rest)| format!("{province}{rest}"))
}

fn birth_date_strategy(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    let span = (to - from).num_days();
    (0..=span).prop_map(move |days| from + chrono::Duration::days(days))
}

fn valid_parts() -> impl Strategy<Value = (String, NaiveDate, u32)> {
    (area_strategy(), birth_date_strategy(date(1890, 1, 1), today()), 0u32..1000)
}

fn full_width(c: char) -> char {
    char::from_u32(u32::from(c) + 0xFEE0).unwrap()
}

/// Re-types a valid number the way a person might: full-width, spaced, hyphenated.
fn add_noise(number: &str, noise: &[u8]) -> String {
    let mut typed = String::new();
    for (c, kind) in number.chars().zip(noise) {
        match kind {
            1 => typed.push(full_width(c)),
            2 => typed.extend([' ', c]),
            3 => typed.extend(['-', c]),
            4 => typed.extend(['\u{3000}', c.to_ascii_lowercase()]),
            _ => typed.push(c),
        }
    }
    typed
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_on_any_string(input in any::<String>()) {
        let _ = parse_id_number(&input, today());
    }

    #[test]
    fn never_panics_on_near_miss_strings(
        input in prop::collection::vec(
            prop::sample::select(vec![
                '0', '1', '4', '9', 'X', 'x', 'Ｘ', '９', ' ', '\u{3000}', '-', '.', ',',
                'E', 'e', '+', '＋', '．', 'é', '\u{0}', '\u{FEFF}',
            ]),
            0..24,
        ).prop_map(|chars| chars.into_iter().collect::<String>())
    ) {
        let _ = parse_id_number(&input, today());
    }

    #[test]
    fn valid_numbers_parse_and_round_trip((area, birth, sequence) in valid_parts()) {
        let number = build_id(&area, birth, sequence);
        let id = parse_id_number(&number, today()).unwrap();
        prop_assert_eq!(id.as_str(), number.as_str());
        prop_assert_eq!(id.birth_date(), birth);
        prop_assert_eq!(id.sex(), if sequence % 2 == 1 { Sex::Male } else { Sex::Female });
        prop_assert_eq!(id.area_code(), area.as_str());
        prop_assert_eq!(parse_id_number(id.as_str(), today()).unwrap(), id);
    }

    #[test]
    fn formatting_noise_does_not_change_the_result(
        (area, birth, sequence) in valid_parts(),
        noise in prop::collection::vec(0u8..5, 18),
    ) {
        let number = build_id(&area, birth, sequence);
        let typed = add_noise(&number, &noise);
        let id = parse_id_number(&typed, today()).unwrap();
        prop_assert_eq!(id.as_str(), number.as_str());
    }

    #[test]
    fn a_single_changed_character_is_refused(
        (area, birth, sequence) in valid_parts(),
        position in 0usize..18,
        shift in 0usize..100,
    ) {
        let number = build_id(&area, birth, sequence);
        let mut chars: Vec<char> = number.chars().collect();
        let alphabet: Vec<char> = if position == 17 {
            CHECK_CHARS.to_vec()
        } else {
            ('0'..='9').collect()
        };
        let current = alphabet.iter().position(|c| *c == chars[position]).unwrap();
        let offset = 1 + shift % (alphabet.len() - 1);
        let replacement = alphabet[(current + offset) % alphabet.len()];
        chars[position] = replacement;
        let changed: String = chars.into_iter().collect();
        let error = parse_id_number(&changed, today()).unwrap_err();
        prop_assert!(
            ["id_number_checksum", "id_number_birth_date", "id_number_area"].contains(&error.code()),
            "{} gave {}", changed, error.code()
        );
    }

    #[test]
    fn legacy_upgrade_keeps_birth_date_and_sex(
        area in area_strategy(),
        birth in birth_date_strategy(date(1900, 1, 1), date(1999, 12, 31)),
        sequence in 0u32..1000,
    ) {
        let legacy = format!("{area}{}{sequence:03}", birth.format("%y%m%d"));
        let upgraded = parse_id_number(&legacy, today()).unwrap();
        let expected = build_id(&area, birth, sequence);
        prop_assert_eq!(upgraded.as_str(), expected.as_str());
        let reparsed = parse_id_number(upgraded.as_str(), today()).unwrap();
        prop_assert_eq!(reparsed.birth_date(), birth);
        prop_assert_eq!(reparsed.sex(), upgraded.sex());
        prop_assert_eq!(reparsed.sex(), if sequence % 2 == 1 { Sex::Male } else { Sex::Female });
    }

    #[test]
    fn masking_keeps_length_and_both_ends((area, birth, sequence) in valid_parts()) {
        let number = build_id(&area, birth, sequence);
        let masked = parse_id_number(&number, today()).unwrap().masked();
        prop_assert_eq!(masked.chars().count(), 18);
        prop_assert_eq!(&masked[..6], &number[..6]);
        prop_assert_eq!(&masked[14..], &number[14..]);
        prop_assert_eq!(&masked[6..14], "********");
    }

    #[test]
    fn dates_after_today_are_refused(
        area in area_strategy(),
        birth in birth_date_strategy(date(2024, 6, 2), date(2099, 12, 31)),
        sequence in 0u32..1000,
    ) {
        let number = build_id(&area, birth, sequence);
        let error = parse_id_number(&number, today()).unwrap_err();
        prop_assert_eq!(error.code(), "id_number_birth_date");
    }
}
