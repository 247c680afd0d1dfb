//! Input rules shared by the browser forms and the server, so both refuse the same input.
//!
//! A rule reports a [`Violation`]; the server words it in English in the error body and the
//! browser shows its own translation, so the rule lives in one place and the words in each UI.

use serde::{Deserialize, Serialize};

/// One invalid field in an error body's `data`: `field` is the JSON path (e.g. `email`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    NotAnEmail,
    /// Not a domain name such as `contoso.com`.
    NotADomain,
    /// Not a language tag of the form `fr` (or `fr-FR` for a culture).
    NotALanguage,
    /// A role this kind of user cannot hold (a customer role for partner staff, or the reverse).
    NotARole,
    /// A state a change cannot ask for.
    NotAState,
    /// Not an EU VAT number of the customer's country (`FR40123456789`).
    NotAVatNumber,
}

impl Violation {
    /// The server's wording; the browser translates the violation itself.
    pub fn english(self) -> String {
        match self {
            Violation::Required => "is required".to_owned(),
            Violation::TooLong { max } => format!("must be at most {max} characters"),
            Violation::TooShort { min } => format!("must be at least {min} characters"),
            Violation::NotAnEmail => "must be an email address such as name@example.com".to_owned(),
            Violation::NotADomain => {
                "must be a domain name such as contoso.com (letters, digits and hyphens, with a dot)"
                    .to_owned()
            }
            Violation::NotALanguage => {
                "must be a language such as fr, or a culture such as fr-FR".to_owned()
            }
            Violation::NotARole => "holds a role this kind of user cannot have".to_owned(),
            Violation::NotAState => "must be active or deactivated".to_owned(),
            Violation::NotAVatNumber => {
                "must be an EU VAT number starting with the customer's country code, such as FR40123456789 (customers outside the EU have none)"
                    .to_owned()
            }
        }
    }
}

pub const EMAIL_MAX_LEN: usize = 254;
pub const DOMAIN_MAX_LEN: usize = 253;
pub const NAME_MAX_LEN: usize = 100;
pub const PASSWORD_MAX_LEN: usize = 1024;
/// A password someone chooses must be at least this long. Length is what makes a password hard
/// to guess (NIST SP 800-63B); no composition rules, which only make people write them down.
pub const PASSWORD_MIN_LEN: usize = 12;

/// Whether `text` is a GUID (`8-4-4-4-12` hexadecimal digits).
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

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

/// The member states of the European Union, whose businesses have VAT numbers and are invoiced
/// by reverse charge from another member state.
pub const EU_COUNTRIES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// A VAT number as printed and stored: capitals, no spaces, dots or hyphens.
pub fn normalize_vat_number(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// An EU VAT number of a customer in `country`: its two-letter code (Greece writes EL), then 2
/// to 13 letters and digits. Only the shape is checked here; VIES says whether it exists.
pub fn check_vat_number(text: &str, country: &str) -> Result<(), Violation> {
    let vat = normalize_vat_number(text);
    let country = country.trim().to_ascii_uppercase();
    let prefix = if country == "GR" { "EL" } else { country.as_str() };
    let rest = vat.strip_prefix(prefix).unwrap_or_default();
    let eu = EU_COUNTRIES.contains(&country.as_str());
    if eu && (2..=13).contains(&rest.len()) && rest.bytes().any(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Violation::NotAVatNumber)
    }
}

/// Text a person must give, at most `max` characters once trimmed.
pub fn check_text(text: &str, max: usize) -> Result<(), Violation> {
    let text = text.trim();
    if text.is_empty() {
        Err(Violation::Required)
    } else if text.chars().count() > max {
        Err(Violation::TooLong { max })
    } else {
        Ok(())
    }
}

/// A DNS domain name as a company registers it: labels of ASCII letters, digits and inner
/// hyphens, at least two of them, each at most 63 characters.
pub fn check_domain(domain: &str) -> Result<(), Violation> {
    let domain = domain.trim();
    check_text(domain, DOMAIN_MAX_LEN)?;
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() >= 2 && labels.iter().all(|l| label_ok(l)) {
        Ok(())
    } else {
        Err(Violation::NotADomain)
    }
}

/// A language (`fr`) or, with `region`, a culture (`fr-FR`): two lower-case letters, then a
/// hyphen and two upper-case letters.
pub fn check_language(tag: &str, region: bool) -> Result<(), Violation> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Err(Violation::Required);
    }
    let lower = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase());
    let upper = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase());
    let ok = match (region, tag.split_once('-')) {
        (false, None) => lower(tag),
        (true, Some((language, country))) => lower(language) && upper(country),
        _ => false,
    };
    if ok { Ok(()) } else { Err(Violation::NotALanguage) }
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

/// A password being chosen (accepting an invitation): as [`check_password`], and long enough.
/// Signing in checks only [`check_password`], so older passwords still work.
pub fn check_new_password(password: &str) -> Result<(), Violation> {
    check_password(password)?;
    if password.chars().count() < PASSWORD_MIN_LEN {
        return Err(Violation::TooShort { min: PASSWORD_MIN_LEN });
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

    #[test]
    fn a_new_password_must_be_long_enough() {
        assert_eq!(check_new_password(""), Err(Violation::Required));
        assert_eq!(check_new_password("short-pass1"), Err(Violation::TooShort { min: 12 }));
        assert_eq!(check_new_password("long-enough-1"), Ok(()));
        assert_eq!(check_new_password("été-à-paris!"), Ok(()), "counted in characters, not bytes");
    }

    #[test]
    fn domains_are_dotted_dns_names() {
        for good in ["contoso.com", "tailspin-toys.de", "a.b.c.example", "x1.io"] {
            assert_eq!(check_domain(good), Ok(()), "{good}");
        }
        assert_eq!(check_domain("  "), Err(Violation::Required));
        for bad in
            ["contoso", "-contoso.com", "contoso-.com", "con toso.com", "contoso..com", "é.fr"]
        {
            assert_eq!(check_domain(bad), Err(Violation::NotADomain), "{bad}");
        }
    }

    #[test]
    fn languages_and_cultures_have_their_shape() {
        assert_eq!(check_language("fr", false), Ok(()));
        assert_eq!(check_language("fr-FR", true), Ok(()));
        assert_eq!(check_language("", true), Err(Violation::Required));
        for (bad, region) in [("fr-FR", false), ("fr", true), ("FR-fr", true), ("fra", false)] {
            assert_eq!(check_language(bad, region), Err(Violation::NotALanguage), "{bad}");
        }
        assert_eq!(check_text(" x ", 1), Ok(()));
        assert_eq!(check_text("xy", 1), Err(Violation::TooLong { max: 1 }));
    }
}
