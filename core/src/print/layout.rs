//! Measuring text and wrapping it to a width, per character, with the Chinese line-breaking rules:
//! no closing punctuation at the start of a line, no opening bracket at the end of one, and Latin
//! words and digit runs kept together when they fit on a line.

use super::fonts::FontSet;

/// Characters that must not start a line.
pub const NO_LINE_START: &str = "，。、；：？！）》」』】〉〕］｝’”…‥·%,.;:?!)]}％";
/// Characters that must not end a line.
pub const NO_LINE_END: &str = "（《「『【〈〔［｛‘“([{";

/// The width of `text` in pt at `size` pt.
pub fn measure(fonts: &FontSet, text: &str, size: f32) -> f32 {
    text.chars().map(|c| fonts.advance_em(c)).sum::<f32>() * size
}

/// `text` wrapped to lines no wider than `width` pt at `size` pt.
pub fn wrap(fonts: &FontSet, text: &str, size: f32, width: f32) -> Vec<String> {
    wrap_with(text, width, |c| fonts.advance_em(c) * size)
}

fn joins_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/' | '+' | '#' | '\'')
}

/// Splits a paragraph into units that are never broken when they fit: a Latin word or digit run,
/// or a single other character.
fn units(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if joins_word(c) {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

fn is_space(unit: &str) -> bool {
    unit.chars().all(char::is_whitespace)
}

/// Wrapping with any measure (`advance(c)` in pt); hard line breaks (`\n`) are kept.
pub fn wrap_with(text: &str, width: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    // Most cells of a list fit on one line: a text without breaks or spaces at its ends that fits
    // with room to spare (so that summing per unit below could not come out over) is one line.
    let plain = !text.contains(['\n', '\r']) && !text.starts_with(char::is_whitespace) && !text.ends_with(char::is_whitespace);
    if plain && !text.is_empty() && text.chars().map(&advance).sum::<f32>() <= width - 0.01 {
        return vec![text.to_string()];
    }
    wrap_units(text, width, advance)
}

/// [`wrap_with`] unit by unit.
fn wrap_units(text: &str, width: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    let unit_width = |u: &str| u.chars().map(&advance).sum::<f32>();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        let lines_before = lines.len();
        let mut line: Vec<&str> = Vec::new();
        let mut used = 0.0_f32;
        let mut pending: Vec<&str> = units(paragraph);
        pending.reverse(); // a stack, next unit last
        while let Some(unit) = pending.pop() {
            if line.is_empty() && is_space(unit) {
                continue;
            }
            let w = unit_width(unit);
            if used + w <= width + 0.01 {
                line.push(unit);
                used += w;
                continue;
            }
            if line.is_empty() {
                // Wider than a whole line: a long word is cut per character, a single character
                // goes alone.
                let mut chars = unit.char_indices();
                let mut cut = unit.len();
                let mut acc = 0.0;
                for (i, c) in chars.by_ref() {
                    acc += advance(c);
                    if acc > width + 0.01 && i > 0 {
                        cut = i;
                        break;
                    }
                }
                line.push(&unit[..cut]);
                if cut < unit.len() {
                    pending.push(&unit[cut..]);
                }
                lines.push(line.concat());
                line.clear();
                used = 0.0;
                continue;
            }
            // Break before `unit`, then move units down so that the next line does not start with
            // closing punctuation and this one does not end with an opening bracket.
            pending.push(unit);
            while line.len() > 1 && is_space(line[line.len() - 1]) {
                line.pop();
            }
            let mut next_first = first_char(unit);
            loop {
                let starts_badly = NO_LINE_START.contains(next_first);
                let ends_badly = NO_LINE_END.contains(last_char(line[line.len() - 1]));
                if line.len() <= 1 || !(starts_badly || ends_badly) {
                    break;
                }
                let moved = line.pop().unwrap_or_default();
                next_first = first_char(moved);
                pending.push(moved);
            }
            while line.len() > 1 && is_space(line[line.len() - 1]) {
                line.pop();
            }
            lines.push(line.concat());
            line.clear();
            used = 0.0;
        }
        while line.last().is_some_and(|u| is_space(u)) {
            line.pop();
        }
        if !line.is_empty() || lines.len() == lines_before {
            lines.push(line.concat());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK and full-width punctuation 10 pt, everything else 5 pt.
    fn adv(c: char) -> f32 {
        if c.is_ascii() {
            5.0
        } else {
            10.0
        }
    }

    fn w(text: &str, width: f32) -> Vec<String> {
        wrap_with(text, width, adv)
    }

    #[test]
    fn plain_cjk_wraps_per_character() {
        assert_eq!(w("北京市朝阳区双桥", 30.0), ["北京市", "朝阳区", "双桥"]);
        assert_eq!(w("", 30.0), [""]);
        assert_eq!(w("双桥", 30.0), ["双桥"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "甲乙丙，丁" at 3 per line would put "，" first on line 2: "丙" goes down with it.
        assert_eq!(w("甲乙丙，丁", 30.0), ["甲乙", "丙，丁"]);
        assert_eq!(w("甲乙丙。」丁", 30.0), ["甲乙", "丙。」", "丁"]);
        for text in ["你好，世界。这是一个测试：（括号）《书名》、顿号；问号？叹号！", "好）》」』】，。"]
        {
            for width in [20.0, 30.0, 40.0, 50.0, 70.0] {
                let lines = w(text, width);
                assert_eq!(lines.concat(), text, "nothing lost at {width}");
                for l in &lines[1..] {
                    let c = l.chars().next().expect("non-empty line");
                    // A line of only punctuation can only happen when nothing else is left to move.
                    if l.chars().all(|c| NO_LINE_START.contains(c)) {
                        continue;
                    }
                    assert!(!NO_LINE_START.contains(c), "{lines:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        assert_eq!(w("甲乙（丙丁）", 30.0), ["甲乙", "（丙", "丁）"]);
        assert_eq!(w("甲乙《「丙丁", 40.0), ["甲乙", "《「丙丁"]);
        let text = "住址（北京市朝阳区）《社区》「备注」【重要】";
        for width in [20.0, 30.0, 40.0, 50.0, 60.0] {
            let lines = w(text, width);
            assert_eq!(lines.concat(), text);
            for l in &lines[..lines.len() - 1] {
                assert!(!NO_LINE_END.contains(l.chars().last().expect("char")), "{lines:?} at {width}");
            }
        }
    }

    #[test]
    fn latin_words_and_digit_runs_stay_together_when_they_fit() {
        // "13800138000" is 55 pt wide; it moves to its own line rather than being split.
        assert_eq!(w("电话13800138000", 60.0), ["电话", "13800138000"]);
        assert_eq!(w("Room 1203 北楼", 50.0), ["Room 1203", "北楼"]);
        // Wider than the line: cut per character, nothing lost.
        let lines = w("ABCDEFGHIJKLMNOPQRST", 30.0);
        assert_eq!(lines, ["ABCDEF", "GHIJKL", "MNOPQR", "ST"]);
        // Spaces at a break are dropped.
        assert_eq!(w("ab cd ef", 25.0), ["ab cd", "ef"]);
    }

    #[test]
    fn a_text_that_fits_is_one_line_as_unit_by_unit() {
        let texts = ["", "双桥", " 双桥", "双桥 ", "Room 1203 北楼", "甲乙（丙丁）", "电话13800138000", "甲\n乙", "ab cd ef", "好）》」"];
        for text in texts {
            for width in [5.0, 20.0, 29.99, 30.0, 30.01, 40.0, 55.0, 60.0, 100.0, 200.0] {
                assert_eq!(w(text, width), wrap_units(text, width, adv), "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(w("甲\n乙丙丁戊", 30.0), ["甲", "乙丙丁", "戊"]);
    }

    #[test]
    fn a_character_wider_than_the_line_goes_alone() {
        assert_eq!(w("甲乙", 5.0), ["甲", "乙"]);
    }

    #[test]
    fn measuring_with_the_real_fonts() {
        let fonts = crate::print::fonts::shared().expect("fonts (run scripts/fonts.sh)");
        let m = measure(&fonts, "王秀英", 10.0);
        assert!((m - 30.0).abs() < 0.1, "{m}");
        let latin = measure(&fonts, "1234", 10.0);
        assert!(latin > 15.0 && latin < 30.0, "{latin}");
        let lines = wrap(&fonts, "北京市朝阳区双桥东路（幸福家园）12号楼3单元1201室", 10.0, 60.0);
        for l in &lines {
            assert!(measure(&fonts, l, 10.0) <= 60.01, "{l}");
        }
        assert_eq!(lines.concat(), "北京市朝阳区双桥东路（幸福家园）12号楼3单元1201室");
    }
}
