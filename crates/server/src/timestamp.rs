//! Timestamps as the database stores them: UTC text of fixed width, so text order is time order
//! on SQLite and PostgreSQL alike.

use chrono::{DateTime, NaiveDateTime, ParseError, Utc};

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

/// `2026-11-21T09:30:00.000Z`
pub fn to_text(t: DateTime<Utc>) -> String {
    t.format(FORMAT).to_string()
}

pub fn parse(text: &str) -> Result<DateTime<Utc>, ParseError> {
    NaiveDateTime::parse_from_str(text, FORMAT).map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn round_trips_and_normalises_to_utc() {
        let t = "2026-11-21T10:30:00.5+01:00".parse::<DateTime<Utc>>().unwrap();
        let text = to_text(t);
        assert_eq!(text, "2026-11-21T09:30:00.500Z");
        assert_eq!(parse(&text).unwrap(), t);
    }

    #[test]
    fn text_order_is_time_order() {
        let earlier = to_text("2026-02-28T23:59:59.999Z".parse::<DateTime<Utc>>().unwrap());
        let later = to_text("2026-03-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert!(earlier < later);
    }
}
