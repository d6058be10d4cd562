//! Money is integer 分 everywhere in the core, the database and what crosses to the window; this is
//! the one place that turns it into text for printouts, exports and the command line.

/// 分 as yuan text: 1250 → "12.50".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_fen() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(1250), "12.50");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-305), "-3.05");
    }
}
