//! A grid of tickets, `cols × rows` per page in the page body, with dashed cut lines between and
//! around them. What a ticket shows is up to the caller.

use super::page::Doc;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub cols: usize,
    pub rows: usize,
}

impl Grid {
    /// 2 × 5 tickets per A4 portrait page.
    pub const MEAL_TICKETS: Grid = Grid { cols: 2, rows: 5 };

    pub fn per_page(&self) -> usize {
        self.cols.max(1) * self.rows.max(1)
    }
}

/// One ticket's place: its bottom left corner and size in pt, and its number in the whole run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub index: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Starts a page for every `grid.per_page()` tickets, draws the cut lines, and calls `draw` for
/// each of the `count` tickets (in rows, left to right, top to bottom).
pub fn draw_grid<F>(doc: &mut Doc, grid: Grid, count: usize, mut draw: F) -> Result<()>
where
    F: FnMut(&mut Doc, &Cell) -> Result<()>,
{
    let (cols, rows) = (grid.cols.max(1), grid.rows.max(1));
    let per_page = cols * rows;
    let mut index = 0;
    while index < count {
        doc.new_page();
        let left = doc.body_left();
        let top = doc.cursor();
        let bottom = doc.body_bottom();
        let width = doc.body_width() / cols as f32;
        let height = (top - bottom) / rows as f32;
        let on_page = per_page.min(count - index);
        let used_rows = on_page.div_ceil(cols);
        for r in 0..=used_rows {
            let y = top - r as f32 * height;
            doc.line(left, y, left + cols as f32 * width, y, 0.5, true);
        }
        for c in 0..=cols {
            let x = left + c as f32 * width;
            doc.line(x, top, x, top - used_rows as f32 * height, 0.5, true);
        }
        for k in 0..on_page {
            let (r, c) = (k / cols, k % cols);
            let cell = Cell { index: index + k, x: left + c as f32 * width, y: top - (r as f32 + 1.0) * height, width, height };
            draw(doc, &cell)?;
        }
        index += on_page;
        doc.set_cursor(bottom);
    }
    Ok(())
}
