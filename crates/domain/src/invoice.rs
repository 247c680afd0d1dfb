//! The invoice math: what closing a billing period bills for a licence subscription, from its
//! history, and how line items add up with tax. The amounts charged when something changed
//! (a purchase, a quantity change, a cancellation refund) are already in the subscription's
//! history, computed by the rules in `billing` and `lifecycle` that the Pricing and Cart pages
//! use for their estimates; this module adds the recurring charge of each period and turns both
//! into line items, so what was estimated is what is invoiced.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::{BillingCycle, BillingPeriod, parse_day, period_charge, term_end};
use crate::lifecycle::{Pricing, current_period};
use crate::money::{Amount, Currency};
use crate::subscription::{EventKind, SubscriptionEvent};
use crate::validation::{Violation, check_text};

/// Why a licence line item charges or credits (Partner Center `chargeType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ChargeType {
    /// The purchase: the rest of its first period.
    New,
    /// A whole period of a subscription that was live when it began.
    CycleCharge,
    AddQuantity,
    /// A credit for units removed.
    RemoveQuantity,
    /// A credit for a cancellation within the refund window.
    CancelImmediate,
}

/// One charge (positive) or credit (negative) of a licence subscription in a billing period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceCharge {
    pub charge_type: ChargeType,
    pub charge_start: NaiveDate,
    pub charge_end: NaiveDate,
    /// The units charged or credited (for a quantity change, the difference).
    pub quantity: i64,
    pub amount: Amount,
}

/// The quantity, and whether the subscription was billable (bought, not suspended, not
/// cancelled), at the start of `day`, replaying its history.
fn state_at(history: &[SubscriptionEvent], day: NaiveDate) -> (i64, bool) {
    let (mut quantity, mut bought, mut live) = (0, false, false);
    for event in history.iter().filter(|e| parse_day(&e.occurred_at).is_some_and(|d| d < day)) {
        let new_quantity = event.new_value.as_deref().and_then(|v| v.parse().ok());
        match event.kind {
            EventKind::Created => {
                (bought, live) = (true, true);
                quantity = new_quantity.unwrap_or(quantity);
            }
            EventKind::QuantityChanged => quantity = new_quantity.unwrap_or(quantity),
            EventKind::Suspended | EventKind::Cancelled => live = false,
            EventKind::Reactivated => live = bought,
            _ => {}
        }
    }
    (quantity, live)
}

fn number(value: Option<&str>) -> i64 {
    value.and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// What a licence subscription bills in `period`: every charge or credit its history recorded
/// on a day of the period, then the recurring charge of each of its billing periods that begins
/// in `period` after its first one (monthly: the month; annual: the subscription year, on its
/// anniversary), for the quantity it had that day, if it was live. None on overflow.
pub fn licence_charges(
    pricing: &Pricing,
    history: &[SubscriptionEvent],
    period: BillingPeriod,
) -> Option<Vec<LicenceCharge>> {
    let mut charges = Vec::new();
    for event in history {
        let Some(day) =
            parse_day(&event.occurred_at).filter(|d| *d >= period.start && *d <= period.end)
        else {
            continue;
        };
        let Some(amount) = event.amount.filter(|a| !a.is_zero()) else { continue };
        let (_, period_end) = current_period(pricing.cycle, pricing.start, day);
        let (old, new) = (number(event.old_value.as_deref()), number(event.new_value.as_deref()));
        let (charge_type, charge_start, quantity) = match event.kind {
            EventKind::Created => (ChargeType::New, day, new),
            EventKind::QuantityChanged if new > old => (ChargeType::AddQuantity, day, new - old),
            // A decrease is refunded from the next day.
            EventKind::QuantityChanged => {
                (ChargeType::RemoveQuantity, day.succ_opt().unwrap_or(day), old - new)
            }
            EventKind::Cancelled => (ChargeType::CancelImmediate, day, state_at(history, day).0),
            _ => continue,
        };
        charges.push(LicenceCharge {
            charge_type,
            charge_start,
            charge_end: period_end,
            quantity,
            amount,
        });
    }

    let renewals: Vec<(NaiveDate, NaiveDate)> = match pricing.cycle {
        BillingCycle::None => Vec::new(),
        BillingCycle::Monthly => (pricing.start < period.start)
            .then_some((period.start, period.end))
            .into_iter()
            .collect(),
        BillingCycle::Annual => {
            let (year_start, year_end) = current_period(pricing.cycle, pricing.start, period.end);
            (year_start > pricing.start && year_start >= period.start)
                .then(|| (year_start, term_end(year_start, 12).unwrap_or(year_end)))
                .into_iter()
                .collect()
        }
    };
    for (start, end) in renewals {
        let (quantity, live) = state_at(history, start);
        if live && quantity > 0 {
            charges.push(LicenceCharge {
                charge_type: ChargeType::CycleCharge,
                charge_start: start,
                charge_end: end,
                quantity,
                amount: period_charge(pricing.unit_price, quantity, pricing.currency)?,
            });
        }
    }
    Some(charges)
}

/// Value-added tax in basis points (1/100 of a percent) for a customer's country: the partner
/// invoices from France, so French customers pay French VAT; customers elsewhere are invoiced
/// without it (reverse charge in the EU, no VAT outside).
pub fn tax_rate_basis_points(country: &str) -> i64 {
    if country.eq_ignore_ascii_case("FR") { 2_000 } else { 0 }
}

/// How VAT applies to a customer's invoices, by its country, which the statement must say: the
/// partner invoices from France.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxTreatment {
    /// French VAT is charged ([`tax_rate_basis_points`]).
    Domestic,
    /// An EU business outside France accounts for the VAT itself (reverse charge, article 196
    /// of Directive 2006/112/EC); the invoice must say so and carry both VAT numbers.
    ReverseCharge,
    /// Services to a business outside the EU are outside the scope of French VAT (article
    /// 259-1 of the French General Tax Code).
    OutsideEu,
}

pub fn tax_treatment(country: &str) -> TaxTreatment {
    let country = country.to_ascii_uppercase();
    if country == "FR" {
        TaxTreatment::Domestic
    } else if crate::validation::EU_COUNTRIES.contains(&country.as_str()) {
        TaxTreatment::ReverseCharge
    } else {
        TaxTreatment::OutsideEu
    }
}

/// A line item's subtotal, tax and total, each rounded to the currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineTotals {
    pub subtotal: Amount,
    pub tax: Amount,
    pub total: Amount,
}

impl LineTotals {
    /// `subtotal` (rounded to cents first: rated usage is exact to the ten-thousandth) with tax
    /// at `rate_basis_points`, rounded half away from zero once.
    pub fn of(subtotal: Amount, rate_basis_points: i64, currency: Currency) -> Option<Self> {
        let subtotal = subtotal.round_to(currency);
        let tax = subtotal.mul_div_round(rate_basis_points, 10_000, currency)?;
        Some(LineTotals { subtotal, tax, total: subtotal.checked_add(tax)? })
    }

    /// The invoice's totals: the sums of its lines, so the invoice total is exactly the sum
    /// of its line items. None on overflow.
    pub fn sum<'a>(lines: impl IntoIterator<Item = &'a LineTotals>) -> Option<Self> {
        lines.into_iter().try_fold(
            LineTotals { subtotal: Amount::ZERO, tax: Amount::ZERO, total: Amount::ZERO },
            |acc, line| {
                Some(LineTotals {
                    subtotal: acc.subtotal.checked_add(line.subtotal)?,
                    tax: acc.tax.checked_add(line.tax)?,
                    total: acc.total.checked_add(line.total)?,
                })
            },
        )
    }
}

/// The partner's payment terms: an invoice is due this many days after its date (net 30, the
/// common term between businesses in France and the EU default of the late-payment directive).
pub const PAYMENT_TERMS_DAYS: u64 = 30;

/// The day an invoice dated `invoice_date` is due.
pub fn due_date(invoice_date: NaiveDate) -> NaiveDate {
    invoice_date + chrono::Days::new(PAYMENT_TERMS_DAYS)
}

/// Whether an invoice with `status`, due on `due`, is late on `today`: something is left to pay
/// and its due date has passed.
pub fn is_overdue(status: InvoiceStatus, due: NaiveDate, today: NaiveDate) -> bool {
    status == InvoiceStatus::Outstanding && due < today
}

/// An invoice's number: `INV-2026-000042`, the 42nd of 2026. Numbers run without gaps in a
/// year, so the sequence is the year's count of invoices so far.
pub fn invoice_number(year: i32, sequence: i64) -> String {
    format!("INV-{year:04}-{sequence:06}")
}

/// What kind of document an invoice resource is (Partner Center `documentType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    Invoice,
    /// Corrects an invoice by an amount, up or down.
    AdjustmentNote,
    /// Cancels an invoice entirely.
    VoidNote,
}

crate::spelled!(DocumentType {
    Invoice => "invoice",
    AdjustmentNote => "adjustment_note",
    VoidNote => "void_note",
});

/// Where an invoice stands for the customer (our extension; Partner Center leaves it to
/// `totalCharges` and `paidAmount`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum InvoiceStatus {
    /// Something is left to pay.
    Outstanding,
    /// Paid in full.
    Paid,
    /// Cancelled by a void note.
    Voided,
    /// A correction note: it adds to or takes from the customer's balance.
    Issued,
}

impl InvoiceStatus {
    pub fn of(document_type: DocumentType, voided: bool, balance: Amount) -> Self {
        match document_type {
            DocumentType::Invoice if voided => InvoiceStatus::Voided,
            DocumentType::Invoice if balance.is_negative() || balance.is_zero() => {
                InvoiceStatus::Paid
            }
            DocumentType::Invoice => InvoiceStatus::Outstanding,
            _ => InvoiceStatus::Issued,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Outstanding => "outstanding",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Voided => "voided",
            InvoiceStatus::Issued => "issued",
        }
    }
}

/// What kind of billing line: the tabs of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum LineKind {
    /// Licence subscriptions and Defender for IoT plans.
    Licence,
    /// Rated usage of an Azure plan, one line per plan and meter.
    Usage,
    /// Refunds and other credits.
    Credit,
}

crate::spelled!(LineKind {
    Licence => "licence",
    Usage => "usage",
    Credit => "credit",
});

/// A link from an invoice to a kind of its line items (Partner Center `InvoiceDetail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceDetail {
    pub invoice_line_item_type: String,
    pub billing_provider: String,
    pub links: DetailLinks,
    pub attributes: crate::envelope::Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DetailLinks {
    #[serde(rename = "self")]
    pub self_link: crate::envelope::Link,
}

/// An invoice or correction note (Partner Center `Invoice`, with our extensions marked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    pub invoice_date: String,
    pub billing_period_start_date: String,
    pub billing_period_end_date: String,
    pub total_charges: Amount,
    /// Negative: what has been received, as Partner Center writes it.
    pub paid_amount: Amount,
    pub currency_code: String,
    pub currency_symbol: String,
    pub pdf_download_link: String,
    pub document_type: DocumentType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends_of: Option<String>,
    pub invoice_type: String,
    pub invoice_details: Vec<InvoiceDetail>,
    /// The notes that correct this invoice.
    #[serde(default)]
    // Notes are invoices too: described by reference, not unfolded without end.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub amendments: Vec<Invoice>,
    // Our extensions.
    pub customer_id: String,
    pub customer_name: String,
    pub subtotal: Amount,
    pub tax_total: Amount,
    pub tax_rate_percent: Amount,
    pub balance_amount: Amount,
    pub status: InvoiceStatus,
    /// `YYYY-MM-DD`: the invoice date plus the payment terms ([`due_date`]); none for a
    /// correction note, which is settled with the invoice it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_payment_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Billing lines (licences, usage per meter, credits) and daily rated usage lines.
    pub billing_line_count: i64,
    pub usage_line_count: i64,
    pub attributes: crate::envelope::Attributes,
}

impl Invoice {
    /// Whether it is past its due date with something left to pay, on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_date
            .as_deref()
            .and_then(|due| due.parse().ok())
            .is_some_and(|due| is_overdue(self.status, due, today))
    }
}

/// A customer whose invoice could not be issued when its billing period was closed (our
/// extension, `GET /v1/invoices/closefailures`): the others were invoiced, this one is retried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CloseFailure {
    /// The first day of the period, `YYYY-MM-DD`.
    pub billing_period_start: String,
    pub customer_id: String,
    pub company_name: String,
    pub reason: String,
    pub attempts: i64,
    pub first_failed_at: String,
    pub last_failed_at: String,
    pub attributes: crate::envelope::Attributes,
}

/// Balances in one currency (Partner Center `InvoiceSummary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceSummary {
    pub balance_amount: Amount,
    pub currency_code: String,
    pub currency_symbol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_invoice_creation_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_invoice_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_payment_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_payment_amount: Option<Amount>,
    /// Our extension: how many invoices have something left to pay.
    pub outstanding_count: i64,
    /// Our extension: how many of those are past their due date, and what is left on them.
    #[serde(default)]
    pub overdue_count: i64,
    #[serde(default)]
    pub overdue_amount: Amount,
    pub attributes: crate::envelope::Attributes,
}

/// A billing line of an invoice (Partner Center `OneTimeInvoiceLineItem`, reconciliation fields
/// the portal has; `lineNumber` and `lineKind` are ours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BillingLineItem {
    pub line_number: i64,
    pub line_kind: LineKind,
    pub partner_id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub customer_country: String,
    /// None for a line not invoiced yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    pub product_name: String,
    pub sku_name: String,
    pub charge_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Amount>,
    pub unit_type: String,
    pub quantity: Amount,
    pub subtotal: Amount,
    pub tax_total: Amount,
    pub total_for_customer: Amount,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    pub charge_start_date: String,
    pub charge_end_date: String,
    pub invoice_line_item_type: String,
    pub billing_provider: String,
    pub attributes: crate::envelope::Attributes,
}

/// A usage record billed by an invoice, or not billed yet (Partner Center
/// `DailyRatedUsageLineItem`). Amounts are exact to the ten-thousandth; the invoice rounds them
/// per plan and meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DailyRatedUsageLineItem {
    pub partner_id: String,
    pub customer_id: String,
    pub customer_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    pub subscription_id: String,
    pub usage_date: String,
    pub meter_category: String,
    pub meter_id: String,
    pub meter_name: String,
    pub unit_of_measure: String,
    pub resource_location: String,
    pub resource_group: String,
    pub resource_uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
    pub charge_type: String,
    pub unit_price: Amount,
    pub quantity: Amount,
    pub billing_pre_tax_total: Amount,
    pub billing_currency: String,
    pub invoice_line_item_type: String,
    pub billing_provider: String,
    pub attributes: crate::envelope::Attributes,
}

/// `POST /v1/invoices/{id}/payments` (our extension).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "amount": 1234.56,
    "paidOn": "2026-11-20",
    "reference": "Wire 2026-11-20 #4471"
}))))]
#[serde(rename_all = "camelCase")]
pub struct NewPayment {
    pub amount: Amount,
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub paid_on: Option<String>,
    #[serde(default)]
    pub reference: String,
}

/// A payment recorded against an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    pub amount: Amount,
    pub paid_on: String,
    pub reference: String,
    pub recorded_by: String,
    pub recorded_at: String,
    pub attributes: crate::envelope::Attributes,
}

/// `POST /v1/invoices/{id}/amendments` (our extension): a void note cancels the invoice; an
/// adjustment note adds `amount` (negative for a credit) before tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "documentType": "adjustment_note",
    "amount": -120.5,
    "reason": "Five seats billed twice in November"
}))))]
#[serde(rename_all = "camelCase")]
pub struct NewAmendment {
    pub document_type: DocumentType,
    #[serde(default)]
    pub amount: Option<Amount>,
    pub reason: String,
}

/// The longest reason a correction note keeps (it is printed on the note).
pub const AMENDMENT_REASON_MAX: usize = 200;

/// A correction note's reason: something, at most [`AMENDMENT_REASON_MAX`] characters (spaces
/// around it do not count). Shared by the dialog and the server.
pub fn check_amendment_reason(reason: &str) -> Result<&str, Violation> {
    check_text(reason, AMENDMENT_REASON_MAX).map(|()| reason.trim())
}

/// The most a payment may be: what is left to pay. Paying more, or nothing, is refused with
/// the reason.
pub fn check_payment(amount: Amount, balance: Amount) -> Result<Amount, &'static str> {
    if amount.is_negative() || amount.is_zero() {
        Err("must be more than zero")
    } else if amount > balance {
        Err("must not be more than the balance left to pay")
    } else {
        Ok(amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::day;
    use crate::envelope::Attributes;

    fn eur(text: &str) -> Amount {
        text.parse().unwrap()
    }

    #[test]
    fn vat_is_french_reverse_charged_in_the_eu_and_out_of_scope_beyond() {
        assert_eq!(tax_treatment("FR"), TaxTreatment::Domestic);
        assert_eq!(tax_treatment("de"), TaxTreatment::ReverseCharge);
        assert_eq!(tax_treatment("US"), TaxTreatment::OutsideEu);
        // Only French customers are charged VAT.
        assert_eq!(tax_rate_basis_points("DE"), 0);
    }

    #[test]
    fn a_correction_needs_a_reason_of_at_most_200_characters() {
        assert_eq!(check_amendment_reason("  Billed twice "), Ok("Billed twice"));
        assert_eq!(check_amendment_reason("   "), Err(Violation::Required));
        assert_eq!(check_amendment_reason(&"é".repeat(200)).map(str::len), Ok(400));
        assert_eq!(check_amendment_reason(&"a".repeat(201)), Err(Violation::TooLong { max: 200 }));
    }

    #[test]
    fn an_invoice_is_due_thirty_days_after_its_date_and_late_the_day_after() {
        let due = due_date(day("2026-10-01"));
        assert_eq!(due, day("2026-10-31"));
        assert!(!is_overdue(InvoiceStatus::Outstanding, due, day("2026-10-31")));
        assert!(is_overdue(InvoiceStatus::Outstanding, due, day("2026-11-01")));
        // Paid, voided or a note: never late.
        for status in [InvoiceStatus::Paid, InvoiceStatus::Voided, InvoiceStatus::Issued] {
            assert!(!is_overdue(status, due, day("2027-01-01")));
        }
    }

    fn event(
        day: &str,
        kind: EventKind,
        old: Option<&str>,
        new: Option<&str>,
        amount: Option<&str>,
    ) -> SubscriptionEvent {
        SubscriptionEvent {
            id: format!("{day}-{kind:?}"),
            occurred_at: format!("{day}T10:00:00.000Z"),
            actor: "Test".into(),
            kind,
            old_value: old.map(Into::into),
            new_value: new.map(Into::into),
            amount: amount.map(eur),
            currency_code: Some("EUR".into()),
            attributes: Attributes::of("SubscriptionEvent"),
        }
    }

    fn monthly(start: NaiveDate) -> Pricing {
        Pricing {
            unit_price: eur("12.50"),
            cycle: BillingCycle::Monthly,
            start,
            currency: Currency::EUR,
        }
    }

    fn month(day: NaiveDate) -> BillingPeriod {
        BillingPeriod::containing(day)
    }

    #[test]
    fn the_purchase_month_bills_what_the_purchase_charged_and_no_cycle_charge() {
        let start = day("2026-11-21");
        // 10 × 12.50 × 10/30 days: the amount the cart estimated and the order recorded.
        let history = [event("2026-11-21", EventKind::Created, None, Some("10"), Some("41.67"))];
        let charges = licence_charges(&monthly(start), &history, month(start)).unwrap();
        assert_eq!(
            charges,
            [LicenceCharge {
                charge_type: ChargeType::New,
                charge_start: start,
                charge_end: day("2026-11-30"),
                quantity: 10,
                amount: eur("41.67"),
            }]
        );
    }

    #[test]
    fn later_months_bill_the_quantity_held_on_the_first_plus_changes_within_the_month() {
        let start = day("2026-09-15");
        let history = [
            event("2026-09-15", EventKind::Created, None, Some("10"), Some("66.67")),
            event("2026-10-10", EventKind::QuantityChanged, Some("10"), Some("15"), Some("25.20")),
            event("2026-11-20", EventKind::QuantityChanged, Some("15"), Some("12"), Some("-12.50")),
        ];
        let october = licence_charges(&monthly(start), &history, month(day("2026-10-01"))).unwrap();
        assert_eq!(october.len(), 2);
        assert_eq!((october[0].charge_type, october[0].quantity), (ChargeType::AddQuantity, 5));
        assert_eq!(october[0].amount, eur("25.20"));
        // The cycle charge is for the 10 held on 1 October: 10 × 12.50.
        assert_eq!(
            (october[1].charge_type, october[1].quantity, october[1].amount),
            (ChargeType::CycleCharge, 10, eur("125"))
        );
        let november =
            licence_charges(&monthly(start), &history, month(day("2026-11-01"))).unwrap();
        // The decrease is credited from the next day; the month is billed for 15.
        assert_eq!(november[0].charge_type, ChargeType::RemoveQuantity);
        assert_eq!(november[0].charge_start, day("2026-11-21"));
        assert_eq!((november[0].quantity, november[0].amount), (3, eur("-12.50")));
        assert_eq!((november[1].quantity, november[1].amount), (15, eur("187.50")));
    }

    #[test]
    fn suspended_or_cancelled_subscriptions_are_not_billed_for_the_month() {
        let start = day("2026-08-01");
        let history = [
            event("2026-08-01", EventKind::Created, None, Some("2"), Some("25")),
            event("2026-09-10", EventKind::Suspended, Some("active"), Some("suspended"), None),
            event("2026-10-05", EventKind::Reactivated, Some("suspended"), Some("active"), None),
            event(
                "2026-11-03",
                EventKind::Cancelled,
                Some("active"),
                Some("deleted"),
                Some("-22.50"),
            ),
        ];
        let pricing = monthly(start);
        // Live on 1 September: billed. Suspended on 1 October: not billed.
        assert_eq!(licence_charges(&pricing, &history, month(day("2026-09-01"))).unwrap().len(), 1);
        assert!(licence_charges(&pricing, &history, month(day("2026-10-01"))).unwrap().is_empty());
        // Live again on 1 November, then cancelled with a refund: a charge and a credit.
        let november = licence_charges(&pricing, &history, month(day("2026-11-01"))).unwrap();
        assert_eq!(november[0].charge_type, ChargeType::CancelImmediate);
        assert_eq!((november[0].quantity, november[0].amount), (2, eur("-22.50")));
        assert_eq!(
            (november[1].charge_type, november[1].amount),
            (ChargeType::CycleCharge, eur("25"))
        );
        assert!(licence_charges(&pricing, &history, month(day("2026-12-01"))).unwrap().is_empty());
    }

    #[test]
    fn annual_billing_charges_the_year_on_each_anniversary_only() {
        let start = day("2025-11-21");
        let pricing = Pricing {
            unit_price: eur("120"),
            cycle: BillingCycle::Annual,
            start,
            currency: Currency::EUR,
        };
        let history = [event("2025-11-21", EventKind::Created, None, Some("3"), Some("360"))];
        let first = licence_charges(&pricing, &history, month(start)).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].charge_end, day("2026-11-20"));
        assert!(licence_charges(&pricing, &history, month(day("2026-10-01"))).unwrap().is_empty());
        let renewal = licence_charges(&pricing, &history, month(day("2026-11-01"))).unwrap();
        assert_eq!(renewal.len(), 1);
        assert_eq!(
            (renewal[0].charge_start, renewal[0].charge_end, renewal[0].amount),
            (day("2026-11-21"), day("2027-11-20"), eur("360"))
        );
    }

    #[test]
    fn trials_bill_nothing() {
        let start = day("2026-10-01");
        let pricing = Pricing {
            unit_price: eur("0"),
            cycle: BillingCycle::None,
            start,
            currency: Currency::EUR,
        };
        let history = [event("2026-10-01", EventKind::Created, None, Some("25"), Some("0"))];
        assert!(licence_charges(&pricing, &history, month(day("2026-11-01"))).unwrap().is_empty());
        assert!(licence_charges(&pricing, &history, month(start)).unwrap().is_empty());
    }

    #[test]
    fn line_tax_is_rounded_once_per_line_and_the_invoice_adds_its_lines() {
        let vat = tax_rate_basis_points("fr");
        assert_eq!(vat, 2_000);
        assert_eq!(tax_rate_basis_points("US"), 0);
        // 41.665 rounds to 41.67 before tax; 20% of it is 8.334 → 8.33.
        let first = LineTotals::of(eur("41.665"), vat, Currency::EUR).unwrap();
        assert_eq!(
            (first.subtotal, first.tax, first.total),
            (eur("41.67"), eur("8.33"), eur("50"))
        );
        let credit = LineTotals::of(eur("-12.50"), vat, Currency::EUR).unwrap();
        assert_eq!((credit.tax, credit.total), (eur("-2.50"), eur("-15")));
        let usage = LineTotals::of(eur("0.0049"), vat, Currency::EUR).unwrap();
        assert_eq!(usage.total, Amount::ZERO);
        let invoice = LineTotals::sum([&first, &credit, &usage]).unwrap();
        assert_eq!(
            (invoice.subtotal, invoice.tax, invoice.total),
            (eur("29.17"), eur("5.83"), eur("35"))
        );
    }

    #[test]
    fn invoice_numbers_sort_in_order_within_a_year() {
        assert_eq!(invoice_number(2026, 42), "INV-2026-000042");
        assert!(invoice_number(2026, 9) < invoice_number(2026, 10));
    }
}
