//! English and French. Every visible string is a field of [`Messages`]; `en.rs` and `fr.rs` each
//! fill in the whole struct, so a missing translation does not compile. Numbers, money and dates
//! go through the browser's Intl for the active locale (see [`format`]).

mod en;
pub mod format;
mod fr;

use leptos::prelude::*;
use portal_domain::Role;
use portal_domain::validation::Violation;

use crate::browser;

const STORAGE_KEY: &str = "portal.locale";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The language subtag, as used in `<html lang>` and localStorage.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The language's own name, shown in the language list whatever the active language.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    /// The locale a BCP 47 tag asks for (`fr-CA` → French); English for anything else.
    pub fn from_tag(tag: &str) -> Self {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("fr") { Locale::Fr } else { Locale::En }
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::En => &en::MESSAGES,
            Locale::Fr => &fr::MESSAGES,
        }
    }

    /// The tag used for Intl formatting: the browser's own region when its language matches
    /// (`fr-BE`, `en-GB`), otherwise the language's usual default.
    fn format_tag(self, browser_tag: Option<&str>) -> String {
        match browser_tag {
            Some(tag) if Locale::from_tag(tag) == self && tag.contains('-') => tag.to_owned(),
            _ => match self {
                Locale::En => "en-US".to_owned(),
                Locale::Fr => "fr-FR".to_owned(),
            },
        }
    }
}

/// The active language, in context at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// Chooses the saved language, else the browser's, keeps `<html lang>` in step, and provides
    /// the context.
    pub fn provide() -> Self {
        let saved = browser::storage_get(STORAGE_KEY);
        let initial = saved
            .or_else(browser::navigator_language)
            .map(|tag| Locale::from_tag(&tag))
            .unwrap_or(Locale::En);
        let i18n = I18n { locale: RwSignal::new(initial) };
        Effect::new(move |_| browser::set_document_lang(i18n.locale.get().code()));
        provide_context(i18n);
        i18n
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// The messages of the active language; reading it inside a closure makes the view follow a
    /// language change.
    pub fn t(&self) -> &'static Messages {
        self.locale.get().messages()
    }

    pub fn set(&self, locale: Locale) {
        browser::storage_set(STORAGE_KEY, locale.code());
        self.locale.set(locale);
    }

    /// BCP 47 tag for Intl formatting in the active language.
    pub fn format_tag(&self) -> String {
        self.locale.get().format_tag(browser::navigator_language().as_deref())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Every visible string of the app. Functions take the values to insert, already formatted.
pub struct Messages {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_overview: &'static str,
    pub nav_customers: &'static str,
    pub language: &'static str,
    pub customer_in_view: &'static str,
    pub choose_customer: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: fn(&str, &str) -> String,
    pub loading: &'static str,
    pub try_again: &'static str,

    pub role_global_admin: &'static str,
    pub role_admin_agent: &'static str,
    pub role_sales_agent: &'static str,
    pub role_billing_admin: &'static str,
    pub role_customer_admin: &'static str,
    pub role_customer_reader: &'static str,

    pub sign_in_title: &'static str,
    pub sign_in_heading: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub session_ended: &'static str,
    pub fix_fields: &'static str,

    pub field_required: &'static str,
    pub field_not_an_email: &'static str,
    pub field_too_long: fn(&str) -> String,

    pub error_network: &'static str,
    pub error_invalid_credentials: &'static str,
    pub error_too_many_sign_ins: fn(&str) -> String,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub error_invalid_input: &'static str,
    pub error_rate_limited: fn(&str) -> String,
    pub error_changed_meanwhile: &'static str,
    pub error_server: fn(&str) -> String,
    pub error_unreadable: &'static str,
    pub error_config: &'static str,

    pub overview_title: &'static str,
    pub welcome: fn(&str) -> String,
    pub no_customer_in_view: &'static str,
    pub see_all_customers: &'static str,
    pub company: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub billing_currency: &'static str,
    pub relationship: &'static str,
    pub relationship_reseller: &'static str,
    pub billing_period: &'static str,
    pub billing_period_range: fn(&str, &str) -> String,
    pub billing_period_explained: &'static str,

    pub customers_title: &'static str,
    pub customers_count: fn(&str, i64) -> String,
    pub customers_empty: &'static str,
    pub customers_caption: &'static str,
    pub actions: &'static str,
    pub view_customer: fn(&str) -> String,
    pub view: &'static str,
    pub in_view: &'static str,
    pub partner_only: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_overview: &'static str,
}

impl Messages {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::GlobalAdmin => self.role_global_admin,
            Role::AdminAgent => self.role_admin_agent,
            Role::SalesAgent => self.role_sales_agent,
            Role::BillingAdmin => self.role_billing_admin,
            Role::CustomerAdmin => self.role_customer_admin,
            Role::CustomerReader => self.role_customer_reader,
        }
    }

    /// What a form shows under a field the shared rules refused.
    pub fn violation(&self, violation: Violation) -> String {
        match violation {
            Violation::Required => self.field_required.to_owned(),
            Violation::NotAnEmail => self.field_not_an_email.to_owned(),
            Violation::TooLong { max } => (self.field_too_long)(&max.to_string()),
        }
    }

    /// `Page · Billing portal`, for the document title.
    pub fn page_title(&self, page: &str) -> String {
        format!("{page} · {}", self.app_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language() {
        assert_eq!(Locale::from_tag("fr"), Locale::Fr);
        assert_eq!(Locale::from_tag("fr-CA"), Locale::Fr);
        assert_eq!(Locale::from_tag("FR_fr"), Locale::Fr);
        assert_eq!(Locale::from_tag("en-GB"), Locale::En);
        assert_eq!(Locale::from_tag("de-DE"), Locale::En);
        assert_eq!(Locale::from_tag(""), Locale::En);
    }

    #[test]
    fn formatting_keeps_the_browser_region_only_for_the_same_language() {
        assert_eq!(Locale::Fr.format_tag(Some("fr-BE")), "fr-BE");
        assert_eq!(Locale::Fr.format_tag(Some("en-GB")), "fr-FR");
        assert_eq!(Locale::En.format_tag(Some("en-GB")), "en-GB");
        assert_eq!(Locale::En.format_tag(Some("en")), "en-US");
        assert_eq!(Locale::En.format_tag(None), "en-US");
    }

    #[test]
    fn both_languages_word_every_role_and_rule_differently() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        for role in Role::ALL {
            assert!(!en.role(role).is_empty() && !fr.role(role).is_empty());
            assert_ne!(en.role(role), fr.role(role), "{role:?}");
        }
        for v in [Violation::Required, Violation::NotAnEmail, Violation::TooLong { max: 3 }] {
            assert_ne!(en.violation(v), fr.violation(v));
        }
    }

    #[test]
    fn plurals_agree_with_the_count() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        assert_eq!((en.customers_count)("1", 1), "1 customer");
        assert_eq!((en.customers_count)("2", 2), "2 customers");
        assert_eq!((fr.customers_count)("1", 1), "1 client");
        assert_eq!((fr.customers_count)("0", 0), "0 client");
        assert_eq!((fr.customers_count)("1 200", 1200), "1 200 clients");
    }
}
