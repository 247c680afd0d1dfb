//! English and French. Every visible string is a field of [`Messages`] (the strings shared by
//! several pages) or of a page's own struct (`pages.rs`), reached from it: `t.invoices().title`.
//! `en.rs` and `fr.rs` each fill in all of them, so a missing translation does not compile;
//! `words.rs` names the domain's values (roles, statuses, problems) from those strings. Numbers,
//! money and dates go through the browser's Intl for the active locale (see [`format`]).

mod en;
pub mod format;
mod fr;
mod pages;
mod words;

use leptos::prelude::*;

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

    /// The one of `en` and `fr` in this language.
    fn pick<T: ?Sized>(self, en: &'static T, fr: &'static T) -> &'static T {
        match self {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }

    pub fn messages(self) -> &'static Messages {
        self.pick(&en::MESSAGES, &fr::MESSAGES)
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

    /// The same, read outside any view (in a task that finishes later).
    pub fn t_untracked(&self) -> &'static Messages {
        self.locale.get_untracked().messages()
    }

    pub fn set(&self, locale: Locale) {
        browser::storage_set(STORAGE_KEY, locale.code());
        self.locale.set(locale);
    }

    /// BCP 47 tag for Intl formatting in the active language.
    pub fn format_tag(&self) -> String {
        self.locale.get().format_tag(browser::navigator_language().as_deref())
    }

    /// The same, read outside any view (for request headers).
    pub fn format_tag_untracked(&self) -> String {
        self.locale.get_untracked().format_tag(browser::navigator_language().as_deref())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Every visible string of the app. Functions take the values to insert, already formatted.
pub struct Messages {
    /// Which language these are: it picks the page strings of the same one.
    pub locale: Locale,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_overview: &'static str,
    pub nav_customers: &'static str,
    pub nav_account: &'static str,
    pub nav_users: &'static str,
    pub nav_activity: &'static str,
    pub nav_azure_stack: &'static str,
    pub close: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub link_emailed: fn(&str) -> String,
    pub link_not_emailed: &'static str,
    pub language: &'static str,
    pub customer_in_view: &'static str,
    pub choose_customer: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: fn(&str, &str) -> String,
    pub loading: &'static str,
    pub try_again: &'static str,
    /// A page's code could not be fetched (offline, or replaced by a deploy).
    pub page_not_loaded: &'static str,

    pub role_global_admin: &'static str,
    pub role_admin_agent: &'static str,
    pub role_sales_agent: &'static str,
    pub role_billing_admin: &'static str,
    pub role_customer_admin: &'static str,
    pub role_customer_reader: &'static str,
    pub session_ended: &'static str,

    pub field_required: &'static str,
    pub field_not_an_email: &'static str,
    pub field_not_a_domain: &'static str,
    pub field_not_a_vat_number: &'static str,
    pub field_not_a_language: &'static str,
    pub field_too_long: fn(&str) -> String,
    pub field_too_short: fn(&str) -> String,
    pub field_not_a_role: &'static str,

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
    pub company: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub billing_currency: &'static str,
    pub actions: &'static str,

    pub nav_pricing: &'static str,
    pub nav_cart: &'static str,
    pub nav_orders: &'static str,
    pub cart_link: fn(&str, usize) -> String,
    pub choose_customer_first: &'static str,
    pub family_azure: &'static str,
    pub family_azure_stack: &'static str,
    pub family_online_services: &'static str,
    pub term_p1m: &'static str,
    pub term_p1y: &'static str,
    pub term_p3y: &'static str,
    pub billed_monthly: &'static str,
    pub billed_annually: &'static str,
    pub free_trial: &'static str,
    pub offer_option: fn(&str, &str) -> String,
    pub per_user_month: &'static str,
    pub per_user_year: &'static str,
    pub per_block_month: &'static str,
    pub per_block_year: &'static str,
    pub per_core_month: &'static str,
    pub per_core_year: &'static str,
    pub per_trial: &'static str,
    pub quantity_users: &'static str,
    pub quantity_device_blocks: &'static str,
    pub quantity_cores: &'static str,
    pub problem_unknown_item: &'static str,
    pub problem_quantity_min: fn(&str) -> String,
    pub problem_quantity_max: fn(&str) -> String,
    pub problem_not_a_number: &'static str,
    pub problem_billing_cycle: &'static str,
    pub problem_term: &'static str,
    pub browse_pricing: &'static str,
    pub col_item: &'static str,
    pub col_quantity: &'static str,
    pub col_unit_price: &'static str,
    pub save: &'static str,
    pub menu: &'static str,
    pub saving: &'static str,
    pub order_group_failed: fn(&str, &str) -> String,
    pub order_error_lines: &'static str,
    pub order_error_azure_plan: &'static str,
    pub col_billing: &'static str,
    pub col_status: &'static str,
    pub col_subscription: &'static str,
    pub col_commitment: &'static str,
    pub order_status_pending: &'static str,
    pub order_status_completed: &'static str,
    pub order_status_cancelled: &'static str,
    pub order_status_failed: &'static str,
    pub failure_no_active_reseller: &'static str,
    pub subscription_status_pending: &'static str,
    pub subscription_status_active: &'static str,
    pub subscription_status_suspended: &'static str,
    pub subscription_status_deleted: &'static str,
    pub order_heading: fn(&str) -> String,
    pub all_orders: &'static str,
    pub no_commitment: &'static str,
    pub billing_monthly: &'static str,
    pub billing_annual: &'static str,
    pub billing_none: &'static str,
    pub problem_legacy_azure: &'static str,
    pub order_error_legacy_azure: &'static str,
    pub error_cart_already_ordered: &'static str,
    pub error_cart_being_ordered: &'static str,
    pub nav_subscriptions: &'static str,
    pub col_name: &'static str,
    pub suspend_plan_blocked: fn(&str) -> String,
    pub col_who: &'static str,
    pub event_created: fn(&str) -> String,
    pub event_renamed: fn(&str, &str) -> String,
    pub event_quantity: fn(&str, &str) -> String,
    pub event_auto_renew_on: &'static str,
    pub event_auto_renew_off: &'static str,
    pub event_suspended: &'static str,
    pub event_reactivated: &'static str,
    pub event_cancelled: &'static str,
    pub event_azure_added: fn(&str) -> String,
    pub event_azure_cancelled: fn(&str) -> String,
    pub event_upgraded: &'static str,
    pub event_other: &'static str,
    pub refusal_decrease_window: &'static str,
    pub refusal_quantity_range: fn(&str, &str) -> String,
    pub refusal_suspended: &'static str,
    pub refusal_deleted: &'static str,
    pub refusal_provisioning: &'static str,
    pub refusal_usage_quantity: &'static str,
    pub refusal_other: &'static str,
    pub rate_limit_waiting: fn(&str) -> String,
    pub cancel: &'static str,
    pub col_actions: &'static str,
    pub defender_active: &'static str,
    pub defender_expired: &'static str,
    pub defender_offboarded: &'static str,
    pub sensors_block_offboarding: fn(&str) -> String,
    pub sensor_name_invalid: &'static str,
    pub delete: &'static str,
    pub conflict_plan_exists: &'static str,
    pub conflict_trial_used: &'static str,
    pub conflict_azure_not_active: &'static str,
    pub conflict_sensor_exists: &'static str,
    pub conflict_invitation_closed: &'static str,
    pub conflict_account_exists: &'static str,
    pub conflict_relationship_changed: &'static str,
    pub conflict_registration_exists: &'static str,
    pub conflict_capacity_not_covered: &'static str,
    pub nav_usage: &'static str,
    pub nav_api_keys: &'static str,
    pub usage_alerts_unseen: fn(i64) -> String,
    pub table_filter: &'static str,
    pub table_export_csv: &'static str,
    pub table_exporting: &'static str,
    pub table_no_match: &'static str,
    pub col_date: &'static str,
    pub col_total: &'static str,
    pub col_meter: &'static str,
    pub col_resource: &'static str,
    pub col_customer: &'static str,
    pub nav_invoices: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_overview: &'static str,
}

/// Each page's strings, in statics of their own reached only through these methods (never from
/// [`Messages`] itself): the build puts statics used by one group of pages in that group's chunk
/// (src/lazy.rs), so a page's strings download with the page, not with the first screen.
impl Messages {
    pub fn invoices(&self) -> &'static pages::Invoices {
        self.locale.pick(&en::INVOICES, &fr::INVOICES)
    }
    pub fn subscriptions(&self) -> &'static pages::Subscriptions {
        self.locale.pick(&en::SUBSCRIPTIONS, &fr::SUBSCRIPTIONS)
    }
    pub fn defender(&self) -> &'static pages::Defender {
        self.locale.pick(&en::DEFENDER, &fr::DEFENDER)
    }
    pub fn usage(&self) -> &'static pages::Usage {
        self.locale.pick(&en::USAGE, &fr::USAGE)
    }
    pub fn api_keys(&self) -> &'static pages::ApiKeys {
        self.locale.pick(&en::API_KEYS, &fr::API_KEYS)
    }
    pub fn cart(&self) -> &'static pages::Cart {
        self.locale.pick(&en::CART, &fr::CART)
    }
    pub fn pricing(&self) -> &'static pages::Pricing {
        self.locale.pick(&en::PRICING, &fr::PRICING)
    }
    pub fn overview(&self) -> &'static pages::Overview {
        self.locale.pick(&en::OVERVIEW, &fr::OVERVIEW)
    }
    pub fn customers(&self) -> &'static pages::Customers {
        self.locale.pick(&en::CUSTOMERS, &fr::CUSTOMERS)
    }
    pub fn sign_in(&self) -> &'static pages::SignIn {
        self.locale.pick(&en::SIGN_IN, &fr::SIGN_IN)
    }
    pub fn orders(&self) -> &'static pages::Orders {
        self.locale.pick(&en::ORDERS, &fr::ORDERS)
    }
    pub fn relationships(&self) -> &'static pages::Relationships {
        self.locale.pick(&en::RELATIONSHIPS, &fr::RELATIONSHIPS)
    }
    pub fn users(&self) -> &'static pages::Users {
        self.locale.pick(&en::USERS, &fr::USERS)
    }
    pub fn activity(&self) -> &'static pages::Activity {
        self.locale.pick(&en::ACTIVITY, &fr::ACTIVITY)
    }
    pub fn azure_stack(&self) -> &'static pages::AzureStack {
        self.locale.pick(&en::AZURE_STACK, &fr::AZURE_STACK)
    }
    pub fn upgrade(&self) -> &'static pages::Upgrade {
        self.locale.pick(&en::UPGRADE, &fr::UPGRADE)
    }
}

#[cfg(test)]
mod tests {
    use portal_domain::cart::{ORDER_ERROR_LIMIT_REACHED, OrderError};
    use portal_domain::catalog::UnitType;
    use portal_domain::defender::{DefenderPlanStatus, SensorNameProblem};
    use portal_domain::lifecycle::Refusal;
    use portal_domain::subscription::{EventKind, SubscriptionEvent};
    use portal_domain::validation::Violation;
    use portal_domain::{BillingCycle, ErrorCode, FieldError, Role};

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
        for v in [
            Violation::Required,
            Violation::NotAnEmail,
            Violation::NotADomain,
            Violation::NotAVatNumber,
            Violation::NotALanguage,
            Violation::TooLong { max: 3 },
        ] {
            assert_ne!(en.violation(v), fr.violation(v));
        }
    }

    #[test]
    fn offers_are_worded_in_plain_language() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        assert_eq!(en.offer_option("P1Y", BillingCycle::Monthly), "1 year, billed monthly");
        assert_eq!(fr.offer_option("P1Y", BillingCycle::Annual), "1 an, facturé chaque année");
        assert_eq!(en.price_unit(UnitType::Cores, BillingCycle::Annual), "per core per year");
        assert_eq!(en.term("P2Y"), "P2Y");
    }

    #[test]
    fn order_errors_name_the_order_from_one() {
        let en = Locale::En.messages();
        let error = OrderError {
            order_group_id: "1".into(),
            code: ORDER_ERROR_LIMIT_REACHED,
            description: "x".into(),
        };
        assert!(
            en.order_error(&error)
                .starts_with("Order 2 was not placed: the customer already has an Azure plan")
        );
        let unknown =
            OrderError { order_group_id: "0".into(), code: 1, description: "Server words.".into() };
        assert_eq!(en.order_error(&unknown), "Order 1 was not placed: Server words.");
    }

    #[test]
    fn defender_conflicts_say_what_to_do_in_both_languages() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        let sensors = [FieldError::new("sensors", "line-1"), FieldError::new("sensors", "line-2")];
        let code = ErrorCode::SensorsAttached.code();
        assert_eq!(
            en.conflict(code, &sensors).unwrap(),
            "Delete these sensors before offboarding: line-1, line-2."
        );
        assert_eq!(
            fr.conflict(code, &sensors).unwrap(),
            "Supprimez ces capteurs avant le retrait : line-1, line-2."
        );
        let exists = ErrorCode::DefenderPlanExists.code();
        assert_eq!(fr.conflict(exists, &[]).unwrap(), fr.conflict_plan_exists);
        // Conflicts without a message of their own keep the server's description.
        assert_eq!(en.conflict(ErrorCode::CartBeingProcessed.code(), &[]), None);
        assert_eq!(
            fr.sensor_problem(SensorNameProblem::TooLong { max: 64 }),
            (fr.field_too_long)("64")
        );
        assert_eq!(fr.defender_status(DefenderPlanStatus::Offboarded), "Retiré");
    }

    #[test]
    fn refusals_and_history_are_worded_in_both_languages() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        let blocking = [FieldError::new("azureEntitlements", "Contoso Lab (c1)")];
        let code = ErrorCode::AzurePlanHasActiveSubscriptions.code();
        assert!(en.refused(code, &blocking).contains(": Contoso Lab (c1). Cancel them first"));
        assert!(fr.refused(code, &blocking).contains(" : Contoso Lab (c1). Résiliez-les"));
        assert_eq!(en.refused("800090", &[]), en.refusal_decrease_window);
        assert_eq!(en.refused("unknown", &[]), en.refusal_other);
        assert_eq!(
            en.refusal(&Refusal::QuantityOutOfRange { minimum: 1, maximum: 300 }),
            "Enter a quantity from 1 to 300."
        );

        let event = |kind, old: &str, new: &str| SubscriptionEvent {
            id: "e".into(),
            occurred_at: "2026-11-21T10:00:00.000Z".into(),
            actor: "A".into(),
            kind,
            old_value: Some(old.into()),
            new_value: Some(new.into()),
            amount: None,
            currency_code: None,
            attributes: portal_domain::Attributes::of("SubscriptionEvent"),
        };
        assert_eq!(
            en.event(&event(EventKind::QuantityChanged, "5", "10")),
            "Quantity changed from 5 to 10"
        );
        assert_eq!(fr.event(&event(EventKind::Renamed, "A", "B")), "Renommé de « A » en « B »");
        assert_eq!(
            en.event(&event(EventKind::AutoRenewChanged, "true", "false")),
            "Auto-renew turned off"
        );
        assert_eq!(
            fr.event(&event(EventKind::AutoRenewChanged, "false", "true")),
            "Renouvellement automatique activé"
        );
    }

    #[test]
    fn plurals_agree_with_the_count() {
        let (en, fr) = (Locale::En.messages(), Locale::Fr.messages());
        assert_eq!((en.customers().count)("1", 1), "1 customer");
        assert_eq!((en.customers().count)("2", 2), "2 customers");
        assert_eq!((fr.customers().count)("1", 1), "1 client");
        assert_eq!((fr.customers().count)("0", 0), "0 client");
        assert_eq!((fr.customers().count)("1 200", 1200), "1 200 clients");
    }
}
