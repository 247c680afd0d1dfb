//! Billing periods. Billing follows the calendar month in UTC: a period runs from the first to the
//! last day of a month, both included.

use time::{Date, Month};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingPeriod {
    pub start: Date,
    /// The last day of the period, included.
    pub end: Date,
}

impl BillingPeriod {
    /// The calendar month that contains `day`.
    pub fn containing(day: Date) -> Self {
        let (year, month) = (day.year(), day.month());
        let start = Date::from_calendar_date(year, month, 1).expect("day 1 exists in every month");
        let end = Date::from_calendar_date(year, month, month.length(year))
            .expect("the month's last day exists");
        Self { start, end }
    }

    /// How many days the period has (28 to 31).
    pub fn days(&self) -> u8 {
        self.end.day()
    }

    pub fn month(&self) -> Month {
        self.start.month()
    }

    /// The period after this one.
    pub fn next(&self) -> Self {
        Self::containing(self.end.next_day().expect("dates stay within the supported range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_period_is_the_calendar_month() {
        let p = BillingPeriod::containing(date!(2026 - 11 - 21));
        assert_eq!((p.start, p.end, p.days()), (date!(2026 - 11 - 01), date!(2026 - 11 - 30), 30));
    }

    #[test]
    fn february_follows_leap_years() {
        assert_eq!(BillingPeriod::containing(date!(2028 - 02 - 10)).end, date!(2028 - 02 - 29));
        assert_eq!(BillingPeriod::containing(date!(2026 - 02 - 10)).end, date!(2026 - 02 - 28));
        // Century rule: 2100 is not a leap year, 2000 was.
        assert_eq!(BillingPeriod::containing(date!(2100 - 02 - 01)).days(), 28);
        assert_eq!(BillingPeriod::containing(date!(2000 - 02 - 01)).days(), 29);
    }

    #[test]
    fn first_and_last_days_belong_to_their_own_month() {
        assert_eq!(BillingPeriod::containing(date!(2026 - 12 - 31)).start, date!(2026 - 12 - 01));
        assert_eq!(BillingPeriod::containing(date!(2027 - 01 - 01)).end, date!(2027 - 01 - 31));
    }

    #[test]
    fn next_crosses_the_year() {
        let december = BillingPeriod::containing(date!(2026 - 12 - 15));
        assert_eq!(december.next().start, date!(2027 - 01 - 01));
    }
}
