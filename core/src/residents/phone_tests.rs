use super::*;
use proptest::prelude::*;

fn normalised(input: &str) -> String {
    parse_phone(input).unwrap_or_else(|e| panic!("{input:?}: {e}")).as_str().to_string()
}

fn error_code(input: &str) -> &'static str {
    parse_phone(input).expect_err(input).code()
}

fn error_message(input: &str) -> String {
    parse_phone(input).expect_err(input).to_string()
}

#[test]
fn accepts_mobile_spellings() {
    for input in [
        "13803561234",
        "138 0356 1234",
        "138-0356-1234",
        " 138\u{3000}0356\u{00A0}1234 ",
        "+86 138 0356 1234",
        "+8613803561234",
        "+86-13803561234",
        "(+86)13803561234",
        "（＋８６）１３８０３５６１２３４",
        "0086 13803561234",
        "008613803561234",
        "8613803561234",
        "86 138 0356 1234",
        "１３８０３５６１２３４",
        "\u{FEFF}13803561234",
    ] {
        assert_eq!(normalised(input), "13803561234", "{input:?}");
    }
}

#[test]
fn accepts_excel_artefacts() {
    for input in [
        "13803561234.0",
        "13803561234.00",
        "1.3803561234E+10",
        "1.3803561234e+10",
        "1.3803561234E10",
        "1,3803561234E+10",
        "１．３８０３５６１２３４Ｅ＋１０",
        "8613803561234.0",
    ] {
        assert_eq!(normalised(input), "13803561234", "{input:?}");
    }
}

#[test]
fn refuses_scientific_notation_that_lost_digits() {
    for input in ["1.38036E+10", "1.38E+10", "1.3803561234E+11", "1.38035612345E+10", "0.3803561234E+10"] {
        assert_eq!(error_code(input), "phone_scientific", "{input:?}");
    }
    let message = error_message("1.38036E+10");
    assert!(message.contains("Excel") && message.contains("文本"), "{message}");
}

#[test]
fn accepts_landline_spellings() {
    for (input, expected) in [
        ("0358-7221234", "0358-7221234"),
        ("03587221234", "0358-7221234"),
        ("(0358)7221234", "0358-7221234"),
        ("（０３５８）７２２１２３４", "0358-7221234"),
        ("0358 722 1234", "0358-7221234"),
        ("0358—7221234", "0358-7221234"),
        ("+86 358 7221234", "0358-7221234"),
        ("+86 (0)358 7221234", "0358-7221234"),
        ("0086 358 7221234", "0358-7221234"),
        ("035872212345", "0358-72212345"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("+86 10 1234 5678", "010-12345678"),
        ("020-87654321", "020-87654321"),
        ("0203456789", "020-3456789"),
    ] {
        assert_eq!(normalised(input), expected, "{input:?}");
    }
}

#[test]
fn keeps_extensions_after_zhuan() {
    for input in [
        "0358-7221234转801",
        "0358-7221234 转 801",
        "0358-7221234分机801",
        "0358-7221234分机号：801",
        "0358-7221234 ext. 801",
        "0358-7221234 EXT801",
        "0358-7221234-801",
        "03587221234-801",
        "(0358) 7221234-801",
    ] {
        assert_eq!(normalised(input), "0358-7221234转801", "{input:?}");
    }
}

#[test]
fn refuses_bad_extensions() {
    assert_eq!(error_code("13803561234转801"), "phone_invalid");
    assert!(error_message("13803561234转801").contains("手机号不能带分机"));
    assert_eq!(error_code("0358-7221234转"), "phone_invalid");
    assert_eq!(error_code("0358-7221234转1234567"), "phone_invalid");
    assert_eq!(error_code("0358-7221234转abc"), "phone_invalid");
    assert_eq!(error_code("0358-7221234-1234567"), "phone_invalid");
}

#[test]
fn refuses_malformed_numbers_with_examples() {
    for input in [
        "",
        "   ",
        "12345",
        "7221234",
        "12803561234",
        "1380356123",
        "138035612345",
        "0058-7221234",
        "0358-0221234",
        "013803561234",
        "0358-123456",
        "0358",
        "abc",
        "+1 415 555 0100",
        "++8613803561234",
        "138+03561234",
        "13803561234.5",
    ] {
        assert_eq!(error_code(input), "phone_invalid", "{input:?}");
        let error = parse_phone(input).unwrap_err();
        assert_eq!(error.field(), Some("phone"));
        let message = error.to_string();
        assert!(message.contains("13803561234") && message.contains("0358-7221234"), "{message}");
    }
}

#[test]
fn explains_the_common_mistakes() {
    assert!(error_message("7221234").contains("缺少区号"));
    assert!(error_message("1380356123").contains("现在是 10 位"));
    assert!(error_message("3587221234").contains("0 去掉"));
    assert!(error_message("13803561234/13903561234").contains("一个电话号码"));
    assert!(error_message("13803561234、13903561234").contains("一个电话号码"));
    assert!(error_message("138O3561234").contains("“O”"));
}

#[test]
fn masks_mobiles_and_landlines() {
    assert_eq!(parse_phone("13812345678").unwrap().masked(), "138****5678");
    assert_eq!(parse_phone("0358-7221234").unwrap().masked(), "0358-****1234");
    assert_eq!(parse_phone("010-12345678").unwrap().masked(), "010-****5678");
    assert_eq!(parse_phone("0358-7221234转801").unwrap().masked(), "0358-****1234转801");
}

#[test]
fn tells_mobiles_from_landlines() {
    assert!(parse_phone("13812345678").unwrap().is_mobile());
    assert!(!parse_phone("0358-7221234").unwrap().is_mobile());
}

#[test]
fn debug_output_is_masked() {
    let debug = format!("{:?}", parse_phone("13812345678").unwrap());
    assert!(debug.contains("138****5678") && !debug.contains("13812345678"), "{debug}");
}

// --- property tests ------------------------------------------------------

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap(),
            ' ' => '\u{3000}',
            other => other,
        })
        .collect()
}

#[test]
fn regression_landline_in_international_form_is_not_taken_for_a_mobile() {
    // Found by proptest: "33020000000" has a mobile's length and second digit.
    assert_eq!(normalised("+86 330 20000000"), "0330-20000000");
}

fn landline_area() -> impl Strategy<Value = String> {
    prop_oneof![Just("010".to_string()), "02[0-9]", "0[3-9][0-9]{2}"]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_on_any_string(input in any::<String>()) {
        let _ = parse_phone(&input);
    }

    #[test]
    fn never_panics_on_near_miss_strings(
        input in prop::collection::vec(
            prop::sample::select(vec![
                '0', '1', '3', '8', '6', '+', '-', '(', ')', ' ', '.', ',', 'E', 'e', 'x', 't',
                '转', '分', '机', '号', '＋', '８', '\u{3000}', '\u{0}', 'é', '/',
            ]),
            0..24,
        ).prop_map(|chars| chars.into_iter().collect::<String>())
    ) {
        let _ = parse_phone(&input);
    }

    #[test]
    fn mobiles_round_trip_through_any_spelling(
        digits in "1[3-9][0-9]{9}",
        prefix in prop::sample::select(vec!["", "+86", "+86 ", "0086", "86", "(+86)", "+86-"]),
        separator in prop::sample::select(vec!["", " ", "-", "\u{3000}"]),
        wide in any::<bool>(),
    ) {
        let spaced = format!("{}{separator}{}{separator}{}", &digits[..3], &digits[3..7], &digits[7..]);
        let typed = format!("{prefix}{spaced}");
        let typed = if wide { full_width(&typed) } else { typed };
        let phone = parse_phone(&typed).unwrap();
        prop_assert_eq!(phone.as_str(), digits.as_str());
        prop_assert!(phone.is_mobile());
        prop_assert_eq!(parse_phone(phone.as_str()).unwrap(), phone);
    }

    #[test]
    fn landlines_round_trip_through_any_spelling(
        area in landline_area(),
        local in "[1-9][0-9]{6,7}",
        style in 0u8..5,
    ) {
        let typed = match style {
            0 => format!("{area}-{local}"),
            1 => format!("{area}{local}"),
            2 => format!("({area}){local}"),
            3 => format!("{area} {local}"),
            _ => format!("+86 {} {local}", &area[1..]),
        };
        let phone = parse_phone(&typed).unwrap();
        prop_assert_eq!(phone.as_str(), format!("{area}-{local}"));
        prop_assert!(!phone.is_mobile());
        prop_assert_eq!(parse_phone(phone.as_str()).unwrap(), phone);
    }

    #[test]
    fn masking_keeps_both_ends(digits in "1[3-9][0-9]{9}", area in landline_area(), local in "[2-9][0-9]{6,7}") {
        let masked = parse_phone(&digits).unwrap().masked();
        prop_assert_eq!(masked.len(), 11);
        prop_assert_eq!(&masked[..3], &digits[..3]);
        prop_assert_eq!(&masked[7..], &digits[7..]);
        let masked = parse_phone(&format!("{area}-{local}")).unwrap().masked();
        prop_assert_eq!(masked, format!("{area}-****{}", &local[local.len() - 4..]));
    }

    #[test]
    fn excel_scientific_notation_of_a_mobile_is_accepted(digits in "1[3-9][0-9]{9}") {
        let scientific = format!("{}.{}E+10", &digits[..1], &digits[1..]);
        let phone = parse_phone(&scientific).unwrap();
        prop_assert_eq!(phone.as_str(), digits.as_str());
    }
}
