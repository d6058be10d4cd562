//! Enums stored as a stable code and shown as a Chinese word, parsed from either.
//!
//! In the database such an enum is a text column holding its code (`lunch`, `served`, `social_worker`),
//! so the data stays readable and needs no migration. Entities use the enum itself as the field type
//! ([`stored_as_text!`] gives it sea-orm's `ActiveEnum` and the value traits, as `DeriveActiveEnum`
//! over text would), so a service never parses a column again. A stored code this build does not
//! know is an error naming the column, the row and the value — never a silent default.

use sea_orm::{DbErr, QueryResult};

/// `DbErr::Type` for a stored code no variant has. [`crate::Error`] turns it into
/// `unknown_stored_value` with this text in its Chinese message.
pub(crate) fn unknown_stored(what: &str, column: Option<&str>, res: &QueryResult, value: &str) -> DbErr {
    let column = column.unwrap_or("?");
    // A joined select prefixes every column of a model alike ("A_slot", "A_id").
    let id_column = match column.rsplit_once('_') {
        Some((prefix, _)) if prefix.len() == 1 => format!("{prefix}_id"),
        _ => "id".to_string(),
    };
    let row = res.try_get_by::<Option<i32>, _>(id_column.as_str()).ok().flatten();
    let row = row.map(|id| format!("id {id}")).unwrap_or_else(|| "id 未知".into());
    DbErr::Type(format!("{UNKNOWN_STORED}{what}“{value}”（{column} 列，{row}）"))
}

/// How [`unknown_stored`]'s text starts, so the error mapping can recognise it.
pub(crate) const UNKNOWN_STORED: &str = "本程序不认识的";

/// The sea-orm side of an enum stored as its code: `$name` has `as_str(self) -> &'static str` and
/// `from_code(&str) -> Option<Self>` and derives `sea_orm::EnumIter`; `$what` is its Chinese name for the unknown-value error.
macro_rules! stored_as_text {
    ($name:ident, $what:expr) => {
        impl sea_orm::ActiveEnum for $name {
            type Value = String;
            type ValueVec = Vec<String>;

            fn name() -> sea_orm::sea_query::DynIden {
                stringify!($name).to_string().into()
            }

            fn to_value(&self) -> String {
                self.as_str().to_owned()
            }

            fn try_from_value(v: &String) -> std::result::Result<Self, sea_orm::DbErr> {
                $name::from_code(v).ok_or_else(|| sea_orm::DbErr::Type(format!("{}{}“{}”", $crate::coded::UNKNOWN_STORED, $what, v)))
            }

            fn db_type() -> sea_orm::ColumnDef {
                sea_orm::prelude::ColumnTypeTrait::def(sea_orm::ColumnType::Text)
            }
        }

        impl From<$name> for sea_orm::sea_query::Value {
            fn from(v: $name) -> Self {
                v.as_str().into()
            }
        }

        impl sea_orm::TryGetable for $name {
            fn try_get_by<I: sea_orm::ColIdx>(res: &sea_orm::QueryResult, idx: I) -> std::result::Result<Self, sea_orm::TryGetError> {
                let code = <String as sea_orm::TryGetable>::try_get_by(res, idx)?;
                $name::from_code(&code)
                    .ok_or_else(|| sea_orm::TryGetError::DbErr($crate::coded::unknown_stored($what, idx.as_str(), res, &code)))
            }
        }

        impl sea_orm::sea_query::ValueType for $name {
            fn try_from(v: sea_orm::sea_query::Value) -> std::result::Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let code = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                $name::from_code(&code).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                <String as sea_orm::sea_query::ValueType>::array_type()
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::Text
            }
        }

        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::sea_query::Value {
                <String as sea_orm::sea_query::Nullable>::null()
            }
        }

        impl sea_orm::IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> sea_orm::ActiveValue<$name> {
                sea_orm::ActiveValue::set(self)
            }
        }
    };
}

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $what:literal { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS, sea_orm::EnumIter)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),* } }
            /// The variant stored as `code` (the database's value, exactly).
            pub fn from_code(code: &str) -> Option<$name> { $name::ALL.iter().copied().find(|v| v.as_str() == code) }
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

        $crate::coded::stored_as_text!($name, $what);
    };
}

pub(crate) use coded_enum;
pub(crate) use stored_as_text;
