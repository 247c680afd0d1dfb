//! Input rules shared by the browser forms and the server, so both refuse the same input.
//!
//! A rule reports a [`Violation`]; the server words it in English in the error body and the
//! browser shows its own translation, so the rule lives in one place and the words in each UI.

use serde::{Deserialize, Serialize};

/// One invalid field in an error body's `data`: `field` is the JSON path (e.g. `email`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Why a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    Required,
    TooLong { max: usize },
    NotAnEmail,
}

impl Violation {
    /// The server's wording; the browser translates the violation itself.
    pub fn english(self) -> String {
        match self {
            Violation::Required => "is required".to_owned(),
            Violation::TooLong { max } => format!("must be at most {max} characters"),
            Violation::NotAnEmail => "must be an email address such as name@example.com".to_owned(),
        }
    }
}

pub const EMAIL_MAX_LEN: usize = 254;
pub const PASSWORD_MAX_LEN: usize = 1024;

/// An email address as users type it: one `@`, something before it, a dotted domain after it,
/// no spaces. Deliberately loose; the mailbox's existence is what really decides.
pub fn check_email(email: &str) -> Result<(), Violation> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Violation::Required);
    }
    if email.chars().count() > EMAIL_MAX_LEN {
        return Err(Violation::TooLong { max: EMAIL_MAX_LEN });
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Violation::NotAnEmail);
    };
    let well_formed = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace);
    if well_formed { Ok(()) } else { Err(Violation::NotAnEmail) }
}

pub fn check_password(password: &str) -> Result<(), Violation> {
    if password.is_empty() {
        return Err(Violation::Required);
    }
    if password.chars().count() > PASSWORD_MAX_LEN {
        return Err(Violation::TooLong { max: PASSWORD_MAX_LEN });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in ["admin@contoso.example", " a.b+c@sub.example.fr ", "x@y.io"] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        assert_eq!(check_email("   "), Err(Violation::Required));
        for bad in ["admin", "@contoso.example", "a@b", "a@@b.com", "a b@c.com", "a@.com", "a@com."]
        {
            assert_eq!(check_email(bad), Err(Violation::NotAnEmail), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(check_email(&long), Err(Violation::TooLong { max: EMAIL_MAX_LEN }));
    }

    #[test]
    fn password_must_be_present_and_bounded() {
        assert_eq!(check_password(""), Err(Violation::Required));
        assert_eq!(check_password("x"), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(PASSWORD_MAX_LEN + 1)),
            Err(Violation::TooLong { max: PASSWORD_MAX_LEN })
        );
    }
}
