//! Character clean-up shared by everything that reads what people type or paste from spreadsheets.

/// Full-width ASCII forms (U+FF01–U+FF5E, what Chinese input methods type) to their half-width twins.
pub(crate) fn full_width_to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Zero-width characters and byte-order marks that ride along with pasted text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

pub(crate) fn is_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}
