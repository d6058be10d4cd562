//! PDF building blocks on printpdf 0.12 (fonts subset and embedded), and the documents built on them.
//!
//! A document is a function from data to PDF bytes: it opens a [`page::Doc`] with the page set-up
//! and the header data ([`page::PageMeta`], which carries the print time, so the same data and print
//! time give the same text), draws into it (e.g. a [`table::Table`]), and finishes it into a
//! [`PrintOutput`]. Text is laid out here, glyph by glyph: [`fonts`] picks the font that has each
//! character (a primary CJK font and a fallback for rare name characters), [`layout`] measures and
//! wraps with the Chinese line-breaking rules. Characters that no font has are not printed as silent
//! boxes: they print as "〓" and are listed in [`PrintOutput::unprintable`] for the caller to show.

pub mod flow;
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

/// The header of a document printed now by the signed-in user: the office's print header, the
/// title, the date the document is about, who prints and when.
pub(crate) async fn page_meta(
    desk: &crate::Desk,
    user: &crate::db::entity::user::Model,
    title: &str,
    about: &str,
) -> crate::Result<page::PageMeta> {
    let settings = crate::settings::get(desk).await?;
    Ok(page::PageMeta {
        office: settings.print_header,
        title: title.to_string(),
        date: about.to_string(),
        printed_by: user.display_name.clone(),
        printed_at: crate::clock::local(desk.clock().now()).format("%Y-%m-%d %H:%M").to_string(),
    })
}

/// A printout written to disk for the system's PDF viewer.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedFile {
    pub path: String,
    pub file_name: String,
    pub pages: usize,
    /// Texts with characters no font has (see [`PrintOutput::unprintable`]), for the user to see.
    pub unprintable: Vec<String>,
}

/// Where printouts go: `prints` beside the SQLite database, or in the app-data folder when the
/// database is PostgreSQL.
pub fn prints_dir(desk: &crate::Desk) -> crate::Result<std::path::PathBuf> {
    let base = match desk.location().sqlite_path().and_then(|p| p.parent()) {
        Some(dir) => dir.to_path_buf(),
        None => crate::db::default_data_dir()?,
    };
    Ok(base.join("prints"))
}

/// Writes `output` as `<stem>-<HHMMSS>.pdf` in the prints folder. The time keeps an earlier copy
/// that is still open in a viewer (Windows locks it) from blocking the new one.
pub fn save_pdf(desk: &crate::Desk, stem: &str, output: PrintOutput) -> crate::Result<PrintedFile> {
    let dir = prints_dir(desk)?;
    std::fs::create_dir_all(&dir)?;
    let file_name = format!("{stem}-{}.pdf", crate::clock::local(desk.clock().now()).format("%H%M%S"));
    let path = dir.join(&file_name);
    std::fs::write(&path, &output.bytes)?;
    Ok(PrintedFile { path: path.to_string_lossy().into_owned(), file_name, pages: output.pages, unprintable: output.unprintable })
}

/// `items.iter().map(f)`, the items shared out among the cores (at most 4): each core takes the
/// next item not yet taken, so that items of very different sizes (a font and the pages of a
/// document) keep every core busy until the end. Put the largest items first.
pub(crate) fn on_all_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(items.len());
    if cores <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..cores).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for w in workers {
            done.extend(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
