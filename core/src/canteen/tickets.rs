//! Meal tickets (餐券) and their codes. A code is `CD1-<booking id>-<MAC>`: the MAC is the first 8
//! bytes of HMAC-SHA256 over `CD1-<booking id>` with this installation's secret, in upper-case hex,
//! so the whole code fits the QR alphanumeric mode and a keyboard-wedge scanner types it as is.
//! A ticket carries no personal data beyond the name.

use crate::db::entity::setting;
use crate::error::{Error, Result};
use hmac::{Hmac, KeyInit, Mac};
use sea_orm::{ConnectionTrait, EntityTrait};
use sha2::Sha256;

/// The settings key of the ticket secret, written by the canteen migration.
pub const SECRET_KEY: &str = "canteen.ticket_secret";
const PREFIX: &str = "CD1";
const MAC_BYTES: usize = 8;

/// The number printed on a ticket for people: the booking id, zero-padded.
pub fn ticket_number(booking_id: i32) -> String {
    format!("{booking_id:06}")
}

pub(crate) async fn secret<C: ConnectionTrait>(db: &C) -> Result<Vec<u8>> {
    let row = setting::Entity::find_by_id(SECRET_KEY.to_string()).one(db).await?;
    let hex = row.map(|r| r.value).ok_or_else(|| Error::Unsupported("餐券密钥缺失：数据库不完整，请从备份恢复".into()))?;
    decode_hex(&hex).ok_or_else(|| Error::Unsupported("餐券密钥已损坏：请从备份恢复".into()))
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

fn mac(secret: &[u8], prefix: &str, id: i32) -> String {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes keys of any length");
    m.update(format!("{prefix}-{id}").as_bytes());
    m.finalize().into_bytes()[..MAC_BYTES].iter().map(|b| format!("{b:02X}")).collect()
}

/// The QR content of a booking's ticket.
pub fn code_for(secret: &[u8], booking_id: i32) -> String {
    signed_code(secret, PREFIX, booking_id)
}

/// The code printed on a booking's ticket, for tests and benchmarks that redeem without printing.
#[doc(hidden)]
pub async fn code_of(desk: &crate::Desk, booking_id: i32) -> Result<String> {
    Ok(code_for(&secret(desk.db()).await?, booking_id))
}

/// `<prefix>-<id>-<MAC>`: a printed code that only this installation can make. Other printouts
/// with a QR (the check-up slip, prefix `CK1`) sign their ids the same way.
pub(crate) fn signed_code(secret: &[u8], prefix: &str, id: i32) -> String {
    format!("{prefix}-{id}-{}", mac(secret, prefix, id))
}

/// What a scanned or typed text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// A genuine ticket of this installation.
    Ticket(i32),
    /// Looks like a ticket but the MAC is wrong: edited, or made by someone else.
    Forged,
    /// Not a ticket code at all (a name, a card number …).
    NotACode,
}

pub fn read_code(secret: &[u8], text: &str) -> Scanned {
    read_signed(secret, PREFIX, text)
}

/// Reads a code made by [`signed_code`] with `prefix`.
pub(crate) fn read_signed(secret: &[u8], prefix: &str, text: &str) -> Scanned {
    // Scanners on a Chinese keyboard layout may send full-width or lower-case characters.
    let text: String = text.trim().chars().map(crate::residents::chars::full_width_to_ascii).collect::<String>().to_uppercase();
    // A scanner types after whatever the box still holds (a name searched a moment ago, an earlier
    // scan): the code is the last one in the text.
    let start = format!("{prefix}-");
    let text = text.rfind(&start).map_or(text.as_str(), |at| &text[at..]);
    let mut parts = text.split('-');
    let (Some(first), Some(id), Some(given), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Scanned::NotACode;
    };
    if first != prefix {
        return Scanned::NotACode;
    }
    let Ok(id) = id.parse::<i32>() else { return Scanned::Forged };
    // Constant-time comparison: the MAC is a secret-derived value.
    let expected = mac(secret, prefix, id);
    let same = expected.len() == given.len() && expected.bytes().zip(given.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same {
        Scanned::Ticket(id)
    } else {
        Scanned::Forged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_verifies_and_any_edit_is_refused() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let code = code_for(secret, 1234);
        assert!(code.starts_with("CD1-1234-"));
        assert_eq!(read_code(secret, &code), Scanned::Ticket(1234));
        assert_eq!(read_code(secret, &code.to_lowercase()), Scanned::Ticket(1234));
        assert_eq!(read_code(secret, &code.replace("1234", "1235")), Scanned::Forged);
        let mut tampered = code.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == '0' { '1' } else { '0' });
        assert_eq!(read_code(secret, &tampered), Scanned::Forged);
        assert_eq!(read_code(b"another installation's secret..", &code), Scanned::Forged);
        assert_eq!(read_code(secret, "王秀英"), Scanned::NotACode);
        assert_eq!(read_code(secret, "0012"), Scanned::NotACode);
    }

    #[test]
    fn a_code_scanned_after_other_text_in_the_box_is_read() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let code = code_for(secret, 6616);
        for held in ["zfy", "张福元", "wxy ", &code_for(secret, 12)] {
            assert_eq!(read_code(secret, &format!("{held}{code}")), Scanned::Ticket(6616), "after {held:?}");
        }
        assert_eq!(read_code(secret, &format!("zfy{}", code.replace("6616", "6617"))), Scanned::Forged);
        assert_eq!(read_code(secret, "zfycd1"), Scanned::NotACode);
    }

    #[test]
    fn codes_fit_the_qr_alphanumeric_mode() {
        let code = code_for(b"k", i32::MAX);
        assert!(code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-'));
        assert_eq!(ticket_number(42), "000042");
    }
}
