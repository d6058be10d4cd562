//! The keys a resident is found by besides the name itself: pinyin in full and by initials, and the
//! ID number and phone reversed, so that "the last digits" is an indexed prefix search.
//!
//! Surnames read differently from the same character used as a word (单 is Shàn as a surname, dān
//! otherwise). Staff type whichever reading they know, so a name whose first character is such a
//! surname gets keys for both readings.

use pinyin::ToPinyin;

/// Common surnames whose reading as a surname differs from the character's everyday reading.
/// The surname reading comes first.
const POLYPHONIC_SURNAMES: &[(char, [&str; 2])] = &[
    ('单', ["shan", "dan"]),
    ('曾', ["zeng", "ceng"]),
    ('解', ["xie", "jie"]),
    ('区', ["ou", "qu"]),
    ('仇', ["qiu", "chou"]),
    ('朴', ["piao", "pu"]),
    ('查', ["zha", "cha"]),
    ('盖', ["ge", "gai"]),
    ('乐', ["yue", "le"]),
    ('尉', ["yu", "wei"]),
    ('覃', ["qin", "tan"]),
    ('缪', ["miao", "mou"]),
    ('翟', ["zhai", "di"]),
    ('员', ["yun", "yuan"]),
    ('种', ["chong", "zhong"]),
    ('召', ["shao", "zhao"]),
    ('折', ["she", "zhe"]),
    ('祭', ["zhai", "ji"]),
    ('长', ["chang", "zhang"]),
    ('重', ["chong", "zhong"]),
    ('藏', ["zang", "cang"]),
    ('传', ["chuan", "zhuan"]),
    ('宿', ["su", "xiu"]),
    ('万', ["wan", "mo"]),
    ('柏', ["bai", "bo"]),
    ('秘', ["bi", "mi"]),
];

/// The pinyin keys of a name: `["wangxiuying", "wxy"]` for 王秀英, `["shanli", "sl", "danli",
/// "dl"]` for 单丽. Runs of Latin letters in a name count as one word; characters without a reading
/// (rare ones, `·`) are skipped.
pub fn pinyin_key_list(name: &str) -> Vec<String> {
    let mut chars = name.chars();
    let surname = chars.next();
    let rest = words(chars);
    let readings: Vec<String> = match surname.and_then(|c| POLYPHONIC_SURNAMES.iter().find(|(s, _)| *s == c)) {
        Some((_, both)) => both.iter().map(|r| r.to_string()).collect(),
        None => vec![String::new()],
    };
    let mut keys: Vec<String> = Vec::new();
    for surname_reading in readings {
        let parts: Vec<String> = if surname_reading.is_empty() {
            words(name.chars())
        } else {
            std::iter::once(surname_reading).chain(rest.iter().cloned()).collect()
        };
        let full: String = parts.concat();
        let initials: String = parts.iter().filter_map(|p| p.chars().next()).collect();
        for key in [full, initials] {
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// `|wangxiuying|wxy|`: the keys in one string, stored on the resident so lists sort by pinyin.
pub fn pinyin_keys(name: &str) -> String {
    let mut text = String::from("|");
    for key in pinyin_key_list(name) {
        text.push_str(&key);
        text.push('|');
    }
    text
}

/// The largest key starting with `prefix`: keys are lower-case letters only, so in byte order and in
/// every collation they sort at or before `prefix` followed by enough `z`s.
pub fn prefix_upper_bound(prefix: &str) -> String {
    format!("{prefix}{}", "z".repeat(64))
}

/// One lower-case word per Chinese character (its everyday reading) or per run of Latin letters.
fn words(chars: impl Iterator<Item = char>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut in_letters = false;
    for c in chars {
        if c.is_ascii_alphabetic() {
            match words.last_mut() {
                Some(run) if in_letters => run.push(c.to_ascii_lowercase()),
                _ => words.push(c.to_ascii_lowercase().to_string()),
            }
            in_letters = true;
            continue;
        }
        in_letters = false;
        if let Some(p) = c.to_pinyin() {
            words.push(p.plain().to_string());
        }
    }
    words
}

/// Reversed, so a suffix of the original is a prefix of the key.
pub fn reversed(text: &str) -> String {
    text.chars().rev().collect()
}

/// The digits a phone is searched by: the number without the area-code hyphen or extension.
pub fn phone_digits(stored: &str) -> String {
    stored.split('转').next().unwrap_or("").chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pinyin_and_initials() {
        assert_eq!(pinyin_keys("张三"), "|zhangsan|zs|");
        assert_eq!(pinyin_keys("王秀英"), "|wangxiuying|wxy|");
    }

    #[test]
    fn polyphonic_surnames_get_both_readings() {
        assert_eq!(pinyin_keys("单丽"), "|shanli|sl|danli|dl|");
        assert_eq!(pinyin_keys("曾国强"), "|zengguoqiang|zgq|cengguoqiang|cgq|");
        assert_eq!(pinyin_keys("解放"), "|xiefang|xf|jiefang|jf|");
        assert_eq!(pinyin_keys("区志明"), "|ouzhiming|ozm|quzhiming|qzm|");
    }

    #[test]
    fn rare_characters_and_separators_do_not_break_the_keys() {
        let keys = pinyin_keys("阿卜杜·热合曼");
        assert_eq!(keys, "|abodureheman|abdrhm|", "the dot is skipped");
        let keys = pinyin_keys("王𠇔");
        assert!(keys.starts_with("|wang"), "{keys}");
        assert_eq!(pinyin_keys(""), "|");
        assert_eq!(pinyin_keys("Tom李"), "|tomli|tl|");
    }

    #[test]
    fn a_prefix_bound_covers_every_longer_key() {
        let bound = prefix_upper_bound("wxy");
        assert!("wxy" <= bound.as_str() && "wxyzzz" <= bound.as_str() && "wxz" > bound.as_str());
    }

    #[test]
    fn phone_digits_drop_hyphen_and_extension() {
        assert_eq!(phone_digits("0358-7221234转801"), "03587221234");
        assert_eq!(reversed("1234"), "4321");
    }
}
