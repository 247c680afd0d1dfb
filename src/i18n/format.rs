//! Numbers, dates and names formatted by the browser's Intl for a BCP 47 tag.

use js_sys::{Array, Function, Intl, Object, Reflect};
use portal_domain::Amount;
use portal_domain::billing::parse_day;
use time::Date;
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

/// The UTC day of an API timestamp (`2026-11-21T09:30:00.000Z`) in words.
pub fn timestamp_date(tag: &str, timestamp: &str) -> String {
    parse_day(timestamp).map(|d| long_date(tag, d)).unwrap_or_else(|| timestamp.to_owned())
}

/// A calendar date in words (`21 November 2026` / `21 novembre 2026`). Dates are UTC days, so
/// they are formatted in UTC whatever the browser's time zone.
pub fn long_date(tag: &str, date: Date) -> String {
    let ms = js_sys::Date::utc(f64::from(date.year()), f64::from(u8::from(date.month()) - 1))
        + f64::from(date.day() - 1) * 86_400_000.0;
    let js_date = js_sys::Date::new(&JsValue::from_f64(ms));
    let formatter = Intl::DateTimeFormat::new(
        &locales(tag),
        &options(&[("dateStyle", "long"), ("timeZone", "UTC")]),
    );
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
pub fn today_utc() -> Date {
    let now = js_sys::Date::new_0();
    let month =
        time::Month::try_from(now.get_utc_month() as u8 + 1).unwrap_or(time::Month::January);
    Date::from_calendar_date(now.get_utc_full_year() as i32, month, now.get_utc_date() as u8)
        .unwrap_or(Date::MIN)
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
