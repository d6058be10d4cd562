//! Checks an `.xlsx` (a zip archive) before calamine opens it. calamine trusts two numbers a file
//! declares and allocates by them before reading anything else: a crafted file can make it ask for
//! petabytes, which aborts the whole process instead of failing. Found by the property tests'
//! authors; a street office only ever receives such a file by accident, but the app must not die.

use super::sheet::Failure;
use std::io::{Cursor, Read};

/// More than any real sheet unpacks to (100,000 rows × 256 columns of text is far less).
const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// The shortest XML one shared string can take (`<si/>`): a declared count above what the part's
/// size can hold is a lie.
const MIN_BYTES_PER_STRING: u64 = 5;

/// How much of the shared-strings part is read to find its declared counts.
const HEAD_BYTES: u64 = 4096;

pub(super) fn check(bytes: &[u8]) -> Result<(), Failure> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Failure::Unreadable)?;
    let mut unpacked = 0u64;
    let mut shared_strings = None;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| Failure::Unreadable)?;
        unpacked = unpacked.saturating_add(entry.size());
        let is_shared_strings = entry.name().is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if is_shared_strings {
            shared_strings = Some(i);
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(Failure::Unreadable);
    }
    let Some(index) = shared_strings else { return Ok(()) };
    let entry = zip.by_index(index).map_err(|_| Failure::Unreadable)?;
    let size = entry.size();
    let mut head = Vec::new();
    // A damaged stream is calamine's to report; only the declared counts matter here.
    let _ = entry.take(HEAD_BYTES).read_to_end(&mut head);
    let head = String::from_utf8_lossy(&head);
    for attribute in ["uniqueCount", "count"] {
        if let Some(declared) = declared_number(&head, attribute) {
            if declared > size / MIN_BYTES_PER_STRING + 1 {
                return Err(Failure::Unreadable);
            }
        }
    }
    Ok(())
}

/// The value of ` name="123"` in the first tag that has it; `u64::MAX` when the digits overflow.
fn declared_number(xml: &str, name: &str) -> Option<u64> {
    let start = xml.find(&format!(" {name}=\""))? + name.len() + 3;
    let digits: String = xml[start..].chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_counts() {
        let xml = r#"<sst xmlns="x" count="12" uniqueCount="99999999999999999999999">"#;
        assert_eq!(declared_number(xml, "count"), Some(12));
        assert_eq!(declared_number(xml, "uniqueCount"), Some(u64::MAX));
        assert_eq!(declared_number(xml, "other"), None);
        assert_eq!(declared_number(r#"<sst count="">"#, "count"), None);
    }

    #[test]
    fn anything_that_is_not_a_zip_is_unreadable() {
        assert_eq!(check(b"PK\x03\x04 not really"), Err(Failure::Unreadable));
    }
}
