//! A4 pages with the header every printout has (office name, document title, date, 打印人, 打印时间)
//! and the footer "第 x 页 / 共 y 页", and the drawing primitives the other blocks use. Coordinates
//! are pt from the bottom left corner of the page, as in PDF.

use std::collections::HashMap;
use std::sync::Arc;

use super::fonts::{FontSet, MISSING_MARK};
use super::PrintOutput;
use crate::error::Result;

/// Writing the finished pages as a PDF file.
mod write;

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
    pages: Vec<Page>,
    /// Per face, per glyph id: the character the glyph was last drawn for (what copying the text
    /// gives back, as the font's ToUnicode map says), `None` while unused. The glyphs in use are
    /// the ones the subset fonts keep.
    used: Vec<Vec<Option<char>>>,
    /// The glyphs of the text being placed, kept between calls so that placing allocates nothing.
    placing: Vec<Placed>,
    notes: Vec<String>,
    cursor: f32,
    bold: bool,
}

/// One glyph of a text placed by [`Doc::text`]; `run_x` is set on the first glyph of a run (a
/// run is glyphs of one face placed from that x on; it ends after a space).
#[derive(Debug, Clone, Copy)]
struct Placed {
    face: usize,
    gid: u16,
    c: char,
    run_x: Option<f32>,
}

/// One page being drawn. A 5,000-row list draws hundreds of thousands of texts and rules, so
/// each primitive writes only the operators that change something (see [`State`]) and the
/// vertical rules of a table are collected and drawn as one line per column and page.
#[derive(Default)]
struct Page {
    ops: Vec<Draw>,
    /// The glyph ids that [`Draw::Show`] operators show, one after the other.
    glyphs: Vec<u16>,
    state: State,
    rules: Vec<Rule>,
    /// The rule that the next one of the same x and weight may continue: index into `rules`,
    /// keyed by the bits of (x, weight).
    rule_ends: HashMap<(u32, u32), usize>,
}

/// A content-stream operator of a page, kept until the document is finished: text holds the
/// fonts' own glyph ids, and the subset fonts number their glyphs anew, so a page is written out
/// (see [`write_page`]) once the glyphs of the whole document are known. Writing the operators
/// directly, rather than through printpdf's per-glyph objects, was more than half the time of a
/// 5,000-row list.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Draw {
    /// `BT`
    BeginText,
    /// `ET`
    EndText,
    /// `2 Tr` (fill and stroke: bold-ish) when true, else `0 Tr`.
    StrokedText(bool),
    /// `/F size Tf` with the face's font.
    Font { face: usize, size: f32 },
    /// `dx dy Td`
    MoveText(f32, f32),
    /// `<…> Tj`: the glyphs `start..end` of the page's glyphs, in `face`.
    Show { face: usize, start: u32, end: u32 },
    /// `w`
    LineWidth(f32),
    /// `[4 3] 0 d` when dashed, else `[] 0 d`.
    Dashed(bool),
    /// `x1 y1 m x2 y2 l S`
    Line(f32, f32, f32, f32),
    /// `q`
    Save,
    /// `Q`
    Restore,
    /// `grey g`
    FillGrey(f32),
    /// `a b c d e f cm`
    Transform([f32; 6]),
    /// `x y width height re f`
    FillRect(f32, f32, f32, f32),
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
        let used = fonts.faces().iter().map(|_| vec![None; 1 << 16]).collect();
        Doc {
            fonts,
            meta,
            width,
            height,
            margin: 12.0 * MM,
            pages: Vec::new(),
            used,
            placing: Vec::new(),
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

    /// The header date of the pages started from now on (slips of later days on later pages).
    pub fn set_date(&mut self, date: String) {
        self.meta.date = date;
    }

    /// Starts a page with its header; the cursor goes to the top of the body.
    pub fn new_page(&mut self) {
        self.flush_rules();
        // A page of a list has several hundred operators and a few thousand glyphs.
        self.pages.push(Page { ops: Vec::with_capacity(512), glyphs: Vec::with_capacity(2048), ..Page::default() });
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
        let mut placed = std::mem::take(&mut self.placing);
        let missing = self.place(x, size, text, &mut placed);
        if missing {
            self.check_printable(label, text);
        }
        self.ensure_page();
        if let Some(page) = self.pages.last_mut() {
            page.begin_text(self.bold, size);
            let mut run_start = None;
            for g in &placed {
                if let Some(run_x) = g.run_x {
                    page.show(run_start.take());
                    page.set_font(g.face, size);
                    page.move_text(run_x, y);
                    run_start = Some((g.face, page.glyphs.len()));
                }
                page.glyphs.push(g.gid);
                self.used[g.face][usize::from(g.gid)] = Some(g.c);
            }
            page.show(run_start);
        }
        self.placing = placed;
    }

    /// Places the glyphs of `text` from `x` on into `out` (cleared first), each run of one face
    /// at its measured x, and says whether some character had no font (it is drawn as
    /// [`MISSING_MARK`]).
    fn place(&self, x: f32, size: f32, text: &str, out: &mut Vec<Placed>) -> bool {
        out.clear();
        let mut missing = false;
        let mut pen = x;
        let mut after_space = false;
        let mut face = None;
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
            // A run ends after a space: spaces are wider here than in the font (see
            // `FontSet::advance_em`), so what follows one is placed explicitly.
            let run_x = (face != Some(glyph.face) || after_space).then_some(pen);
            out.push(Placed { face: glyph.face, gid: glyph.gid, c, run_x });
            face = Some(glyph.face);
            after_space = c == ' ';
            pen += advance * size;
        }
        missing
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
        ops.extend([Draw::Save, Draw::FillGrey(grey), Draw::FillRect(x, y, width, height), Draw::Restore]);
    }

    /// Fills rectangles `(x, y, width, height)` given in cells of `unit` pt from the origin
    /// `(x, y)`, in one graphics state with small integer coordinates: a QR code's few hundred
    /// cells stay a few kilobytes of page content. (Each cell is filled on its own: as one path
    /// they rendered differently in poppler, and a code failed to scan at 150 dpi.)
    pub fn fill_cells(&mut self, x: f32, y: f32, unit: f32, cells: &[(u32, u32, u32, u32)], grey: f32) {
        let ops = &mut self.graphics().ops;
        ops.reserve(cells.len() + 4);
        ops.extend([Draw::Save, Draw::Transform([unit, 0.0, 0.0, unit, x, y]), Draw::FillGrey(grey)]);
        ops.extend(cells.iter().map(|&(cx, cy, w, h)| Draw::FillRect(cx as f32, cy as f32, w as f32, h as f32)));
        ops.push(Draw::Restore);
    }

    /// Strokes a straight line, solid or dashed.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, dashed: bool) {
        let page = self.graphics();
        page.set_line(thickness, dashed);
        page.ops.push(Draw::Line(x1, y1, x2, y2));
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
            page.ops.push(Draw::Line(r.x, r.top, r.x, r.bottom));
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
        let bytes = write::save(&self.fonts, &self.meta.title, (self.width, self.height), &pages, &self.used);
        PrintOutput { bytes, unprintable: self.notes, pages: total }
    }
}

impl Page {
    /// Opens a text object unless one is open, in the rendering mode for `bold` at `size`.
    fn begin_text(&mut self, bold: bool, size: f32) {
        if !self.state.in_text {
            self.ops.push(Draw::BeginText);
            self.state.in_text = true;
            self.state.line_start = (0.0, 0.0);
        }
        if bold != self.state.stroked_text {
            self.ops.push(Draw::StrokedText(bold));
            self.state.stroked_text = bold;
        }
        // The outline that makes text bold-ish grows with the size, and is solid even after a
        // dashed cut line.
        if bold {
            self.set_line(size * 0.03, false);
        }
    }

    /// Starts the next text at `(x, y)`. Td moves relative to the line start, where Tm would
    /// place absolutely: printpdf merged Tm-placed glyph runs on one baseline into one TJ, which
    /// looked up every glyph's width in the font and took a tenth of a 5,000-row list.
    fn move_text(&mut self, x: f32, y: f32) {
        let (from_x, from_y) = self.state.line_start;
        self.ops.push(Draw::MoveText(x - from_x, y - from_y));
        self.state.line_start = (x, y);
    }

    /// Shows the glyphs from `start` (in `face`) to the end of the page's glyphs, if any.
    fn show(&mut self, run: Option<(usize, usize)>) {
        if let Some((face, start)) = run {
            self.ops.push(Draw::Show { face, start: start as u32, end: self.glyphs.len() as u32 });
        }
    }

    fn set_font(&mut self, face: usize, size: f32) {
        if self.state.font != Some((face, size)) {
            self.ops.push(Draw::Font { face, size });
            self.state.font = Some((face, size));
        }
    }

    fn end_text(&mut self) {
        if self.state.in_text {
            self.ops.push(Draw::EndText);
            self.state.in_text = false;
        }
    }

    fn set_line(&mut self, thickness: f32, dashed: bool) {
        if self.state.line_width != thickness {
            self.ops.push(Draw::LineWidth(thickness));
            self.state.line_width = thickness;
        }
        if self.state.dashed != dashed {
            self.ops.push(Draw::Dashed(dashed));
            self.state.dashed = dashed;
        }
    }
}
