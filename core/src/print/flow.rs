//! Running text between tables: paragraphs that wrap across the body and never leave a heading
//! alone at the foot of a page, and vertical gaps.

use super::layout::wrap;
use super::page::Doc;

/// Text across the body from the cursor. `keep` is the room that must follow it on the same page
/// (a heading is not left alone at the bottom of a page).
pub fn paragraph(doc: &mut Doc, text: &str, size: f32, bold: bool, label: &str, keep: f32) {
    let lines = wrap(doc.fonts(), text, size, doc.body_width());
    let line_h = size * 1.5;
    if doc.space_left() < lines.len() as f32 * line_h + keep {
        doc.new_page();
    }
    doc.set_bold(bold);
    for line in &lines {
        let baseline = doc.cursor() - size * 1.15;
        doc.text(doc.body_left(), baseline, size, line, label);
        doc.set_cursor(doc.cursor() - line_h);
    }
    doc.set_bold(false);
}

pub fn gap(doc: &mut Doc, pt: f32) {
    doc.set_cursor(doc.cursor() - pt);
}
