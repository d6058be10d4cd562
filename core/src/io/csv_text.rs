//! CSV and tab-separated text: decoding and delimiter detection.
//!
//! Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK without a byte-order mark, "CSV UTF-8"
//! with one, and "Unicode 文本" as UTF-16 with tabs; WPS offers "文本文件(制表符分隔)". All cells
//! come back as text: CSV has no types, and keeping the digits as written is what ID numbers and
//! phones need.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030};

use super::sheet::{Cell, Failure, RowsBuilder, Sheet};

/// Lines looked at to choose the delimiter.
const SNIFF_LINES: usize = 20;

pub(super) fn read(bytes: &[u8], sheet_name: &str) -> Result<Option<Sheet>, Failure> {
    let text = decode(bytes).ok_or(Failure::Unreadable)?;
    if is_markup(&text) {
        return Err(Failure::Unreadable);
    }
    let (body, delimiter) = split_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(body.as_bytes());
    let mut builder = RowsBuilder::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(Failure::Unreadable),
        }
        for (col, field) in record.iter().enumerate() {
            builder.set(row, col, Cell::Text(field.to_string()))?;
        }
        row += 1;
    }
    Ok(builder.finish().map(|rows| Sheet { name: sheet_name.to_string(), rows }))
}

/// Text of the file, or `None` when the bytes are not text (a picture, a Word file, …).
fn decode(bytes: &[u8]) -> Option<String> {
    let text: Cow<'_, str> = if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        encoding.decode_without_bom_handling(&bytes[bom_length..]).0
    } else if let Ok(utf8) = std::str::from_utf8(bytes) {
        Cow::Borrowed(utf8)
    } else {
        GB18030.decode_without_bom_handling(bytes).0
    };
    (!looks_binary(&text)).then(|| text.into_owned())
}

/// Web systems hand out HTML tables named `.xls`, and Excel 2003 saved "XML 表格": Excel opens
/// them, we do not, and reading them as CSV would only produce a puzzling "column missing".
fn is_markup(text: &str) -> bool {
    let start: String = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).chars().take(15).collect();
    let start = start.to_ascii_lowercase();
    ["<!doctype", "<html", "<table", "<?xml", "mime-version:"].iter().any(|m| start.starts_with(m))
}

/// Text files have no NUL and hardly any control characters or undecodable bytes.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return true;
        }
        total += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
        if control || c == char::REPLACEMENT_CHARACTER {
            odd += 1;
        }
    }
    odd * 100 > total
}

/// The delimiter, and the text without Excel's optional `sep=;` first line.
fn split_delimiter(text: &str) -> (&str, u8) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if let Some(declared) = first.trim_end_matches('\r').strip_prefix("sep=") {
        if let [byte] = declared.as_bytes() {
            if byte.is_ascii() && !matches!(byte, b'"' | b'\r' | b'\n') {
                return (rest, *byte);
            }
        }
    }
    (text, sniff_delimiter(text))
}

/// Comma unless tabs or semicolons are more frequent (outside quotes) in the first lines.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let candidates = [b',', b'\t', b';'];
    let mut in_quotes = false;
    let mut lines = 0;
    for byte in text.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                lines += 1;
                if lines >= SNIFF_LINES {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = candidates.iter().position(|&c| c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Cell::Text(t) => t.clone(),
                        Cell::Empty => String::new(),
                        other => panic!("CSV gives text only, got {other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    fn read_ok(bytes: &[u8]) -> Sheet {
        read(bytes, "名单").expect("readable").expect("content")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = "姓名,身份证号\n王秀英,110105194912310021\n";
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], plain.as_bytes()].concat();
        for bytes in [plain.as_bytes(), &with_bom] {
            let sheet = read_ok(bytes);
            assert_eq!(sheet.name, "名单");
            assert_eq!(texts(&sheet), vec![vec!["姓名", "身份证号"], vec!["王秀英", "110105194912310021"]]);
        }
    }

    #[test]
    fn gbk_without_bom() {
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,现住址\r\n李建国,中阳楼街道 3 号楼\r\n");
        assert!(std::str::from_utf8(&bytes).is_err(), "really GBK bytes");
        let sheet = read_ok(&bytes);
        assert_eq!(texts(&sheet), vec![vec!["姓名", "现住址"], vec!["李建国", "中阳楼街道 3 号楼"]]);
    }

    #[test]
    fn utf16_with_bom_and_tabs() {
        let text = "姓名\t手机号\n张桂兰\t13803561234\n";
        for big_endian in [false, true] {
            let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
            for unit in text.encode_utf16() {
                let pair = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
                bytes.extend_from_slice(&pair);
            }
            let sheet = read_ok(&bytes);
            assert_eq!(texts(&sheet), vec![vec!["姓名", "手机号"], vec!["张桂兰", "13803561234"]]);
        }
    }

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("姓名\t地址\n王\t\"1,2,3号\"\n"), b'\t');
        assert_eq!(sniff_delimiter("姓名;地址\n王;1号\n"), b';');
        assert_eq!(sniff_delimiter("\"a;b;c;d\",x\n"), b',');
        assert_eq!(sniff_delimiter("只有一列\n"), b',');
        // A title line without delimiters does not decide alone.
        assert_eq!(sniff_delimiter("2024年名单\n姓名\t电话\t地址\n"), b'\t');
    }

    #[test]
    fn excel_sep_line_sets_the_delimiter_and_is_not_a_row() {
        let sheet = read_ok("sep=;\r\n姓名;电话\r\n王;138\r\n".as_bytes());
        assert_eq!(texts(&sheet), vec![vec!["姓名", "电话"], vec!["王", "138"]]);
    }

    #[test]
    fn quoted_fields_keep_commas_and_newlines() {
        let sheet = read_ok("姓名,地址\n王,\"1号楼,2单元\n301室\"\n".as_bytes());
        assert_eq!(texts(&sheet)[1], vec!["王", "1号楼,2单元\n301室"]);
    }

    #[test]
    fn blank_lines_keep_row_numbers() {
        let sheet = read_ok("标题,,\n,,\n姓名,电话\n".as_bytes());
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.rows[1], Vec::<Cell>::new());
        assert_eq!(sheet.rows[2][0], Cell::Text("姓名".into()));
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(decode(b"abc\0def"), None);
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];
        assert_eq!(read(&png, "x"), Err(Failure::Unreadable));
        assert!(decode("正常的中文，带一个\u{7}响铃字符也没关系，因为只占很小的比例而已啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊".as_bytes()).is_some());
    }

    #[test]
    fn html_and_xml_disguised_as_xls_are_not_csv() {
        for text in [
            "<html><body><table><tr><td>姓名</td></tr></table></body></html>",
            "\u{feff}\r\n<!DOCTYPE html><html>",
            "<table border=1><tr><td>姓名</td><td>身份证号</td></tr></table>",
            "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
            "MIME-Version: 1.0\r\nContent-Type: multipart/related",
        ] {
            assert_eq!(read(text.as_bytes(), "x"), Err(Failure::Unreadable), "{text}");
        }
        assert!(read("姓名,备注\n王,<b>重要</b>\n".as_bytes(), "x").is_ok());
    }

    #[test]
    fn only_delimiters_is_no_content() {
        assert_eq!(read(b",,,\n,,\n", "x"), Ok(None));
    }
}
