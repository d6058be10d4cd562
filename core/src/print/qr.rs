//! QR codes drawn as filled rectangles (one per run of dark modules in a row), so they stay sharp at
//! any zoom and print resolution.

use qrcode::{Color as Module, EcLevel, QrCode};

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
    let code = QrCode::with_error_correction_level(data, EcLevel::M).map_err(|_| Error::Invalid {
        code: "qr_too_long",
        message: format!("二维码内容过长（{} 字节），无法生成", data.len()),
        field: None,
    })?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if colors[row * width + col] == Module::Dark {
                let start = col;
                while col < width && colors[row * width + col] == Module::Dark {
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

/// Draws the QR code of `data` in a square of `size` pt whose bottom left corner is `(x, y)`,
/// with a quiet zone of 2 modules inside the square.
pub fn draw(doc: &mut Doc, data: &[u8], x: f32, y: f32, size: f32) -> Result<()> {
    let code = modules(data)?;
    let quiet = 2;
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
    Ok(())
}

impl Modules {
    /// The dark modules as rectangles (column, top row, width, rows): each run, merged with the
    /// same run on the rows below it.
    pub fn cells(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
        // The rectangle each (column, length) run extends, while it still reaches the row above.
        let mut open: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
        for &(col, row, len) in &self.runs {
            match open.get(&(col, len)) {
                Some(&i) if out[i].1 + out[i].3 == row => out[i].3 += 1,
                _ => {
                    open.insert((col, len), out.len());
                    out.push((col, row, len, 1));
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
