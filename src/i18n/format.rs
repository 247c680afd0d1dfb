//! Numbers, dates and names formatted by the browser's Intl for a BCP 47 tag.

use chrono::{Datelike, NaiveDate, Utc};
use js_sys::{Array, Function, Intl, Object, Reflect};
use portal_domain::Amount;
use portal_domain::billing::parse_day;
use wasm_bindgen::{JsCast, JsValue};

fn locales(tag: &str) -> Array {
    Array::of1(&JsValue::from_str(tag))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn call_format(format: Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::UNDEFINED, value).ok().and_then(|s| s.as_string())
}

/// A whole number with the locale's grouping (`1,200` / `1 200`).
pub fn integer(tag: &str, n: i64) -> String {
    // Passed as a string: Intl formats decimal strings exactly, with no float conversion.
    let formatter =
        Intl::NumberFormat::new(&locales(tag), &options(&[("maximumFractionDigits", "0")]));
    call_format(formatter.format(), &JsValue::from_str(&n.to_string()))
        .unwrap_or_else(|| n.to_string())
}

/// Money in the locale's way (`1 234,56 €`, `$1,234.56`). Intl gets the exact decimal text, so
/// nothing passes through a float; unit prices keep up to four decimals.
pub fn money(tag: &str, amount: Amount, currency: &str) -> String {
    let formatter = Intl::NumberFormat::new(
        &locales(tag),
        &options(&[("style", "currency"), ("currency", currency), ("maximumFractionDigits", "4")]),
    );
    call_format(formatter.format(), &JsValue::from_str(&amount.to_decimal_string(2)))
        .unwrap_or_else(|| format!("{} {currency}", amount.to_decimal_string(2)))
}

/// Money rounded to the currency's cents by the portal's rounding rule, for totals of rated
/// usage (exact to the ten-thousandth underneath).
pub fn money_rounded(tag: &str, amount: Amount, currency: &str) -> String {
    let rounded =
        portal_domain::Currency::from_code(currency).map_or(amount, |c| amount.round_to(c));
    money(tag, rounded, currency)
}

/// A quantity with up to four decimals in the locale's way (`1,234.5` / `1 234,5`).
pub fn decimal(tag: &str, amount: Amount) -> String {
    let formatter =
        Intl::NumberFormat::new(&locales(tag), &options(&[("maximumFractionDigits", "4")]));
    call_format(formatter.format(), &JsValue::from_str(&amount.to_decimal_string(0)))
        .unwrap_or_else(|| amount.to_decimal_string(0))
}

/// A percentage given in percent (`85.25` → `85.25%` / `85,25 %`).
pub fn percent(tag: &str, percent: Amount) -> String {
    let formatter = Intl::NumberFormat::new(
        &locales(tag),
        &options(&[("style", "unit"), ("unit", "percent"), ("maximumFractionDigits", "2")]),
    );
    call_format(formatter.format(), &JsValue::from_str(&percent.to_decimal_string(0)))
        .unwrap_or_else(|| format!("{}%", percent.to_decimal_string(0)))
}

/// A month and its year (`November 2026` / `novembre 2026`) for the month that holds `date`.
pub fn month_year(tag: &str, date: NaiveDate) -> String {
    utc_date(tag, date, &[("month", "long"), ("year", "numeric"), ("timeZone", "UTC")])
}

/// A short day (`Nov 21` / `21 nov.`), for chart axes and dense tables.
pub fn short_date(tag: &str, date: NaiveDate) -> String {
    utc_date(tag, date, &[("month", "short"), ("day", "numeric"), ("timeZone", "UTC")])
}

/// A day in a table (`Nov 21, 2026` / `21 nov. 2026`).
pub fn medium_date(tag: &str, date: NaiveDate) -> String {
    utc_date(tag, date, &[("dateStyle", "medium"), ("timeZone", "UTC")])
}

/// The UTC day of an API timestamp (`2026-11-21T09:30:00.000Z`) in words.
pub fn timestamp_date(tag: &str, timestamp: &str) -> String {
    parse_day(timestamp).map(|d| long_date(tag, d)).unwrap_or_else(|| timestamp.to_owned())
}

/// A calendar date in words (`21 November 2026` / `21 novembre 2026`). Dates are UTC days, so
/// they are formatted in UTC whatever the browser's time zone.
pub fn long_date(tag: &str, date: NaiveDate) -> String {
    utc_date(tag, date, &[("dateStyle", "long"), ("timeZone", "UTC")])
}

fn utc_date(tag: &str, date: NaiveDate, format: &[(&str, &str)]) -> String {
    let ms = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month() - 1))
        + f64::from(date.day() - 1) * 86_400_000.0;
    let js_date = js_sys::Date::new(&JsValue::from_f64(ms));
    let formatter = Intl::DateTimeFormat::new(&locales(tag), &options(format));
    call_format(formatter.format(), &js_date).unwrap_or_else(|| date.to_string())
}

/// An API timestamp as a date and time in the user's time zone (`24 Nov 2026, 14:00`).
pub fn date_time(tag: &str, timestamp: &str) -> String {
    let js_date = js_sys::Date::new(&JsValue::from_str(timestamp));
    if js_date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let formatter = Intl::DateTimeFormat::new(
        &locales(tag),
        &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
    );
    call_format(formatter.format(), &js_date).unwrap_or_else(|| timestamp.to_owned())
}

/// Today's date in UTC, the calendar billing uses.
pub fn today_utc() -> NaiveDate {
    Utc::now().date_naive()
}

/// A country's name from its ISO 3166 code (`FR` → `France`), or the code if unknown.
pub fn region_name(tag: &str, code: &str) -> String {
    display_name(tag, "region", code)
}

/// A currency's name from its ISO 4217 code (`EUR` → `Euro` / `euro`), or the code if unknown.
pub fn currency_name(tag: &str, code: &str) -> String {
    display_name(tag, "currency", code)
}

fn display_name(tag: &str, kind: &str, code: &str) -> String {
    let names =
        Intl::DisplayNames::new(&locales(tag), &options(&[("type", kind), ("fallback", "code")]));
    let of: Option<Function> =
        Reflect::get(&names, &JsValue::from_str("of")).ok().and_then(|f| f.dyn_into().ok());
    of.and_then(|f| f.call1(&names, &JsValue::from_str(code)).ok())
        .and_then(|name| name.as_string())
        .unwrap_or_else(|| code.to_owned())
}

/// An amount typed by the user in their locale's way: `1,500.50` in English, `1 500,50` in
/// French; spaces (grouping) are ignored. None if it is not a number.
pub fn parse_amount(tag: &str, text: &str) -> Option<portal_domain::Amount> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let normalized = if super::Locale::from_tag(tag) == super::Locale::Fr {
        compact.replace(',', ".")
    } else {
        compact.replace(',', "")
    };
    normalized.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_the_way_the_locale_writes_them() {
        let amount = |s: &str| s.parse::<Amount>().ok();
        assert_eq!(parse_amount("en-US", "1,500.50"), amount("1500.50"));
        assert_eq!(parse_amount("fr-FR", "1\u{202f}500,50"), amount("1500.50"));
        assert_eq!(parse_amount("fr-FR", " 200 "), amount("200"));
        assert_eq!(parse_amount("en-US", "12abc"), None);
        assert_eq!(parse_amount("fr-FR", ""), None);
    }
}
