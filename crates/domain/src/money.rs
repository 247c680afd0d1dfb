//! Exact money. Amounts are integers of ten-thousandths of the currency's main unit, so unit
//! prices can carry up to four decimals (meter rates such as 0.0012 €/GB) while charges are
//! rounded to the currency's minor unit by one rule: half away from zero, once per line.
//!
//! On the wire an amount is a JSON number with its exact decimal text (`10.5`, `1234.56`), as
//! Partner Center sends prices; serde_json's `arbitrary_precision` keeps that text intact.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Ten-thousandths per main unit.
const SCALE: i64 = 10_000;
const SCALE_DIGITS: usize = 4;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not a decimal number such as `12`, `12.5` or `-0.0012`.
    NotANumber,
    /// More than four decimals.
    TooPrecise,
    /// Beyond ±922 trillion.
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotANumber => "must be a decimal number such as 12.50",
            AmountError::TooPrecise => "must have at most four decimals",
            AmountError::TooLarge => "is too large",
        })
    }
}

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// From the stored integer of ten-thousandths.
    pub const fn from_ten_thousandths(value: i64) -> Self {
        Amount(value)
    }

    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// From whole minor units of a currency (cents for EUR and USD).
    pub fn from_minor(minor: i64, currency: Currency) -> Option<Self> {
        minor.checked_mul(currency.ten_thousandths_per_minor()).map(Amount)
    }

    /// Whole minor units; the amount must already be rounded to the currency.
    pub fn to_minor(self, currency: Currency) -> i64 {
        self.0 / currency.ten_thousandths_per_minor()
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The amount without its sign (a refund of −20 is 20 refunded).
    pub fn abs(self) -> Amount {
        Amount(self.0.saturating_abs())
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).map(Amount)
    }

    /// `self × numerator / denominator`, rounded half away from zero to the currency's minor unit.
    /// The whole product is computed exactly before the single rounding.
    pub fn mul_div_round(
        self,
        numerator: i64,
        denominator: i64,
        currency: Currency,
    ) -> Option<Amount> {
        if denominator <= 0 {
            return None;
        }
        let step = i128::from(currency.ten_thousandths_per_minor());
        let exact = i128::from(self.0).checked_mul(i128::from(numerator))?;
        let divisor = i128::from(denominator) * step;
        let minor = div_round_half_away(exact, divisor);
        i64::try_from(minor * step).ok().map(Amount)
    }

    /// `self × other`, both exact to the ten-thousandth (a rate times a quantity), rounded half
    /// away from zero to the ten-thousandth; None on overflow.
    pub fn times(self, other: Amount) -> Option<Amount> {
        let exact = i128::from(self.0) * i128::from(other.0);
        i64::try_from(div_round_half_away(exact, i128::from(SCALE))).ok().map(Amount)
    }

    /// Rounded half away from zero to the currency's minor unit (cents), the one rounding rule
    /// of the portal; amounts too large to round stay as they are.
    pub fn round_to(self, currency: Currency) -> Amount {
        self.mul_div_round(1, 1, currency).unwrap_or(self)
    }

    /// Sum of amounts; None on overflow.
    pub fn sum(amounts: impl IntoIterator<Item = Amount>) -> Option<Amount> {
        amounts.into_iter().try_fold(Amount::ZERO, Amount::checked_add)
    }

    /// The decimal text with at least `min_decimals` decimals (`10.50` for 2), for display and
    /// for Intl, which formats decimal strings exactly.
    pub fn to_decimal_string(self, min_decimals: usize) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / SCALE as u64;
        let fraction = format!("{:04}", abs % SCALE as u64);
        let trimmed = fraction.trim_end_matches('0');
        let decimals = if trimmed.len() < min_decimals {
            &fraction[..min_decimals.min(SCALE_DIGITS)]
        } else {
            trimmed
        };
        if decimals.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{decimals}")
        }
    }
}

/// Integer division rounding half away from zero; `divisor` is positive.
fn div_round_half_away(value: i128, divisor: i128) -> i128 {
    let quotient = value / divisor;
    let remainder = value % divisor;
    if remainder.abs() * 2 >= divisor { quotient + value.signum() } else { quotient }
}

impl FromStr for Amount {
    type Err = AmountError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (digits.contains('.') && fraction.is_empty())
        {
            return Err(AmountError::NotANumber);
        }
        if fraction.len() > SCALE_DIGITS {
            // Trailing zeros beyond four decimals change nothing (`1.50000`).
            if fraction[SCALE_DIGITS..].bytes().any(|b| b != b'0') {
                return Err(AmountError::TooPrecise);
            }
        }
        let fraction = format!("{:0<4}", &fraction[..fraction.len().min(SCALE_DIGITS)]);
        let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
        let fraction: i64 = fraction.parse().map_err(|_| AmountError::NotANumber)?;
        let value = whole
            .checked_mul(SCALE)
            .and_then(|w| w.checked_add(fraction))
            .ok_or(AmountError::TooLarge)?;
        Ok(Amount(if negative { -value } else { value }))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string(0))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number = serde_json::Number::from_str(&self.to_decimal_string(0))
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        let text = number.to_string();
        // JSON allows exponents (1e2); amounts are written out in full.
        if text.contains(['e', 'E']) {
            return Err(serde::de::Error::custom(AmountError::NotANumber));
        }
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// In the API description: a JSON number, as the serialisation above writes and reads it.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Amount {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .multiple_of(Some(0.0001))
            .description(Some(
                "An exact amount: at most four decimals, written out in full (no exponent).",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Amount {}

/// A currency and how many decimals its minor unit has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    pub code: &'static str,
    pub symbol: &'static str,
    pub minor_units: u8,
}

impl Currency {
    pub const EUR: Currency = Currency { code: "EUR", symbol: "€", minor_units: 2 };
    pub const USD: Currency = Currency { code: "USD", symbol: "$", minor_units: 2 };
    const KNOWN: [Currency; 2] = [Currency::EUR, Currency::USD];

    pub fn from_code(code: &str) -> Option<Currency> {
        Self::KNOWN.into_iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    fn ten_thousandths_per_minor(self) -> i64 {
        10_i64.pow(SCALE_DIGITS as u32 - u32::from(self.minor_units))
    }
}

/// So a database row can hold the currency itself (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for Currency {
    type Error = crate::spelling::UnknownSpelling;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Currency::from_code(&code)
            .ok_or(crate::spelling::UnknownSpelling { type_name: "Currency", text: code })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(text: &str) -> Amount {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(a("10.5").ten_thousandths(), 105_000);
        assert_eq!(a("0.0012").ten_thousandths(), 12);
        assert_eq!(a("-3").ten_thousandths(), -30_000);
        assert_eq!(a("1.50000").to_string(), "1.5");
        assert_eq!(a("1234.56").to_decimal_string(2), "1234.56");
        assert_eq!(a("7").to_decimal_string(2), "7.00");
        assert_eq!(a("0.0012").to_decimal_string(2), "0.0012");
        assert_eq!(a("-0.5").to_decimal_string(2), "-0.50");
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "1.", ".5", "1,5", "--1", "1.2.3", "1e3", " - 1"] {
            assert_eq!(bad.parse::<Amount>(), Err(AmountError::NotANumber), "{bad:?}");
        }
        assert_eq!("0.00001".parse::<Amount>(), Err(AmountError::TooPrecise));
        assert_eq!("99999999999999999".parse::<Amount>(), Err(AmountError::TooLarge));
    }

    #[test]
    fn rounds_to_cents_half_away_from_zero() {
        let eur = |s: &str| s.parse::<Amount>().unwrap();
        assert_eq!(eur("856.4913").round_to(Currency::EUR), eur("856.49"));
        assert_eq!(eur("0.005").round_to(Currency::EUR), eur("0.01"));
        assert_eq!(eur("-0.005").round_to(Currency::USD), eur("-0.01"));
        assert_eq!(eur("12.3449").round_to(Currency::EUR), eur("12.34"));
    }

    #[test]
    fn rounds_half_away_from_zero_once() {
        let eur = Currency::EUR;
        // 0.125 → 0.13 and -0.125 → -0.13: halves go away from zero.
        assert_eq!(a("0.125").mul_div_round(1, 1, eur), Some(a("0.13")));
        assert_eq!(a("-0.125").mul_div_round(1, 1, eur), Some(a("-0.13")));
        assert_eq!(a("0.1249").mul_div_round(1, 1, eur), Some(a("0.12")));
        // 10 × 1/3 = 3.333… → 3.33, computed on the exact product, not per step.
        assert_eq!(a("10").mul_div_round(1, 3, eur), Some(a("3.33")));
        assert_eq!(a("0.0012").mul_div_round(1_000, 1, eur), Some(a("1.2")));
        assert_eq!(a("1").mul_div_round(1, 0, eur), None);
    }

    #[test]
    fn converts_to_and_from_minor_units() {
        assert_eq!(Amount::from_minor(1050, Currency::USD), Some(a("10.5")));
        assert_eq!(a("10.50").to_minor(Currency::USD), 1050);
    }

    #[test]
    fn sums_and_overflows_safely() {
        assert_eq!(Amount::sum([a("0.1"), a("0.2")]), Some(a("0.3")));
        assert_eq!(Amount::sum([Amount::from_ten_thousandths(i64::MAX), a("1")]), None);
        assert_eq!(Amount::from_ten_thousandths(i64::MAX).mul_div_round(2, 1, Currency::EUR), None);
    }

    #[test]
    fn travels_as_an_exact_json_number() {
        let json = serde_json::to_string(&a("1234.5678")).unwrap();
        assert_eq!(json, "1234.5678");
        assert_eq!(serde_json::from_str::<Amount>("0.1").unwrap(), a("0.1"));
        assert_eq!(serde_json::from_str::<Amount>("12").unwrap(), a("12"));
        assert!(serde_json::from_str::<Amount>("\"12\"").is_err());
        assert!(serde_json::from_str::<Amount>("1e2").is_err());
        assert!(serde_json::from_str::<Amount>("0.00001").is_err());
    }

    #[test]
    fn knows_its_currencies() {
        assert_eq!(Currency::from_code("eur"), Some(Currency::EUR));
        assert_eq!(Currency::from_code("XXX"), None);
    }
}
