//! A4 pages with the header every printout has (office name, document title, date, 打印人, 打印时间)
//! and the footer "第 x 页 / 共 y 页", and the drawing primitives the other blocks use. Coordinates
//! are pt from the bottom left corner of the page, as in PDF.

use std::collections::HashMap;
use std::sync::Arc;

use printpdf::{
    Codepoint, Color, CurTransMat, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode,
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
    /// The PDF font of each face of `fonts`, in the same order.
    font_handles: Vec<PdfFontHandle>,
    pages: Vec<Page>,
    notes: Vec<String>,
    cursor: f32,
    bold: bool,
}

/// One page being drawn. A 5,000-row list draws hundreds of thousands of texts and rules, so
/// each primitive writes only the operators that change something (see [`State`]) and the
/// vertical rules of a table are collected and drawn as one line per column and page.
#[derive(Default)]
struct Page {
    ops: Vec<Op>,
    state: State,
    rules: Vec<Rule>,
    /// The rule that the next one of the same x and weight may continue: index into `rules`,
    /// keyed by the bits of (x, weight).
    rule_ends: HashMap<(u32, u32), usize>,
}

/// What the page's operators have set so far. Text and lines do not save and restore the
/// graphics state around themselves: the state carries on from one primitive to the next and is
/// only set where it differs. Fills and QR cells keep their own saved state (they change the fill
/// colour and the coordinates).
#[derive(Debug, Clone, Copy, PartialEq)]
struct State {
    /// Inside BT … ET: consecutive texts share one text object.
    in_text: bool,
    /// The face index and size last set with Tf.
    font: Option<(usize, f32)>,
    /// Where the text object's current line starts (Td moves relative to it).
    line_start: (f32, f32),
    /// Text rendering mode fill + stroke (bold-ish) rather than fill.
    stroked_text: bool,
    line_width: f32,
    dashed: bool,
}

impl Default for State {
    /// The PDF defaults at the start of a content stream.
    fn default() -> State {
        State { in_text: false, font: None, line_start: (0.0, 0.0), stroked_text: false, line_width: 1.0, dashed: false }
    }
}

/// A vertical rule drawn when its page is done: `x`, from `top` down to `bottom`, `weight` pt.
#[derive(Debug, Clone, Copy)]
struct Rule {
    x: f32,
    top: f32,
    bottom: f32,
    weight: f32,
}

/// Glyphs of one face placed from `x` on; a run ends after a space (see [`Doc::text`]).
struct Run {
    face: usize,
    x: f32,
    glyphs: Vec<Codepoint>,
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
        let font_handles = fonts.faces().iter().map(|f| PdfFontHandle::External(pdf.add_font(&f.parsed))).collect();
        Doc {
            fonts,
            meta,
            width,
            height,
            margin: 12.0 * MM,
            pdf,
            font_handles,
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
        self.flush_rules();
        // A page of a list has several hundred operators.
        self.pages.push(Page { ops: Vec::with_capacity(512), ..Page::default() });
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

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The current page, outside any text object (for drawing paths).
    fn graphics(&mut self) -> &mut Page {
        let page = self.page();
        page.end_text();
        page
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
        let (runs, missing) = self.runs(x, size, text);
        if missing {
            self.check_printable(label, text);
        }
        self.ensure_page();
        let Some(page) = self.pages.last_mut() else { return };
        page.begin_text(self.bold, size);
        for run in runs {
            page.set_font(&self.font_handles, run.face, size);
            page.move_text(run.x, y);
            page.ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(run.glyphs)] });
        }
    }

    /// `text` as runs of glyphs of one face, each placed at its measured x, and whether some
    /// character had no font (it is drawn as [`MISSING_MARK`]).
    fn runs(&self, x: f32, size: f32, text: &str) -> (Vec<Run>, bool) {
        let mut runs: Vec<Run> = Vec::new();
        let mut missing = false;
        let mut pen = x;
        let mut after_space = false;
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let (c, placed) = match self.fonts.place(c) {
                Some(p) => (c, Some(p)),
                None => {
                    missing = true;
                    (MISSING_MARK, self.fonts.place(MISSING_MARK))
                }
            };
            let Some((glyph, advance)) = placed else { continue };
            // The glyph carries its character for the font's ToUnicode map (copying text).
            let codepoint = Codepoint::with_cid(glyph.gid, 0.0, c.to_string());
            // A run ends after a space: spaces are wider here than in the font (see
            // `FontSet::advance_em`), so what follows one is placed explicitly.
            match runs.last_mut() {
                Some(run) if run.face == glyph.face && !after_space => run.glyphs.push(codepoint),
                _ => runs.push(Run { face: glyph.face, x: pen, glyphs: vec![codepoint] }),
            }
            after_space = c == ' ';
            pen += advance * size;
        }
        (runs, missing)
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
        let ops = &mut self.graphics().ops;
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
    /// cells stay a few kilobytes of page content. (Each cell is filled on its own: as one path
    /// they rendered differently in poppler, and a code failed to scan at 150 dpi.)
    pub fn fill_cells(&mut self, x: f32, y: f32, unit: f32, cells: &[(u32, u32, u32, u32)], grey: f32) {
        let ops = &mut self.graphics().ops;
        ops.reserve(cells.len() + 3);
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
        let page = self.graphics();
        page.set_line(thickness, dashed);
        page.ops.push(Op::DrawLine { line: segment(x1, y1, x2, y2) });
    }

    /// A solid vertical rule from `top` down to `bottom`, drawn when the page is done or at
    /// [`Doc::flush_rules`]: a table's column rules, which continue the rule of the row above
    /// (same x and weight, ending where this one starts) and so become one line per column.
    pub fn rule_later(&mut self, x: f32, top: f32, bottom: f32, weight: f32) {
        let page = self.page();
        let key = (x.to_bits(), weight.to_bits());
        if let Some(&i) = page.rule_ends.get(&key) {
            if page.rules[i].bottom == top {
                page.rules[i].bottom = bottom;
                return;
            }
        }
        page.rule_ends.insert(key, page.rules.len());
        page.rules.push(Rule { x, top, bottom, weight });
    }

    /// Draws the rules kept by [`Doc::rule_later`] on the current page.
    pub fn flush_rules(&mut self) {
        let Some(page) = self.pages.last_mut() else { return };
        if page.rules.is_empty() {
            return;
        }
        let mut rules = std::mem::take(&mut page.rules);
        page.rule_ends.clear();
        // Heavier first, then in the order drawn: one weight change per weight.
        rules.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        page.end_text();
        for r in rules {
            page.set_line(r.weight, false);
            page.ops.push(Op::DrawLine { line: segment(r.x, r.top, r.x, r.bottom) });
        }
    }

    /// Adds the footers (now that the page count is known) and writes the PDF with subset fonts.
    pub fn finish(mut self) -> PrintOutput {
        self.ensure_page();
        self.flush_rules();
        let total = self.pages.len();
        let (left, width) = (self.body_left(), self.body_width());
        let y = self.margin + 4.0;
        let mut pages = std::mem::take(&mut self.pages);
        for (i, page) in pages.iter_mut().enumerate() {
            self.pages = vec![std::mem::take(page)];
            self.text_in(left, width, y, 9.0, &format!("第 {} 页 / 共 {} 页", i + 1, total), Align::Center, "页码");
            *page = self.pages.pop().unwrap_or_default();
            page.end_text();
        }
        let (w, h) = (printpdf::Mm(self.width / MM), printpdf::Mm(self.height / MM));
        let pdf_pages = pages.into_iter().map(|page| PdfPage::new(w, h, page.ops)).collect();
        let bytes = save(self.pdf.with_pages(pdf_pages));
        PrintOutput { bytes, unprintable: self.notes, pages: total }
    }
}

/// zlib level of the page contents and fonts. printpdf's save compresses with lopdf at level 9,
/// which took a quarter of the time of a 5,000-row list for files 2–3 % smaller than level 6.
const COMPRESSION: u32 = 6;

/// The PDF file, with subset fonts: what `PdfDocument::save` writes, but compressed at
/// [`COMPRESSION`] on the machine's cores.
fn save(pdf: &PdfDocument) -> Vec<u8> {
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..Default::default() };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = doc.save_to(&mut bytes);
    bytes
}

/// Deflates the streams as `lopdf::Document::compress` does: those that allow it and have no
/// filter yet, keeping the result only when it is smaller.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let contents: Vec<&[u8]> = streams.iter().map(|s| s.content.as_slice()).collect();
    let deflated = super::on_all_cores(&contents, |c| deflate(c));
    for (stream, deflated) in streams.iter_mut().zip(deflated) {
        if deflated.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
}

fn deflate(content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(content.len() / 4), flate2::Compression::new(COMPRESSION));
    // Writing into memory cannot fail.
    let _ = encoder.write_all(content);
    encoder.finish().unwrap_or_default()
}

fn segment(x1: f32, y1: f32, x2: f32, y2: f32) -> Line {
    let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false }
}

impl Page {
    /// Opens a text object unless one is open, in the rendering mode for `bold` at `size`.
    fn begin_text(&mut self, bold: bool, size: f32) {
        if !self.state.in_text {
            self.ops.push(Op::StartTextSection);
            self.state.in_text = true;
            self.state.line_start = (0.0, 0.0);
        }
        if bold != self.state.stroked_text {
            let mode = if bold { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill };
            self.ops.push(Op::SetTextRenderingMode { mode });
            self.state.stroked_text = bold;
        }
        // The outline that makes text bold-ish grows with the size, and is solid even after a
        // dashed cut line.
        if bold {
            self.set_line(size * 0.03, false);
        }
    }

    /// Starts the next text at `(x, y)`. Td moves relative to the line start, where Tm would
    /// place absolutely: printpdf merges Tm-placed glyph runs on one baseline into one TJ, which
    /// looks up every glyph's width in the font and took a tenth of a 5,000-row list.
    fn move_text(&mut self, x: f32, y: f32) {
        let (from_x, from_y) = self.state.line_start;
        self.ops.push(Op::SetTextCursor { pos: Point { x: Pt(x - from_x), y: Pt(y - from_y) } });
        self.state.line_start = (x, y);
    }

    fn set_font(&mut self, handles: &[PdfFontHandle], face: usize, size: f32) {
        if self.state.font != Some((face, size)) {
            self.ops.push(Op::SetFont { font: handles[face].clone(), size: Pt(size) });
            self.state.font = Some((face, size));
        }
    }

    fn end_text(&mut self) {
        if self.state.in_text {
            self.ops.push(Op::EndTextSection);
            self.state.in_text = false;
        }
    }

    fn set_line(&mut self, thickness: f32, dashed: bool) {
        if self.state.line_width != thickness {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            self.state.line_width = thickness;
        }
        if self.state.dashed != dashed {
            let dash = if dashed { LineDashPattern::new(0.0, &[4.0, 3.0]) } else { LineDashPattern::solid() };
            self.ops.push(Op::SetLineDashPattern { dash });
            self.state.dashed = dashed;
        }
    }
}
