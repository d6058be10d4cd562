//! QR codes drawn as filled rectangles (one per run of dark modules in a row), so they stay sharp at
//! any zoom and print resolution.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use qrcode::canvas::{self, Canvas, MaskPattern};
use qrcode::{bits, ec, Color as Module, EcLevel, Version};

use super::page::Doc;
use crate::error::{Error, Result};

/// A QR code as runs of dark modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modules {
    /// The width (and height) in modules, without the quiet zone.
    pub width: usize,
    /// (column, row, length) of each horizontal run of dark modules, row 0 at the top.
    pub runs: Vec<(usize, usize, usize)>,
}

/// The QR code of `data` (error correction level M).
pub fn modules(data: &[u8]) -> Result<Modules> {
    let too_long =
        |_| Error::Invalid {
            code: "qr_too_long", message: format!("二维码内容过长（{} 字节），无法生成", data.len()), field: None
        };
    let (width, dark) = encode(data).map_err(too_long)?;
    let mut runs = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if dark[row * width + col] {
                let start = col;
                while col < width && dark[row * width + col] {
                    col += 1;
                }
                runs.push((start, row, col - start));
            } else {
                col += 1;
            }
        }
    }
    Ok(Modules { width, runs })
}

/// The modules of `QrCode::with_error_correction_level(data, EcLevel::M)` (true = dark), row by
/// row. Codes up to 64 modules wide (version 11; a ticket code is version 2) are made the same
/// way but with the masks applied and scored on bit rows: the crate's own scoring takes about
/// 0.3 ms per code, most of the time of a 1,000-ticket batch.
fn encode(data: &[u8]) -> qrcode::QrResult<(usize, Vec<bool>)> {
    let bits = bits::encode_auto(data, EcLevel::M)?;
    let version = bits.version();
    let width = version.width() as usize;
    if width > 64 {
        let code = qrcode::QrCode::with_bits(bits, EcLevel::M)?;
        return Ok((width, code.into_colors().into_iter().map(|c| c == Module::Dark).collect()));
    }
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let dark_data = BitGrid::from_fn(width, |x, y| canvas.get(x as i16, y as i16) == canvas::Module::Unmasked(Module::Dark));
    // The crate tries the masks in this order and keeps the first with the lowest penalty.
    let best = masked_blanks(version)
        .iter()
        .map(|blank| blank.xor(&dark_data))
        .min_by_key(BitGrid::penalty)
        .map(|grid| grid.to_bools())
        .unwrap_or_default();
    Ok((width, best))
}

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A code of `version` with no data, masked with each of [`MASKS`]: its function patterns and
/// format information, and the mask itself where the data goes. A code with data is this with
/// its dark data modules flipped (the crate masks data modules and leaves the rest), so the
/// crate's masking runs 8 times per version and process rather than per code.
fn masked_blanks(version: Version) -> Arc<Vec<BitGrid>> {
    static BLANKS: OnceLock<Mutex<HashMap<i16, Arc<Vec<BitGrid>>>>> = OnceLock::new();
    let width = version.width();
    let cache = BLANKS.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&width) {
        return hit.clone();
    }
    let mut blank = Canvas::new(version, EcLevel::M);
    blank.draw_all_functional_patterns();
    let grids: Vec<BitGrid> = MASKS
        .iter()
        .map(|&mask| {
            let mut masked = blank.clone();
            masked.apply_mask(mask);
            BitGrid::from_fn(width as usize, |x, y| masked.get(x as i16, y as i16).is_dark())
        })
        .collect();
    let grids = Arc::new(grids);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(width, grids.clone());
    grids
}

/// A code of at most 64 modules a side as bits: module k of a row or column is bit k.
#[derive(Clone)]
struct BitGrid {
    width: usize,
    rows: Vec<u64>,
    columns: Vec<u64>,
}

impl BitGrid {
    /// The grid whose module (x, y) is dark when `dark(x, y)`.
    fn from_fn(width: usize, dark: impl Fn(usize, usize) -> bool) -> BitGrid {
        let (mut rows, mut columns) = (vec![0u64; width], vec![0u64; width]);
        for (y, row) in rows.iter_mut().enumerate() {
            for (x, column) in columns.iter_mut().enumerate() {
                // Without branches: a module is as likely dark as light.
                let d = u64::from(dark(x, y));
                *row |= d << x;
                *column |= d << y;
            }
        }
        BitGrid { width, rows, columns }
    }

    /// This grid with the dark modules of `other` flipped.
    fn xor(&self, other: &BitGrid) -> BitGrid {
        let flip = |a: &[u64], b: &[u64]| a.iter().zip(b).map(|(a, b)| a ^ b).collect();
        BitGrid { width: self.width, rows: flip(&self.rows, &other.rows), columns: flip(&self.columns, &other.columns) }
    }

    fn to_bools(&self) -> Vec<bool> {
        self.rows.iter().flat_map(|&row| (0..self.width).map(move |x| row >> x & 1 == 1)).collect()
    }

    /// The penalty score as qrcode 0.14 computes it for normal QR codes
    /// (`Canvas::compute_total_penalty_scores`), so that the same mask wins; less the 2 × 360
    /// that the crate takes off for the finder patterns themselves, the same for every mask.
    fn penalty(&self) -> u32 {
        let all = if self.width == 64 { u64::MAX } else { (1u64 << self.width) - 1 };
        let lines: u32 = self.rows.iter().chain(&self.columns).map(|&d| line_penalty(d, !d & all)).sum();
        // 2 × 2 blocks of one colour, 3 each.
        let blocks: u32 = self
            .rows
            .windows(2)
            .map(|pair| {
                let (d0, d1) = (pair[0], pair[1]);
                let (l0, l1) = (!d0 & all, !d1 & all);
                ((d0 & d0 >> 1 & d1 & d1 >> 1) | (l0 & l0 >> 1 & l1 & l1 >> 1)).count_ones() * 3
            })
            .sum();
        let dark = self.rows.iter().map(|r| r.count_ones() as usize).sum::<usize>();
        let ratio = dark * 200 / (self.width * self.width);
        lines + blocks + ratio.abs_diff(100) as u32
    }
}

/// The penalties of one row or column (`dark` and `light` modules as bits): runs of 5 or more
/// modules of one colour (length − 2 each), and finder-like patterns (dark light dark dark dark
/// light dark) without a dark module in the 4 before or the 4 after (40 each).
fn line_penalty(dark: u64, light: u64) -> u32 {
    let mut score = 0;
    for b in [dark, light] {
        // Bit k: a run of 5 starts at k. A run of n ≥ 5 has n − 4 of them and scores n − 2.
        let five = b & b >> 1 & b >> 2 & b >> 3 & b >> 4;
        score += five.count_ones() + 2 * (five & !(five << 1)).count_ones();
    }
    let (d, l) = (dark, light);
    let mut finders = d & l >> 1 & d >> 2 & d >> 3 & d >> 4 & l >> 5 & d >> 6;
    let mut lonely = 0;
    while finders != 0 {
        let j = finders.trailing_zeros() as usize;
        finders &= finders - 1;
        let before = ((1u64 << j) - 1) & !((1u64 << j.saturating_sub(4)) - 1);
        let after = if j + 7 < 64 { 0xf << (j + 7) } else { 0 };
        if dark & before == 0 || dark & after == 0 {
            lonely += 1;
        }
    }
    score + 40 * lonely
}

/// Draws the QR code of `data` in a square of `size` pt whose bottom left corner is `(x, y)`,
/// with a quiet zone of 4 modules inside the square (ISO/IEC 18004 asks for 4; with 2, zbar missed
/// one code of a page of ten in one pass at 150 and at 300 dpi).
pub fn draw(doc: &mut Doc, data: &[u8], x: f32, y: f32, size: f32) -> Result<()> {
    draw_modules(doc, &modules(data)?, x, y, size);
    Ok(())
}

const QUIET_MODULES: usize = 4;

/// [`draw`] for a code already made.
pub fn draw_modules(doc: &mut Doc, code: &Modules, x: f32, y: f32, size: f32) {
    let quiet = QUIET_MODULES;
    let module = size / (code.width + 2 * quiet) as f32;
    let cells: Vec<(u32, u32, u32, u32)> = code
        .cells()
        .into_iter()
        .map(|(col, row, len, rows)| {
            // Cells count from the bottom left corner of the square, rows from the top of the code.
            let bottom = code.width - row - rows + quiet;
            ((col + quiet) as u32, bottom as u32, len as u32, rows as u32)
        })
        .collect();
    doc.fill_cells(x, y, module, &cells, 0.0);
}

impl Modules {
    /// The dark modules as rectangles (column, top row, width, rows): each run, merged with the
    /// same run on the rows below it.
    pub fn cells(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
        // The rectangles that reached the row before this one, as (column, length, index), and
        // those that reach this row: only they can grow down into the next row.
        let mut above: Vec<(usize, usize, usize)> = Vec::new();
        let mut here: Vec<(usize, usize, usize)> = Vec::new();
        let mut row = None;
        for &(col, r, len) in &self.runs {
            if row != Some(r) {
                // A row with no runs ends every rectangle above it.
                above = if row.is_some_and(|p| p + 1 == r) { std::mem::take(&mut here) } else { Vec::new() };
                here.clear();
                row = Some(r);
            }
            match above.iter().find(|&&(c, l, _)| c == col && l == len) {
                Some(&(_, _, i)) => {
                    out[i].3 += 1;
                    here.push((col, len, i));
                }
                None => {
                    here.push((col, len, out.len()));
                    out.push((col, r, len, 1));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_exactly_those_of_the_qrcode_crate() {
        // Ticket codes, and data of every mode and many lengths (versions 1 to 10).
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut inputs: Vec<Vec<u8>> = (0..600).map(|i| format!("CD1-{}-{:016X}", i * 7919, next()).into_bytes()).collect();
        // Up to 600 bytes: codes wider than 64 modules take the crate's own path.
        for len in (1..=200).chain([300, 450, 600]) {
            inputs.push((0..len).map(|_| (next() % 256) as u8).collect());
            inputs.push((0..len).map(|_| b'0' + (next() % 10) as u8).collect());
            inputs.push((0..len).map(|_| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"[(next() % 45) as usize]).collect());
        }
        for data in &inputs {
            let expected = qrcode::QrCode::with_error_correction_level(data, EcLevel::M).expect("qr");
            let (width, dark) = encode(data).expect("qr");
            assert_eq!(width, expected.width());
            let theirs: Vec<bool> = expected.to_colors().into_iter().map(|c| c == Module::Dark).collect();
            assert!(dark == theirs, "different modules for {:?}", String::from_utf8_lossy(data));
        }
    }

    #[test]
    fn modules_come_in_runs_and_too_long_data_is_an_error() {
        let Modules { width, runs } = modules(b"CD1.000123.abcdef").expect("qr");
        assert!(width >= 21);
        // The top-left finder pattern: a run of 7 dark modules on row 0 from column 0.
        assert!(runs.contains(&(0, 0, 7)));
        let e = modules(&[b'x'; 4000]).expect_err("too long");
        assert_eq!(e.code(), "qr_too_long");
    }

    #[test]
    fn cells_cover_exactly_the_dark_modules() {
        let code = modules(b"CD1-123456-0123456789ABCDEF").expect("qr");
        let mut dark = std::collections::HashSet::new();
        for &(col, row, len) in &code.runs {
            dark.extend((col..col + len).map(|c| (c, row)));
        }
        let cells = code.cells();
        let mut covered = std::collections::HashSet::new();
        for &(col, row, len, rows) in &cells {
            for r in row..row + rows {
                for c in col..col + len {
                    assert!(covered.insert((c, r)), "cells overlap at {c},{r}");
                }
            }
        }
        assert_eq!(covered, dark);
        assert!(cells.len() < code.runs.len(), "runs below each other merge");
        // The top-left finder pattern: its top row is one 7 × 1 cell, its left side one 1 × 5 cell.
        assert!(cells.contains(&(0, 0, 7, 1)) && cells.contains(&(0, 1, 1, 5)));
    }
}
