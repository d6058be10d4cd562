//! Builders shared by the io tests (`#[path]`-included by io_read.rs and io_fuzz.rs): every test
//! file is generated here, nothing binary is committed.
//!
//! Cargo also builds this file as a test target of its own; it has no tests.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

use caredesk_core::io::ColumnSpec;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The columns of a resident list, as an importer would declare them.
pub const RESIDENT_SPECS: &[ColumnSpec] = &[
    ColumnSpec { key: "name", label: "姓名", synonyms: &["名字", "居民姓名"], required: true },
    ColumnSpec { key: "idNumber", label: "身份证号", synonyms: &["公民身份号码", "身份证号码"], required: true },
    ColumnSpec { key: "phone", label: "联系电话", synonyms: &["手机号", "电话"], required: false },
    ColumnSpec { key: "address", label: "住址", synonyms: &["现住址"], required: false },
    ColumnSpec { key: "birthDate", label: "出生日期", synonyms: &["出生年月"], required: false },
];

// ---------------------------------------------------------------------------
// .xlsx written by rust_xlsxwriter, laid out like a real list
// ---------------------------------------------------------------------------

/// A resident list as offices make them: two merged title rows, the header in row 3, a blank row
/// between records, numbers stored as numbers, birth dates as real Excel dates, a 合计 row.
///
/// Rows (1-based): 4 王秀英, 6 李建国, 7 张桂兰, 9 合计.
pub fn resident_list_xlsx(headers: [&str; 5]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("高龄老人").expect("name");
    let title = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 4, "中阳楼街道2024年高龄老人名单", &title).expect("merge");
    sheet.merge_range(1, 0, 1, 4, "填报单位：东街社区　　填报日期：2024年1月15日", &Format::new()).expect("merge");
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string(2, col as u16, *header).expect("header");
    }
    // 王秀英: ID as text, phone as a number, date as a date.
    sheet.write_string(3, 0, " 王 秀 英 ").expect("cell");
    sheet.write_string(3, 1, "110105194912310021").expect("cell");
    sheet.write_number(3, 2, 13803561234.0).expect("cell");
    sheet.write_string(3, 3, "东街\u{3000}3号楼").expect("cell");
    sheet.write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(1949, 12, 31).expect("date"), &date).expect("cell");
    // Row 5 left blank on purpose.
    // 李建国: an old 15-digit ID stored as a number (exact), a landline as text, date typed as text.
    sheet.write_string(5, 0, "李建国").expect("cell");
    sheet.write_number(5, 1, 110105491231002.0).expect("cell");
    sheet.write_string(5, 2, "0358-7221234").expect("cell");
    sheet.write_string(5, 3, "西街5号").expect("cell");
    sheet.write_string(5, 4, "1950年3月2日").expect("cell");
    // 张桂兰: an 18-digit ID stored as a number: Excel kept only 15 digits.
    sheet.write_string(6, 0, "张桂兰").expect("cell");
    sheet.write_number(6, 1, 110105194912310021.0).expect("cell");
    sheet.write_string(6, 2, "１３９ ０３５６ １２３４").expect("cell");
    sheet.write_datetime_with_format(6, 4, ExcelDateTime::from_ymd(1950, 3, 2).expect("date"), &date).expect("cell");
    // Row 8 blank, then the totals.
    sheet.write_string(8, 0, "合计").expect("cell");
    sheet.write_string(8, 1, "3人").expect("cell");
    workbook.save_to_buffer().expect("xlsx")
}

/// A small valid workbook to mutate in fuzz tests.
pub fn small_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "姓名").expect("cell");
    sheet.write_string(0, 1, "身份证号").expect("cell");
    sheet.write_string(1, 0, "王秀英").expect("cell");
    sheet.write_number(1, 1, 110105491231002.0).expect("cell");
    workbook.save_to_buffer().expect("xlsx")
}

// ---------------------------------------------------------------------------
// Looking inside and rewriting .xlsx packages
// ---------------------------------------------------------------------------

/// One part of an `.xlsx` package, as text.
pub fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut file = archive.by_name(name).expect("part");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8 part");
    text
}

/// The same package with one part's text changed.
pub fn rewrite_xlsx_part(bytes: &[u8], name: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("part");
        let part = file.name().expect("name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read");
        if part == name {
            content = change(std::str::from_utf8(&content).expect("utf-8")).into_bytes();
        }
        writer.start_file(part, zip::write::SimpleFileOptions::default()).expect("start");
        writer.write_all(&content).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

// ---------------------------------------------------------------------------
// Legacy .xls: an OLE2 compound file holding a minimal BIFF workbook stream
// ---------------------------------------------------------------------------

/// A cell of a generated `.xls`.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsValue {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel serial shown with date format 14.
    Date(f64),
}

pub fn text(s: &str) -> XlsValue {
    XlsValue::Text(s.to_string())
}

/// How to write the workbook.
#[derive(Debug, Clone)]
pub struct XlsBuild {
    /// BIFF5 (Excel 95: "Book" stream, 8-bit strings in `codepage`) instead of BIFF8.
    pub biff5: bool,
    /// Value of the CODEPAGE record (1200 = UTF-16 as Excel 97+ writes; JExcelAPI writes 1252).
    pub codepage: u16,
    /// Text through the shared string table (LABELSST) as Excel does, or inline LABEL records.
    pub shared_strings: bool,
    /// Add a FILEPASS record: the workbook is encrypted with a password.
    pub password: bool,
    /// 1904 date system (DATEMODE record).
    pub date1904: bool,
    /// Merged ranges (first row, last row, first col, last col), 0-based.
    pub merges: Vec<(u16, u16, u16, u16)>,
}

impl Default for XlsBuild {
    fn default() -> Self {
        XlsBuild { biff5: false, codepage: 1200, shared_strings: true, password: false, date1904: false, merges: vec![] }
    }
}

/// A one-sheet legacy workbook with `rows` (row-major, 0-based) in a sheet called `sheet_name`.
pub fn legacy_xls(sheet_name: &str, rows: &[Vec<XlsValue>], build: &XlsBuild) -> Vec<u8> {
    let stream = biff_stream(sheet_name, rows, build);
    // Excel writes version 3 (512-byte sectors). calamine 0.38 refuses a version 4 file whose mini
    // stream is empty (`EmptyRootDir`), which is what the cfb crate makes for a stream over 4 KB.
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).expect("cfb");
    {
        let name = if build.biff5 { "/Book" } else { "/Workbook" };
        let mut s = file.create_stream(name).expect("stream");
        s.write_all(&stream).expect("write");
    }
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

/// An OLE2 file as Excel writes for an `.xlsx` protected with an open password.
pub fn encrypted_xlsx() -> Vec<u8> {
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).expect("cfb");
    for (name, len) in [("/EncryptionInfo", 200usize), ("/EncryptedPackage", 5000)] {
        let mut s = file.create_stream(name).expect("stream");
        let noise: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
        s.write_all(&noise).expect("write");
    }
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CODEPAGE: u16 = 0x0042;
const FILEPASS: u16 = 0x002F;
const DATEMODE: u16 = 0x0022;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const LABELSST: u16 = 0x00FD;
const NUMBER: u16 = 0x0203;
const MERGEDCELLS: u16 = 0x00E5;

fn biff_stream(sheet_name: &str, rows: &[Vec<XlsValue>], build: &XlsBuild) -> Vec<u8> {
    let version: u16 = if build.biff5 { 0x0500 } else { 0x0600 };
    let strings: Vec<&str> = rows
        .iter()
        .flatten()
        .filter_map(|v| match v {
            XlsValue::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    let use_sst = build.shared_strings && !build.biff5;

    let mut globals = Vec::new();
    record(&mut globals, BOF, &bof(version, 0x0005));
    if build.password {
        record(&mut globals, FILEPASS, &[1, 0, 1, 0, 1, 0]);
    }
    record(&mut globals, CODEPAGE, &build.codepage.to_le_bytes());
    if build.date1904 {
        record(&mut globals, DATEMODE, &1u16.to_le_bytes());
    }
    // XF 0: General; XF 1: built-in date format 14.
    for ifmt in [0u16, 14] {
        let mut xf = vec![0u8; if build.biff5 { 16 } else { 20 }];
        xf[2..4].copy_from_slice(&ifmt.to_le_bytes());
        record(&mut globals, XF, &xf);
    }
    let boundsheet_at = globals.len() + 4;
    let mut boundsheet = vec![0u8; 6];
    boundsheet.extend(short_string(sheet_name, build));
    record(&mut globals, BOUNDSHEET, &boundsheet);
    if use_sst {
        let mut sst = Vec::new();
        sst.extend((strings.len() as u32).to_le_bytes());
        sst.extend((strings.len() as u32).to_le_bytes());
        for s in &strings {
            sst.extend(long_string(s, build));
        }
        record(&mut globals, SST, &sst);
    }
    record(&mut globals, EOF, &[]);
    // BOUNDSHEET points at the sheet's BOF: right after the globals.
    let sheet_at = globals.len() as u32;
    globals[boundsheet_at..boundsheet_at + 4].copy_from_slice(&sheet_at.to_le_bytes());

    let mut sheet = Vec::new();
    record(&mut sheet, BOF, &bof(version, 0x0010));
    let last_row = rows.len() as u32;
    let last_col = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let mut dimensions = Vec::new();
    if build.biff5 {
        dimensions.extend(0u16.to_le_bytes());
        dimensions.extend((last_row as u16).to_le_bytes());
    } else {
        dimensions.extend(0u32.to_le_bytes());
        dimensions.extend(last_row.to_le_bytes());
    }
    dimensions.extend(0u16.to_le_bytes());
    dimensions.extend(last_col.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    record(&mut sheet, DIMENSIONS, &dimensions);
    let mut sst_index = 0u32;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let mut data = Vec::new();
            data.extend((r as u16).to_le_bytes());
            data.extend((c as u16).to_le_bytes());
            match value {
                XlsValue::Empty => continue,
                XlsValue::Text(_) if use_sst => {
                    data.extend(0u16.to_le_bytes());
                    data.extend(sst_index.to_le_bytes());
                    sst_index += 1;
                    record(&mut sheet, LABELSST, &data);
                }
                XlsValue::Text(s) => {
                    data.extend(0u16.to_le_bytes());
                    data.extend(long_string(s, build));
                    record(&mut sheet, LABEL, &data);
                }
                XlsValue::Number(n) | XlsValue::Date(n) => {
                    let xf: u16 = if matches!(value, XlsValue::Date(_)) { 1 } else { 0 };
                    data.extend(xf.to_le_bytes());
                    data.extend(n.to_le_bytes());
                    record(&mut sheet, NUMBER, &data);
                }
            }
        }
    }
    if !build.merges.is_empty() {
        let mut merged = Vec::new();
        merged.extend((build.merges.len() as u16).to_le_bytes());
        for &(first_row, last_row, first_col, last_col) in &build.merges {
            for v in [first_row, last_row, first_col, last_col] {
                merged.extend(v.to_le_bytes());
            }
        }
        record(&mut sheet, MERGEDCELLS, &merged);
    }
    record(&mut sheet, EOF, &[]);
    globals.extend(sheet);
    globals
}

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    assert!(data.len() <= 8224, "a record this long needs CONTINUE records");
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

fn bof(version: u16, kind: u16) -> Vec<u8> {
    let mut data = Vec::new();
    data.extend(version.to_le_bytes());
    data.extend(kind.to_le_bytes());
    data.extend(0x0DBBu16.to_le_bytes());
    data.extend(0x07CCu16.to_le_bytes());
    if version == 0x0600 {
        data.extend(0u32.to_le_bytes());
        data.extend(6u32.to_le_bytes());
    }
    data
}

/// Characters of `s` as a BIFF8 string body: Latin-1 when possible ("compressed"), else UTF-16LE.
fn biff8_chars(s: &str) -> (u8, usize, Vec<u8>) {
    if s.chars().all(|c| (c as u32) < 0x100) {
        (0, s.chars().count(), s.chars().map(|c| c as u8).collect())
    } else {
        let units: Vec<u16> = s.encode_utf16().collect();
        (1, units.len(), units.iter().flat_map(|u| u.to_le_bytes()).collect())
    }
}

/// 8-bit text in the workbook's code page (BIFF5).
fn biff5_bytes(s: &str, codepage: u16) -> Vec<u8> {
    match codepage {
        936 => encoding_rs::GBK.encode(s).0.into_owned(),
        _ => s.bytes().collect(),
    }
}

/// XLUnicodeString (cch u16) for BIFF8, or cch u16 + bytes for BIFF5.
fn long_string(s: &str, build: &XlsBuild) -> Vec<u8> {
    let mut out = Vec::new();
    if build.biff5 {
        let bytes = biff5_bytes(s, build.codepage);
        out.extend((bytes.len() as u16).to_le_bytes());
        out.extend(bytes);
    } else {
        let (flag, count, bytes) = biff8_chars(s);
        out.extend((count as u16).to_le_bytes());
        out.push(flag);
        out.extend(bytes);
    }
    out
}

/// ShortXLUnicodeString (cch u8) for BIFF8, or cch u8 + bytes for BIFF5.
fn short_string(s: &str, build: &XlsBuild) -> Vec<u8> {
    let mut out = Vec::new();
    if build.biff5 {
        let bytes = biff5_bytes(s, build.codepage);
        out.push(bytes.len() as u8);
        out.extend(bytes);
    } else {
        let (flag, count, bytes) = biff8_chars(s);
        out.push(count as u8);
        out.push(flag);
        out.extend(bytes);
    }
    out
}
