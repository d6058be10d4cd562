//! PDF building blocks on printpdf 0.12 (fonts subset and embedded), and the documents built on them.
//!
//! A document is a function from data to PDF bytes: it opens a [`page::Doc`] with the page set-up
//! and the header data ([`page::PageMeta`], which carries the print time, so the same data and print
//! time give the same text), draws into it (e.g. a [`table::Table`]), and finishes it into a
//! [`PrintOutput`]. Text is laid out here, glyph by glyph: [`fonts`] picks the font that has each
//! character (a primary CJK font and a fallback for rare name characters), [`layout`] measures and
//! wraps with the Chinese line-breaking rules. Characters that no font has are not printed as silent
//! boxes: they print as "〓" and are listed in [`PrintOutput::unprintable`] for the caller to show.

pub mod fonts;
pub mod layout;
pub mod page;
pub mod qr;
pub mod sample;
pub mod table;
pub mod tickets;

use crate::error::Error;

/// A finished document.
#[derive(Debug, Clone)]
pub struct PrintOutput {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// One Chinese sentence per text that holds characters no font has, e.g.
    /// `姓名“王𪚥”中的“𪚥”无法打印`, in the order they were met, without repeats.
    pub unprintable: Vec<String>,
    /// How many pages the document has.
    pub pages: usize,
}

fn font_missing(message: String) -> Error {
    Error::Invalid { code: "font_missing", message, field: None }
}
