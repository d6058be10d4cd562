//! Small input rules shared by every module.

use crate::error::{Error, Result};

/// Trims, collapses inner runs of whitespace, and checks the length in characters.
pub fn name(value: &str, field: &'static str, label: &str, max_chars: usize) -> Result<String> {
    let cleaned = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(Error::invalid("required", field, format!("请填写{label}")));
    }
    let n = cleaned.chars().count();
    if n > max_chars {
        return Err(Error::invalid("too_long", field, format!("{label}最多 {max_chars} 个字，现在是 {n} 个")));
    }
    if cleaned.chars().any(char::is_control) {
        return Err(Error::invalid("invalid_characters", field, format!("{label}含有不可见的控制字符")));
    }
    Ok(cleaned)
}

/// User names are typed at every login: no spaces, 2–32 characters.
pub fn username(value: &str, field: &'static str) -> Result<String> {
    let u = value.trim();
    let n = u.chars().count();
    if !(2..=32).contains(&n) {
        return Err(Error::invalid("invalid_username", field, "用户名需要 2 到 32 个字符"));
    }
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid("invalid_username", field, "用户名不能包含空格"));
    }
    Ok(u.to_string())
}

/// The trimmed text of an optional field, `None` when it is absent or only spaces.
pub fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// An optional free-text field: empty means `None`, otherwise the rules of [`name`].
pub fn optional_text(value: &Option<String>, field: &'static str, label: &str, max_chars: usize) -> Result<Option<String>> {
    filled(value).map(|text| name(text, field, label, max_chars)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_names_and_names_the_field() {
        assert_eq!(name("  双桥  社区 ", "name", "名称", 20).unwrap(), "双桥 社区");
        let e = name("   ", "name", "名称", 20).unwrap_err();
        assert_eq!((e.code(), e.field(), e.to_string().as_str()), ("required", Some("name"), "请填写名称"));
        assert_eq!(name(&"长".repeat(21), "name", "名称", 20).unwrap_err().code(), "too_long");
    }

    #[test]
    fn usernames_have_no_spaces() {
        assert_eq!(username(" 王芳 ", "username").unwrap(), "王芳");
        assert_eq!(username("a b", "username").unwrap_err().code(), "invalid_username");
        assert_eq!(username("a", "username").unwrap_err().code(), "invalid_username");
    }
}
