//! A table across pages: column widths in pt or fractions of the rest, a header row repeated on
//! every page, text wrapped inside cells (a row is as tall as its tallest cell; nothing is clipped),
//! group heading rows, shaded subtotal and total rows, and empty signature columns. Pages break
//! between rows only, and a group heading is kept with the row after it.

use super::layout::wrap;
use super::page::{Align, Doc};
use super::qr::{draw_modules, Modules};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// A fixed width in pt.
    Pt(f32),
    /// A share of the width the fixed columns leave.
    Fr(f32),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: Width,
    pub align: Align,
    /// Left empty in every row, for a handwritten signature.
    pub signature: bool,
}

impl Column {
    pub fn new(title: impl Into<String>, width: Width) -> Column {
        Column { title: title.into(), width, align: Align::Left, signature: false }
    }

    /// An empty column for signatures ("签字").
    pub fn signature(title: impl Into<String>, width: Width) -> Column {
        Column { signature: true, ..Column::new(title, width) }
    }

    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Body,
    /// A heading across the whole table; the text is the first cell.
    Group,
    Subtotal,
    Total,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<String>,
    /// A QR code drawn in the table's [`Table::qr_column`] (a sign-in sheet's line).
    pub qr: Option<Modules>,
}

impl Row {
    pub fn body(cells: Vec<String>) -> Row {
        Row { kind: RowKind::Body, cells, qr: None }
    }

    pub fn group(heading: impl Into<String>) -> Row {
        Row { kind: RowKind::Group, cells: vec![heading.into()], qr: None }
    }

    pub fn subtotal(cells: Vec<String>) -> Row {
        Row { kind: RowKind::Subtotal, cells, qr: None }
    }

    pub fn total(cells: Vec<String>) -> Row {
        Row { kind: RowKind::Total, cells, qr: None }
    }

    pub fn with_qr(mut self, code: Modules) -> Row {
        self.qr = Some(code);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub font_size: f32,
    /// Space between the cell border and its text, in pt.
    pub padding: f32,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    /// The least height of a body row (room for a signature), in pt.
    pub min_row_height: f32,
    /// The column a row's QR code fills (its rows are then at least as tall as it is wide).
    pub qr_column: Option<usize>,
}

/// A row laid out: its lines per cell and its height.
#[derive(Clone)]
struct Laid {
    lines: Vec<Vec<String>>,
    height: f32,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table { columns, rows: Vec::new(), font_size: 9.0, padding: 3.0, line_height: 1.3, min_row_height: 18.0, qr_column: None }
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    /// The column widths in pt for a table `total` pt wide.
    pub fn resolve_widths(&self, total: f32) -> Vec<f32> {
        let fixed: f32 = self.columns.iter().map(|c| if let Width::Pt(w) = c.width { w } else { 0.0 }).sum();
        let shares: f32 = self.columns.iter().map(|c| if let Width::Fr(f) = c.width { f } else { 0.0 }).sum();
        let rest = (total - fixed).max(0.0);
        // Fixed columns wider than the page shrink together so that the table still fits.
        let shrink = if fixed > total && fixed > 0.0 { total / fixed } else { 1.0 };
        self.columns
            .iter()
            .map(|c| match c.width {
                Width::Pt(w) => w * shrink,
                Width::Fr(f) if shares > 0.0 => rest * f / shares,
                Width::Fr(_) => 0.0,
            })
            .collect()
    }

    fn lay_out(&self, doc: &Doc, widths: &[f32], kind: RowKind, cells: &[String], is_header: bool) -> Laid {
        let size = self.font_size;
        let inner = |w: f32| (w - 2.0 * self.padding).max(size);
        let lines: Vec<Vec<String>> = if kind == RowKind::Group {
            let text = cells.first().map(String::as_str).unwrap_or("");
            vec![wrap(doc.fonts(), text, size, inner(widths.iter().sum()))]
        } else {
            self.columns
                .iter()
                .zip(widths)
                .enumerate()
                .map(|(i, (col, &w))| match cells.get(i) {
                    Some(text) if (is_header || !col.signature) && !text.is_empty() => wrap(doc.fonts(), text, size, inner(w)),
                    _ => Vec::new(),
                })
                .collect()
        };
        let most = lines.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32;
        let mut height = most * size * self.line_height + 2.0 * self.padding;
        if kind == RowKind::Body {
            height = height.max(self.min_row_height);
        }
        Laid { lines, height }
    }

    /// Draws the table from the cursor down, starting pages as needed; the cursor ends below it.
    pub fn draw(&self, doc: &mut Doc) {
        let widths = self.resolve_widths(doc.body_width());
        let titles: Vec<String> = self.columns.iter().map(|c| c.title.clone()).collect();
        let header = self.lay_out(doc, &widths, RowKind::Body, &titles, true);
        let header = Laid { height: header.height.max(self.font_size * 2.2), ..header };
        let qr_width = self.qr_column.and_then(|c| widths.get(c)).copied();
        let laid: Vec<Laid> = self
            .rows
            .iter()
            .map(|r| {
                let l = self.lay_out(doc, &widths, r.kind, &r.cells, false);
                match (&r.qr, qr_width) {
                    (Some(_), Some(w)) => Laid { height: l.height.max(w), ..l },
                    _ => l,
                }
            })
            .collect();

        doc.ensure_page();
        let first_need = header.height + laid.first().map_or(0.0, |l| l.height);
        if doc.space_left() < first_need {
            doc.new_page();
        }
        self.draw_header(doc, &widths, &header);
        for (i, (row, l)) in self.rows.iter().zip(&laid).enumerate() {
            let mut need = l.height;
            if row.kind == RowKind::Group {
                need += laid.get(i + 1).map_or(0.0, |next| next.height);
            }
            if need > doc.space_left() {
                doc.new_page();
                self.draw_header(doc, &widths, &header);
            }
            if l.height > doc.space_left() {
                self.draw_split(doc, &widths, &header, row.kind, l);
            } else {
                if let (Some(code), Some(col)) = (&row.qr, self.qr_column) {
                    self.draw_qr(doc, &widths, col, l.height, code);
                }
                self.draw_row(doc, &widths, row.kind, l, false);
            }
        }
        doc.flush_rules();
    }

    /// The code centred in its cell of the row that starts at the cursor.
    fn draw_qr(&self, doc: &mut Doc, widths: &[f32], col: usize, height: f32, code: &Modules) {
        let x: f32 = doc.body_left() + widths.iter().take(col).sum::<f32>();
        let w = widths.get(col).copied().unwrap_or(0.0);
        let size = w.min(height) - 2.0 * self.padding;
        let top = doc.cursor();
        draw_modules(doc, code, x + (w - size) / 2.0, top - (height + size) / 2.0, size);
    }

    /// A row taller than a whole page (a very long note) continues on the next pages instead of
    /// running off the paper.
    fn draw_split(&self, doc: &mut Doc, widths: &[f32], header: &Laid, kind: RowKind, laid: &Laid) {
        let mut rest = laid.clone();
        while rest.height > doc.space_left() {
            let Some((now, later)) = self.split(&rest, doc.space_left()) else { break };
            self.draw_row(doc, widths, kind, &now, false);
            doc.new_page();
            self.draw_header(doc, widths, header);
            rest = later;
        }
        self.draw_row(doc, widths, kind, &rest, false);
    }

    /// The first lines of a laid-out row that fit in `room` pt, and the rest; `None` when not even
    /// one line fits.
    fn split(&self, laid: &Laid, room: f32) -> Option<(Laid, Laid)> {
        let line_h = self.font_size * self.line_height;
        let fit = ((room - 2.0 * self.padding) / line_h).floor() as usize;
        if fit == 0 {
            return None;
        }
        let head: Vec<Vec<String>> = laid.lines.iter().map(|c| c.iter().take(fit).cloned().collect()).collect();
        let tail: Vec<Vec<String>> = laid.lines.iter().map(|c| c.iter().skip(fit).cloned().collect()).collect();
        let height = |lines: &[Vec<String>]| lines.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * line_h + 2.0 * self.padding;
        Some((Laid { height: height(&head), lines: head }, Laid { height: height(&tail), lines: tail }))
    }

    fn draw_header(&self, doc: &mut Doc, widths: &[f32], header: &Laid) {
        let top = doc.cursor();
        let left = doc.body_left();
        let total: f32 = widths.iter().sum();
        doc.fill_rect(left, top - header.height, total, header.height, 0.88);
        doc.line(left, top, left + total, top, 0.8, false);
        self.draw_row(doc, widths, RowKind::Body, header, true);
    }

    fn draw_row(&self, doc: &mut Doc, widths: &[f32], kind: RowKind, laid: &Laid, is_header: bool) {
        let size = self.font_size;
        let top = doc.cursor();
        let bottom = top - laid.height;
        let left = doc.body_left();
        let total: f32 = widths.iter().sum();
        match kind {
            RowKind::Subtotal => doc.fill_rect(left, bottom, total, laid.height, 0.94),
            RowKind::Total => doc.fill_rect(left, bottom, total, laid.height, 0.85),
            RowKind::Group => doc.fill_rect(left, bottom, total, laid.height, 0.97),
            RowKind::Body => {}
        }
        let bold = is_header || kind != RowKind::Body;
        doc.set_bold(bold);
        let line_h = size * self.line_height;
        // The first baseline: the line box is centred on the font's em box.
        let first_baseline = top - self.padding - (line_h - size) / 2.0 - size * 0.88;
        if kind == RowKind::Group {
            for (n, text) in laid.lines[0].iter().enumerate() {
                doc.text(left + self.padding, first_baseline - n as f32 * line_h, size, text, "分组");
            }
        } else {
            let mut x = left;
            for ((col, &w), lines) in self.columns.iter().zip(widths).zip(&laid.lines) {
                let align = if is_header { Align::Center } else { col.align };
                let label = if is_header { "表头" } else { col.title.as_str() };
                for (n, text) in lines.iter().enumerate() {
                    let y = first_baseline - n as f32 * line_h;
                    doc.text_in(x + self.padding, w - 2.0 * self.padding, y, size, text, align, label);
                }
                x += w;
            }
        }
        doc.set_bold(false);
        // Borders: the bottom rule and the verticals of this row (only the outer ones for a heading).
        // The verticals join those of the rows above into one line per column (see
        // `Doc::rule_later`); the bottom rule is drawn now, before a shaded row below covers its
        // lower half as it always has.
        let weight = if kind == RowKind::Total { 0.8 } else { 0.4 };
        doc.line(left, bottom, left + total, bottom, weight, false);
        let mut x = left;
        doc.rule_later(x, top, bottom, 0.6);
        for (i, &w) in widths.iter().enumerate() {
            x += w;
            let outer = i + 1 == widths.len();
            if outer || kind != RowKind::Group {
                doc.rule_later(x, top, bottom, if outer { 0.6 } else { 0.4 });
            }
        }
        doc.set_cursor(bottom);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_mix_points_and_fractions() {
        let t = Table::new(vec![
            Column::new("序号", Width::Pt(30.0)),
            Column::new("姓名", Width::Fr(1.0)),
            Column::new("住址", Width::Fr(3.0)),
            Column::signature("签字", Width::Pt(70.0)),
        ]);
        let w = t.resolve_widths(500.0);
        assert_eq!(w, vec![30.0, 100.0, 300.0, 70.0]);
        // Too many fixed points: they shrink to fit and the fractions get nothing.
        let t = Table::new(vec![Column::new("a", Width::Pt(400.0)), Column::new("b", Width::Pt(600.0))]);
        assert_eq!(t.resolve_widths(500.0), vec![200.0, 300.0]);
    }
}
