//! Enums stored as a stable code and shown as a Chinese word, parsed from either.

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $what:literal { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),* } }
            /// Accepts the stored code or the Chinese word.
            pub fn parse(text: &str) -> $crate::error::Result<$name> {
                let text = text.trim();
                $name::ALL.iter().copied().find(|v| v.as_str() == text || v.label() == text).ok_or_else(|| {
                    let words: Vec<&str> = $name::ALL.iter().map(|v| v.label()).collect();
                    $crate::error::Error::invalid(concat!("invalid_", $field), $field,
                        format!("{}“{}”无效，可选：{}", $what, text, words.join("、")))
                })
            }
        }
    };
}

pub(crate) use coded_enum;
