//! Billing periods and charges. Billing follows the calendar month in UTC: a period runs from the
//! first to the last day of a month, both included. These rules are the only ones: the browser's
//! estimates and the server's charges both come from here, so they agree to the cent.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

use crate::money::{Amount, Currency};

/// How often a subscription is charged (Partner Center `BillingCycleType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingCycle {
    Monthly,
    /// The year charged up front.
    Annual,
    /// Nothing to charge: trials.
    None,
}

impl BillingCycle {
    pub const ALL: [BillingCycle; 3] =
        [BillingCycle::Monthly, BillingCycle::Annual, BillingCycle::None];

    pub const fn as_str(self) -> &'static str {
        match self {
            BillingCycle::Monthly => "monthly",
            BillingCycle::Annual => "annual",
            BillingCycle::None => "none",
        }
    }
}

impl fmt::Display for BillingCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BillingCycle {
    type Err = String;

    /// Lenient, as Partner Center is: `monthly`, `Monthly` and `MONTHLY` are the same cycle.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        BillingCycle::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("must be one of monthly, annual, none (got '{text}')"))
    }
}

/// So a database row can hold the cycle itself (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for BillingCycle {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl<'de> Deserialize<'de> for BillingCycle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// The UTC day at the start of an API date or timestamp (`2026-11-21`, `2026-11-21T09:30:00Z`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    // By hand rather than with chrono's format parser, which would weigh on the wasm bundle.
    let mut parts = text.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last day of a term of `months` months starting on `start`: the same day `months` later
/// (the month's last day when it is shorter), minus one day. 21 November + 1 year → 20 November.
pub fn term_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    let total = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12) + 1).ok()?;
    let day = start.day().min(days_in_month(year, month)?);
    NaiveDate::from_ymd_opt(year, month, day)?.pred_opt()
}

/// How many days `month` (1 to 12) of `year` has.
fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let first_of_next = NaiveDate::from_ymd_opt(next_year, next_month, 1)?;
    Some(first_of_next.pred_opt()?.day())
}

/// What a line costs on the day it starts: a monthly line pays the rest of the month, prorated
/// by day (`unit price × quantity × (D − d + 1) / D`); an annual line pays the year up front; a
/// trial pays nothing. One rounding, half away from zero, to the currency's minor unit.
pub fn first_charge(
    unit_price: Amount,
    quantity: i64,
    cycle: BillingCycle,
    start: NaiveDate,
    currency: Currency,
) -> Option<Amount> {
    match cycle {
        BillingCycle::Monthly => prorated_to_month_end(unit_price, quantity, start, currency),
        BillingCycle::Annual => period_charge(unit_price, quantity, currency),
        BillingCycle::None => Some(Amount::ZERO),
    }
}

/// `unit_price × quantity` for the days from `start` to the end of its month.
pub fn prorated_to_month_end(
    unit_price: Amount,
    quantity: i64,
    start: NaiveDate,
    currency: Currency,
) -> Option<Amount> {
    let period = BillingPeriod::containing(start);
    let days_in_month = i64::from(period.days());
    let days_charged = days_in_month - i64::from(start.day()) + 1;
    unit_price.mul_div_round(quantity.checked_mul(days_charged)?, days_in_month, currency)
}

/// `unit_price × quantity` for a whole billing period (a month, or a year when billed annually).
pub fn period_charge(unit_price: Amount, quantity: i64, currency: Currency) -> Option<Amount> {
    unit_price.mul_div_round(quantity, 1, currency)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingPeriod {
    pub start: NaiveDate,
    /// The last day of the period, included.
    pub end: NaiveDate,
}

impl BillingPeriod {
    /// The calendar month that contains `day`.
    pub fn containing(day: NaiveDate) -> Self {
        let (year, month) = (day.year(), day.month());
        let start = NaiveDate::from_ymd_opt(year, month, 1).expect("day 1 exists in every month");
        let end = days_in_month(year, month)
            .and_then(|last| NaiveDate::from_ymd_opt(year, month, last))
            .expect("the month's last day exists");
        Self { start, end }
    }

    /// How many days the period has (28 to 31).
    pub fn days(&self) -> u32 {
        self.end.day()
    }

    /// How many of its days have begun by `today`: none before it, all once it is over.
    pub fn days_elapsed(&self, today: NaiveDate) -> i64 {
        if today < self.start {
            0
        } else if today > self.end {
            i64::from(self.days())
        } else {
            (today - self.start).num_days() + 1
        }
    }

    /// `YYYY-MM`: how the API names a month (`?period=2026-10`) and how monthly totals are keyed.
    pub fn month_key(&self) -> String {
        format!("{:04}-{:02}", self.start.year(), self.start.month())
    }

    /// The period after this one.
    pub fn next(&self) -> Self {
        Self::containing(self.end.succ_opt().expect("dates stay within the supported range"))
    }
}

/// A day written `2026-11-21`, for tests.
#[cfg(test)]
pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a day written YYYY-MM-DD")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(text: &str) -> Amount {
        text.parse().unwrap()
    }

    #[test]
    fn days_are_read_from_dates_and_timestamps() {
        assert_eq!(parse_day("2026-11-21"), Some(day("2026-11-21")));
        assert_eq!(parse_day("2028-02-29T23:59:59.000Z"), Some(day("2028-02-29")));
        assert_eq!(parse_day("2027-02-29"), None);
        assert_eq!(parse_day("2026-11"), None);
        assert_eq!(parse_day("21/11/2026"), None);
    }

    #[test]
    fn a_monthly_line_pays_the_rest_of_the_month() {
        let price = eur("30");
        // 1st of a 30-day month: the whole month; the 30th: one day.
        assert_eq!(
            first_charge(price, 1, BillingCycle::Monthly, day("2026-11-01"), Currency::EUR),
            Some(eur("30"))
        );
        assert_eq!(
            first_charge(price, 1, BillingCycle::Monthly, day("2026-11-30"), Currency::EUR),
            Some(eur("1"))
        );
        // 31-day month, from the 21st: 11 of 31 days of 3 × 10.20 = 10.8580… → 10.86.
        assert_eq!(
            prorated_to_month_end(eur("10.20"), 3, day("2026-12-21"), Currency::EUR),
            Some(eur("10.86"))
        );
        // The last day of a 31-day month.
        assert_eq!(
            prorated_to_month_end(eur("31"), 1, day("2026-12-31"), Currency::EUR),
            Some(eur("1"))
        );
    }

    #[test]
    fn february_prorates_over_its_own_length() {
        // Leap year: 29 days; from the 15th, 15 days. 29 × 15 / 29 = 15.
        assert_eq!(
            prorated_to_month_end(eur("29"), 1, day("2028-02-15"), Currency::EUR),
            Some(eur("15"))
        );
        // Common year: 28 days; from the 15th, 14 days. 10 × 14 / 28 = 5.
        assert_eq!(
            prorated_to_month_end(eur("10"), 1, day("2026-02-15"), Currency::EUR),
            Some(eur("5"))
        );
        // The 29th of a leap February is its last day: 1/29 of 100 = 3.448… → 3.45.
        assert_eq!(
            prorated_to_month_end(eur("100"), 1, day("2028-02-29"), Currency::EUR),
            Some(eur("3.45"))
        );
    }

    #[test]
    fn one_rounding_per_line_half_away_from_zero() {
        // 0.10 × 5 × 15/30 = 0.25 exactly; 0.01 × 1 × 15/30 = 0.005 → 0.01 (half rounds up, once).
        assert_eq!(
            prorated_to_month_end(eur("0.10"), 5, day("2026-11-16"), Currency::EUR),
            Some(eur("0.25"))
        );
        assert_eq!(
            prorated_to_month_end(eur("0.01"), 1, day("2026-11-16"), Currency::EUR),
            Some(eur("0.01"))
        );
        // Rounding per unit first would give 300 × 0.01 = 3.00; the exact line total is 1.50.
        assert_eq!(
            prorated_to_month_end(eur("0.01"), 300, day("2026-11-16"), Currency::EUR),
            Some(eur("1.5"))
        );
    }

    #[test]
    fn annual_lines_pay_the_year_up_front_and_trials_nothing() {
        assert_eq!(
            first_charge(eur("140.40"), 3, BillingCycle::Annual, day("2026-11-21"), Currency::EUR),
            Some(eur("421.2"))
        );
        assert_eq!(
            first_charge(eur("99"), 1, BillingCycle::None, day("2026-11-21"), Currency::EUR),
            Some(Amount::ZERO)
        );
    }

    #[test]
    fn zero_and_maximum_quantities() {
        assert_eq!(
            first_charge(eur("10"), 0, BillingCycle::Monthly, day("2026-11-21"), Currency::EUR),
            Some(Amount::ZERO)
        );
        // The largest quantity any SKU allows, at a large price, stays exact.
        let big =
            prorated_to_month_end(eur("99999.9999"), 1_000_000, day("2026-11-21"), Currency::USD)
                .unwrap();
        assert_eq!(big.to_decimal_string(2), "33333333300.00");
        // Beyond what the amount can hold: refused, not wrapped.
        assert_eq!(period_charge(eur("900000000000"), 1_000_000, Currency::USD), None);
    }

    #[test]
    fn terms_end_the_day_before_their_anniversary() {
        assert_eq!(term_end(day("2026-11-21"), 12), Some(day("2027-11-20")));
        assert_eq!(term_end(day("2026-11-01"), 1), Some(day("2026-11-30")));
        assert_eq!(term_end(day("2026-12-15"), 1), Some(day("2027-01-14")));
        assert_eq!(term_end(day("2026-11-21"), 36), Some(day("2029-11-20")));
        // 31 January + 1 month lands on the last day of February, then one day back.
        assert_eq!(term_end(day("2027-01-31"), 1), Some(day("2027-02-27")));
        assert_eq!(term_end(day("2028-01-31"), 1), Some(day("2028-02-28")));
        // 29 February + 1 year: 28 February is the anniversary.
        assert_eq!(term_end(day("2028-02-29"), 12), Some(day("2029-02-27")));
    }

    #[test]
    fn billing_cycles_parse_leniently() {
        assert_eq!("Monthly".parse::<BillingCycle>(), Ok(BillingCycle::Monthly));
        assert_eq!(
            serde_json::from_str::<BillingCycle>("\"ANNUAL\"").unwrap(),
            BillingCycle::Annual
        );
        assert!("weekly".parse::<BillingCycle>().is_err());
        assert_eq!(serde_json::to_string(&BillingCycle::None).unwrap(), "\"none\"");
    }

    #[test]
    fn a_period_is_the_calendar_month() {
        let p = BillingPeriod::containing(day("2026-11-21"));
        assert_eq!((p.start, p.end, p.days()), (day("2026-11-01"), day("2026-11-30"), 30));
        assert_eq!(p.month_key(), "2026-11");
        assert_eq!(BillingPeriod::containing(day("2027-02-03")).month_key(), "2027-02");
    }

    #[test]
    fn february_follows_leap_years() {
        assert_eq!(BillingPeriod::containing(day("2028-02-10")).end, day("2028-02-29"));
        assert_eq!(BillingPeriod::containing(day("2026-02-10")).end, day("2026-02-28"));
        // Century rule: 2100 is not a leap year, 2000 was.
        assert_eq!(BillingPeriod::containing(day("2100-02-01")).days(), 28);
        assert_eq!(BillingPeriod::containing(day("2000-02-01")).days(), 29);
    }

    #[test]
    fn first_and_last_days_belong_to_their_own_month() {
        assert_eq!(BillingPeriod::containing(day("2026-12-31")).start, day("2026-12-01"));
        assert_eq!(BillingPeriod::containing(day("2027-01-01")).end, day("2027-01-31"));
    }

    #[test]
    fn next_crosses_the_year() {
        let december = BillingPeriod::containing(day("2026-12-15"));
        assert_eq!(december.next().start, day("2027-01-01"));
    }
}
