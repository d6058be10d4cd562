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
    let Modules { width, runs } = modules(data)?;
    let quiet = 2.0;
    let module = size / (width as f32 + 2.0 * quiet);
    let top = y + size - quiet * module;
    let left = x + quiet * module;
    for (col, row, len) in runs {
        let bottom = top - (row as f32 + 1.0) * module;
        doc.fill_rect(left + col as f32 * module, bottom, len as f32 * module, module, 0.0);
    }
    Ok(())
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
}
