//! The PDF file of a finished [`Doc`](super::Doc): printpdf makes the subset fonts, the pages are
//! written straight to bytes on all cores.

use std::io::Write;

use lopdf::{Object, ObjectId};
use printpdf::{Codepoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};

use super::{Draw, Page, MM};
use crate::print::fonts::FontSet;

/// zlib level of the page contents and fonts. printpdf's save compresses with lopdf at level 9,
/// which took a quarter of the time of a 5,000-row list for files 2–3 % smaller than level 6.
const COMPRESSION: u32 = 6;

/// The PDF file, with subset fonts.
///
/// printpdf makes the document and the subset fonts (their /W widths and ToUnicode maps) from a
/// stand-in page that shows every glyph in use once; that page's content says which code each
/// glyph has in its subset font. The real pages are then written with those codes, on the
/// machine's cores, in place of the stand-in page, and the streams are compressed at
/// [`COMPRESSION`].
pub(super) fn save(fonts: &FontSet, title: &str, (width, height): (f32, f32), pages: &[Page], used: &[Vec<Option<char>>]) -> Vec<u8> {
    let mut pdf = PdfDocument::new(title);
    let ids: Vec<printpdf::FontId> = fonts.faces().iter().map(|f| pdf.add_font(&f.parsed)).collect();
    // Per face: the glyphs in use, in ascending order, with the character each was drawn for.
    let glyphs: Vec<Vec<(u16, char)>> =
        used.iter().map(|u| u.iter().enumerate().filter_map(|(gid, c)| Some((gid as u16, (*c)?))).collect()).collect();
    let mut probe = vec![Op::StartTextSection];
    for (face, glyphs) in glyphs.iter().enumerate().filter(|(_, g)| !g.is_empty()) {
        probe.push(Op::SetFont { font: PdfFontHandle::External(ids[face].clone()), size: Pt(1.0) });
        let codepoints = glyphs.iter().map(|&(gid, c)| Codepoint::with_cid(gid, 0.0, c.to_string())).collect();
        probe.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
    }
    probe.push(Op::EndTextSection);
    let size = (printpdf::Mm(width / MM), printpdf::Mm(height / MM));
    pdf.with_pages(vec![PdfPage::new(size.0, size.1, probe)]);
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..Default::default() };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&options, &mut warnings);
    let names: Vec<&str> = ids.iter().map(|id| id.0.as_str()).collect();
    let Some(codes) = subset_codes(&doc, &names, &glyphs) else {
        // Not the stand-in page this printpdf version writes: let printpdf write the pages.
        let pages = pages.iter().map(|p| PdfPage::new(size.0, size.1, printpdf_ops(p, &ids, used))).collect();
        pdf.with_pages(pages);
        doc = pdf.to_lopdf_document(&options, &mut warnings);
        return compressed(doc);
    };
    let contents = crate::print::on_all_cores(pages, |p| write_page(p, &names, &codes));
    replace_pages(&mut doc, contents);
    compressed(doc)
}

/// Per face, the code of each glyph id in its subset font (0 for glyphs not in use), read from
/// the stand-in page: `/F 1 Tf` then `[<code><code>…] TJ` per face, the glyphs in ascending
/// order. `None` when the page is not like that.
fn subset_codes(doc: &lopdf::Document, names: &[&str], glyphs: &[Vec<(u16, char)>]) -> Option<Vec<Vec<u16>>> {
    let (_, page_id) = doc.get_pages().into_iter().next()?;
    let contents = doc.get_dictionary(page_id).ok()?.get(b"Contents").ok()?.as_reference().ok()?;
    let content = &doc.get_object(contents).ok()?.as_stream().ok()?.content;
    let mut codes: Vec<Vec<u16>> = glyphs.iter().map(|_| Vec::new()).collect();
    let mut face = None;
    for op in std::str::from_utf8(content).ok()?.split('\n') {
        if let Some(font) = op.strip_suffix(" 1 Tf") {
            face = names.iter().position(|n| Some(*n) == font.strip_prefix('/'));
        } else if let Some(shown) = op.strip_suffix(" TJ") {
            let face = face?;
            // `[<0001><0002>…]`: one hex string per glyph.
            for hex in shown.strip_prefix('[')?.strip_suffix(']')?.split('<').skip(1) {
                codes[face].push(u16::from_str_radix(hex.trim_end().strip_suffix('>')?, 16).ok()?);
            }
        }
    }
    let mut by_gid = Vec::with_capacity(glyphs.len());
    for (glyphs, codes) in glyphs.iter().zip(codes) {
        if glyphs.len() != codes.len() {
            return None;
        }
        let mut map = if glyphs.is_empty() { Vec::new() } else { vec![0u16; 1 << 16] };
        for (&(gid, _), code) in glyphs.iter().zip(codes) {
            map[usize::from(gid)] = code;
        }
        by_gid.push(map);
    }
    Some(by_gid)
}

/// Puts `contents` (one content stream per page) in place of the stand-in page: the first page
/// takes its objects, the others copy its dictionary (size, resources, parent).
fn replace_pages(doc: &mut lopdf::Document, contents: Vec<Vec<u8>>) {
    let Some((_, probe_id)) = doc.get_pages().into_iter().next() else { return };
    let Ok(probe) = doc.get_dictionary(probe_id).cloned() else { return };
    let (Ok(probe_contents), Ok(parent)) =
        (probe.get(b"Contents").and_then(Object::as_reference), probe.get(b"Parent").and_then(Object::as_reference))
    else {
        return;
    };
    let mut kids = Vec::with_capacity(contents.len());
    for (i, content) in contents.into_iter().enumerate() {
        let (page_id, content_id): (ObjectId, ObjectId) =
            if i == 0 { (probe_id, probe_contents) } else { (doc.new_object_id(), doc.new_object_id()) };
        doc.objects.insert(content_id, Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), content)));
        let mut page = probe.clone();
        page.set("Contents", Object::Reference(content_id));
        doc.objects.insert(page_id, Object::Dictionary(page));
        kids.push(Object::Reference(page_id));
    }
    if let Ok(Object::Dictionary(tree)) = doc.get_object_mut(parent) {
        tree.set("Count", Object::Integer(kids.len() as i64));
        tree.set("Kids", Object::Array(kids));
    }
}

/// The page's content stream: its operators, glyphs by their codes in the subset fonts.
fn write_page(page: &Page, names: &[&str], codes: &[Vec<u16>]) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(page.ops.len() * 24 + page.glyphs.len() * 4);
    /// A number and the space after it, as lopdf writes a real.
    fn num(out: &mut Vec<u8>, v: f32) {
        // Writing into memory cannot fail.
        let _ = write!(out, "{v} ");
    }
    for (i, op) in page.ops.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        match *op {
            Draw::BeginText => out.extend_from_slice(b"BT"),
            Draw::EndText => out.extend_from_slice(b"ET"),
            Draw::StrokedText(stroked) => out.extend_from_slice(if stroked { b"2 Tr" } else { b"0 Tr" }),
            Draw::Font { face, size } => {
                out.push(b'/');
                out.extend_from_slice(names[face].as_bytes());
                out.push(b' ');
                num(&mut out, size);
                out.extend_from_slice(b"Tf");
            }
            Draw::MoveText(dx, dy) => {
                num(&mut out, dx);
                num(&mut out, dy);
                out.extend_from_slice(b"Td");
            }
            Draw::Show { face, start, end } => {
                out.push(b'<');
                for &gid in &page.glyphs[start as usize..end as usize] {
                    for byte in codes[face][usize::from(gid)].to_be_bytes() {
                        out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
                    }
                }
                out.extend_from_slice(b"> Tj");
            }
            Draw::LineWidth(w) => {
                num(&mut out, w);
                out.push(b'w');
            }
            Draw::Dashed(dashed) => out.extend_from_slice(if dashed { b"[4 3] 0 d" } else { b"[] 0 d" }),
            Draw::Line(x1, y1, x2, y2) => {
                num(&mut out, x1);
                num(&mut out, y1);
                out.extend_from_slice(b"m\n");
                num(&mut out, x2);
                num(&mut out, y2);
                out.extend_from_slice(b"l\nS");
            }
            Draw::Save => out.push(b'q'),
            Draw::Restore => out.push(b'Q'),
            Draw::FillGrey(grey) => {
                num(&mut out, grey);
                out.push(b'g');
            }
            Draw::Transform(m) => {
                for v in m {
                    num(&mut out, v);
                }
                out.extend_from_slice(b"cm");
            }
            Draw::FillRect(x, y, w, h) => {
                for v in [x, y, w, h] {
                    num(&mut out, v);
                }
                out.extend_from_slice(b"re\nf");
            }
        }
    }
    out
}

/// The page's operators as printpdf's (for printpdf to write them, see [`save`]).
fn printpdf_ops(page: &Page, ids: &[printpdf::FontId], used: &[Vec<Option<char>>]) -> Vec<Op> {
    use printpdf::{Color, CurTransMat, Greyscale, Line, LineDashPattern, LinePoint, PaintMode, Point, Rect, TextRenderingMode};
    let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    let rect = |x: f32, y: f32, w: f32, h: f32| Rect {
        x: Pt(x),
        y: Pt(y),
        width: Pt(w),
        height: Pt(h),
        mode: Some(PaintMode::Fill),
        winding_order: None,
    };
    page.ops
        .iter()
        .map(|op| match *op {
            Draw::BeginText => Op::StartTextSection,
            Draw::EndText => Op::EndTextSection,
            Draw::StrokedText(stroked) => {
                Op::SetTextRenderingMode { mode: if stroked { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill } }
            }
            Draw::Font { face, size } => Op::SetFont { font: PdfFontHandle::External(ids[face].clone()), size: Pt(size) },
            Draw::MoveText(dx, dy) => Op::SetTextCursor { pos: Point { x: Pt(dx), y: Pt(dy) } },
            Draw::Show { face, start, end } => {
                let codepoint = |gid: u16| match used[face][usize::from(gid)] {
                    Some(c) => Codepoint::with_cid(gid, 0.0, c.to_string()),
                    None => Codepoint::new(gid, 0.0),
                };
                let glyphs = page.glyphs[start as usize..end as usize].iter().map(|&gid| codepoint(gid)).collect();
                Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] }
            }
            Draw::LineWidth(w) => Op::SetOutlineThickness { pt: Pt(w) },
            Draw::Dashed(dashed) => {
                Op::SetLineDashPattern { dash: if dashed { LineDashPattern::new(0.0, &[4.0, 3.0]) } else { LineDashPattern::solid() } }
            }
            Draw::Line(x1, y1, x2, y2) => Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
            Draw::Save => Op::SaveGraphicsState,
            Draw::Restore => Op::RestoreGraphicsState,
            Draw::FillGrey(grey) => Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: grey, icc_profile: None }) },
            Draw::Transform(m) => Op::SetTransformationMatrix { matrix: CurTransMat::Raw(m) },
            Draw::FillRect(x, y, w, h) => Op::DrawRectangle { rectangle: rect(x, y, w, h) },
        })
        .collect()
}

/// `doc` written out, its streams compressed.
fn compressed(mut doc: lopdf::Document) -> Vec<u8> {
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = doc.save_to(&mut bytes);
    bytes
}

/// Deflates the streams as `lopdf::Document::compress` does: those that allow it and have no
/// filter yet, keeping the result only when it is smaller. The largest go first, so that the
/// cores finish together (a font is as large as dozens of pages).
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let contents: Vec<&[u8]> = streams.iter().map(|s| s.content.as_slice()).collect();
    let deflated = crate::print::on_all_cores(&contents, |c| deflate(c));
    for (stream, deflated) in streams.iter_mut().zip(deflated) {
        if deflated.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
}

fn deflate(content: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(content.len() / 4), flate2::Compression::new(COMPRESSION));
    // Writing into memory cannot fail.
    let _ = encoder.write_all(content);
    encoder.finish().unwrap_or_default()
}
