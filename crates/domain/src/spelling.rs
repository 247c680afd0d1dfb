//! One spelling per enum value, used by SQL, JSON and the browser alike.
//!
//! [`spelled!`](crate::spelled) gives an enum `ALL`, `as_str`, `Display` and a strict `FromStr`
//! from one table, so the database column, the JSON field (whose serde spelling a test compares
//! with `as_str`) and the browser agree by construction. A value no variant spells is an error
//! naming the type, never a silent default.

use std::fmt;

/// Text that spells no value of `type_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSpelling {
    pub type_name: &'static str,
    pub text: String,
}

impl fmt::Display for UnknownSpelling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a {}", self.text, self.type_name)
    }
}

impl std::error::Error for UnknownSpelling {}

/// `spelled!(Type { Variant => "text", … })`: see the module documentation.
#[macro_export]
macro_rules! spelled {
    ($type:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: [$type; [$($text),+].len()] = [$($type::$variant),+];

            /// The one spelling of this value in SQL, JSON and the browser.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $type {
            type Err = $crate::spelling::UnknownSpelling;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($type::$variant),)+
                    _ => Err($crate::spelling::UnknownSpelling {
                        type_name: stringify!($type),
                        text: text.to_owned(),
                    }),
                }
            }
        }

        /// So a database row can hold the value itself (`#[sqlx(try_from = "String")]`).
        impl TryFrom<String> for $type {
            type Error = $crate::spelling::UnknownSpelling;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                text.parse()
            }
        }
    };
}

/// For tests: every value of `T` serialises to JSON as its `as_str` and parses back.
#[cfg(test)]
pub(crate) fn assert_one_spelling<T>(all: &[T], as_str: impl Fn(&T) -> &'static str)
where
    T: serde::Serialize + std::str::FromStr + PartialEq + fmt::Debug,
    <T as std::str::FromStr>::Err: fmt::Debug,
{
    for value in all {
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(json, serde_json::Value::String(as_str(value).to_owned()), "{value:?}");
        assert_eq!(&as_str(value).parse::<T>().unwrap(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use crate::catalog::UnitType;
    use crate::defender::DefenderPlanStatus;
    use crate::invoice::{DocumentType, LineKind};
    use crate::subscription::{BillingType, EventKind, SubscriptionStatus};

    #[test]
    fn json_and_the_database_spell_every_value_alike() {
        assert_one_spelling(&SubscriptionStatus::ALL, |v| v.as_str());
        assert_one_spelling(&BillingType::ALL, |v| v.as_str());
        assert_one_spelling(&EventKind::ALL, |v| v.as_str());
        assert_one_spelling(&UnitType::ALL, |v| v.as_str());
        assert_one_spelling(&DefenderPlanStatus::ALL, |v| v.as_str());
        assert_one_spelling(&DocumentType::ALL, |v| v.as_str());
        assert_one_spelling(&LineKind::ALL, |v| v.as_str());
        assert_one_spelling(&Role::ALL, |v| v.as_str());
    }

    #[test]
    fn an_unknown_spelling_names_its_type() {
        let error = "paused".parse::<SubscriptionStatus>().unwrap_err();
        assert_eq!(error.to_string(), "'paused' is not a SubscriptionStatus");
        assert!("Active".parse::<SubscriptionStatus>().is_err(), "one spelling, not a lenient one");
    }
}
