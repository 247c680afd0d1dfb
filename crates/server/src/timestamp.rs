//! Timestamps as the database stores them: UTC text of fixed width, so text order is time order
//! on SQLite and PostgreSQL alike.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

const FORMAT: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// `2026-11-21T09:30:00.000Z`
pub fn to_text(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC).format(FORMAT).expect("every UTC time has this format")
}

pub fn parse(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    PrimitiveDateTime::parse(text, FORMAT).map(PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn round_trips_and_normalises_to_utc() {
        let t = datetime!(2026-11-21 10:30:00.5 +01:00);
        let text = to_text(t);
        assert_eq!(text, "2026-11-21T09:30:00.500Z");
        assert_eq!(parse(&text).unwrap(), t);
    }

    #[test]
    fn text_order_is_time_order() {
        let earlier = to_text(datetime!(2026-02-28 23:59:59.999 UTC));
        let later = to_text(datetime!(2026-03-01 00:00:00 UTC));
        assert!(earlier < later);
    }
}
