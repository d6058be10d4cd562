//! A4 pages with the header every printout has (office name, document title, date, 打印人, 打印时间)
//! and the footer "第 x 页 / 共 y 页", and the drawing primitives the other blocks use. Coordinates
//! are pt from the bottom left corner of the page, as in PDF.

use std::sync::Arc;

use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, TextRenderingMode,
};

use super::fonts::{FontSet, MISSING_MARK};
use super::PrintOutput;
use crate::error::Result;

pub const A4_SHORT: f32 = 595.28;
pub const A4_LONG: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// What the header of every page shows. `printed_at` is the print time as text (the caller formats
/// it from its clock, so the same data and print time give the same document).
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub office: String,
    pub title: String,
    /// The date the document is about, e.g. "2026-11-28".
    pub date: String,
    pub printed_by: String,
    pub printed_at: String,
}

/// A document being drawn: pages of operations, the fonts, and the notes about unprintable text.
pub struct Doc {
    fonts: Arc<FontSet>,
    meta: PageMeta,
    width: f32,
    height: f32,
    margin: f32,
    pdf: PdfDocument,
    font_ids: Vec<FontId>,
    pages: Vec<Vec<Op>>,
    notes: Vec<String>,
    cursor: f32,
    bold: bool,
}

const HEADER_HEIGHT: f32 = 62.0;
const FOOTER_HEIGHT: f32 = 22.0;

impl Doc {
    /// A document on the shared fonts ([`super::fonts::shared`]).
    pub fn new(orientation: Orientation, meta: PageMeta) -> Result<Doc> {
        Ok(Doc::with_fonts(super::fonts::shared()?, orientation, meta))
    }

    pub fn with_fonts(fonts: Arc<FontSet>, orientation: Orientation, meta: PageMeta) -> Doc {
        let (width, height) = match orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        let mut pdf = PdfDocument::new(&meta.title);
        let font_ids = fonts.faces().iter().map(|f| pdf.add_font(&f.parsed)).collect();
        Doc {
            fonts,
            meta,
            width,
            height,
            margin: 12.0 * MM,
            pdf,
            font_ids,
            pages: Vec::new(),
            notes: Vec::new(),
            cursor: 0.0,
            bold: false,
        }
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    pub fn meta(&self) -> &PageMeta {
        &self.meta
    }

    pub fn page_width(&self) -> f32 {
        self.width
    }

    pub fn page_height(&self) -> f32 {
        self.height
    }

    pub fn body_left(&self) -> f32 {
        self.margin
    }

    pub fn body_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    /// The top of the body (below the header).
    pub fn body_top(&self) -> f32 {
        self.height - self.margin - HEADER_HEIGHT
    }

    /// The bottom of the body (above the footer).
    pub fn body_bottom(&self) -> f32 {
        self.margin + FOOTER_HEIGHT
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The y of the top of the free space on the current page.
    pub fn cursor(&self) -> f32 {
        self.cursor
    }

    pub fn set_cursor(&mut self, y: f32) {
        self.cursor = y;
    }

    /// Space left on the current page, in pt (0 before the first page).
    pub fn space_left(&self) -> f32 {
        if self.pages.is_empty() {
            0.0
        } else {
            (self.cursor - self.body_bottom()).max(0.0)
        }
    }

    /// Starts a page with its header; the cursor goes to the top of the body.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let top = self.height - self.margin;
        let (left, width) = (self.body_left(), self.body_width());
        let meta = self.meta.clone();
        self.text_in(left, width, top - 10.0, 10.0, &meta.office, Align::Center, "单位名称");
        self.bold = true;
        self.text_in(left, width, top - 32.0, 16.0, &meta.title, Align::Center, "标题");
        self.bold = false;
        let info_y = top - 50.0;
        self.text_in(left, width, info_y, 9.0, &format!("日期：{}", meta.date), Align::Left, "日期");
        let right = format!("打印人：{}　打印时间：{}", meta.printed_by, meta.printed_at);
        self.text_in(left, width, info_y, 9.0, &right, Align::Right, "打印人");
        self.line(left, top - 56.0, left + width, top - 56.0, 0.8, false);
        self.cursor = self.body_top();
    }

    /// Starts the first page when there is none yet.
    pub fn ensure_page(&mut self) {
        if self.pages.is_empty() {
            self.new_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws the text after this call with a slightly stroked outline ("bold-ish").
    pub fn set_bold(&mut self, bold: bool) {
        self.bold = bold;
    }

    /// Records a note when `text` has characters no font has (see [`FontSet::unprintable_note`]).
    pub fn check_printable(&mut self, label: &str, text: &str) {
        if let Some(note) = self.fonts.unprintable_note(label, text) {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
    }

    /// Draws one line of text with its baseline at `(x, y)`; `label` names it in unprintable notes.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str, label: &str) {
        if text.is_empty() {
            return;
        }
        self.check_printable(label, text);
        // Runs of characters drawn by the same face, each placed at its measured x.
        let mut runs: Vec<(usize, f32, String)> = Vec::new();
        let mut pen = x;
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let (c, glyph) = match self.fonts.glyph_for(c) {
                Some(g) => (c, Some(g)),
                None => (MISSING_MARK, self.fonts.glyph_for(MISSING_MARK)),
            };
            let Some(glyph) = glyph else { continue };
            // A run ends after a space: spaces are wider here than in the font (see
            // `FontSet::advance_em`), so what follows one is placed explicitly.
            match runs.last_mut() {
                Some((face, _, s)) if *face == glyph.face && !s.ends_with(' ') => s.push(c),
                _ => runs.push((glyph.face, pen, c.to_string())),
            }
            pen += self.fonts.advance_em(c) * size;
        }
        let bold = self.bold;
        let handles: Vec<PdfFontHandle> = self.font_ids.iter().cloned().map(PdfFontHandle::External).collect();
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        if bold {
            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
            ops.push(Op::SetOutlineThickness { pt: Pt(size * 0.03) });
        }
        let mut current = None;
        for (face, run_x, s) in runs {
            if current != Some(face) {
                ops.push(Op::SetFont { font: handles[face].clone(), size: Pt(size) });
                current = Some(face);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(run_x), Pt(y)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(s)] });
        }
        if bold {
            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
        }
        ops.push(Op::EndTextSection);
    }

    /// Draws one line of text aligned inside `[left, left + width]`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_in(&mut self, left: f32, width: f32, y: f32, size: f32, text: &str, align: Align, label: &str) {
        let x = match align {
            Align::Left => left,
            Align::Center => left + (width - super::layout::measure(&self.fonts, text, size)) / 2.0,
            Align::Right => left + width - super::layout::measure(&self.fonts, text, size),
        };
        self.text(x, y, size, text, label);
    }

    /// Fills a rectangle (`y` is its bottom) with a grey (0 black … 1 white).
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: grey, icc_profile: None }) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    /// Fills rectangles `(x, y, width, height)` given in cells of `unit` pt from the origin
    /// `(x, y)`, in one graphics state with small integer coordinates: a QR code's few hundred
    /// cells stay a few kilobytes of page content.
    pub fn fill_cells(&mut self, x: f32, y: f32, unit: f32, cells: &[(u32, u32, u32, u32)], grey: f32) {
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix { matrix: CurTransMat::Raw([unit, 0.0, 0.0, unit, x, y]) });
        ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: grey, icc_profile: None }) });
        for &(cx, cy, w, h) in cells {
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(cx as f32),
                    y: Pt(cy as f32),
                    width: Pt(w as f32),
                    height: Pt(h as f32),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
        ops.push(Op::RestoreGraphicsState);
    }

    /// Strokes a straight line, solid or dashed.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, dashed: bool) {
        let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        if dashed {
            ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[4.0, 3.0]) });
        }
        ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
        ops.push(Op::RestoreGraphicsState);
    }

    /// Adds the footers (now that the page count is known) and writes the PDF with subset fonts.
    pub fn finish(mut self) -> PrintOutput {
        self.ensure_page();
        let total = self.pages.len();
        let (left, width) = (self.body_left(), self.body_width());
        let y = self.margin + 4.0;
        let mut pages = std::mem::take(&mut self.pages);
        for (i, ops) in pages.iter_mut().enumerate() {
            self.pages = vec![std::mem::take(ops)];
            self.text_in(left, width, y, 9.0, &format!("第 {} 页 / 共 {} 页", i + 1, total), Align::Center, "页码");
            *ops = self.pages.pop().unwrap_or_default();
        }
        let (w, h) = (printpdf::Mm(self.width / MM), printpdf::Mm(self.height / MM));
        let pdf_pages = pages.into_iter().map(|ops| PdfPage::new(w, h, ops)).collect();
        let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
        let mut warnings = Vec::new();
        let bytes = self.pdf.with_pages(pdf_pages).save(&options, &mut warnings);
        PrintOutput { bytes, unprintable: self.notes, pages: total }
    }
}
