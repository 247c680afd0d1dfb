//! Closing a billing period: one invoice per customer and currency, with the licence charges
//! and credits of its subscriptions, its Defender for IoT plans and its rated usage; and the
//! correction notes that amend an issued invoice.
//!
//! Each invoice is written in one transaction: its number, its lines, its totals and the marks
//! on the usage records it bills. A crash leaves either nothing or a complete invoice, and
//! running the close again issues only what is missing (one invoice per customer, currency and
//! period, enforced by a unique index).

mod notes;

pub use notes::{Amended, PaidMeanwhile, amend};

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use portal_domain::billing::{BillingPeriod, parse_day};
use portal_domain::invoice::{
    ChargeType, DocumentType, LineKind, LineTotals, invoice_number, licence_charges,
    tax_rate_basis_points,
};
use portal_domain::subscription::{BillingType, SubscriptionEvent};
use portal_domain::{Amount, Currency};
use tokio::sync::watch;

use crate::clock::Clock;
use crate::db::{Db, begin_write};
use crate::lifecycle::pricing;
use crate::metrics::{Job, Metrics, Pass};
use crate::store::invoices::{self as store, BilledCustomer, LineRow, NewInvoice};
use crate::store::{defender, subscriptions};
use crate::timestamp;

/// Who issues the invoices of a close: the system, not a user.
pub const SYSTEM: &str = "Monthly close";

/// Where a test may make closing fail, to check that nothing half-written survives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailPoint {
    /// After the invoice and its lines are written, before the usage is marked billed.
    AfterLines,
    /// After everything is written, before the commit.
    BeforeCommit,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CloseReport {
    /// Invoices written by this run.
    pub issued: usize,
    /// Customers and currencies invoiced for the period before this run.
    pub already_issued: usize,
    /// Customers whose invoices could not be issued (recorded in `close_failures`).
    pub failed: usize,
}

/// A charge before tax, in a currency, that becomes an invoice line.
pub struct Charge {
    kind: LineKind,
    charge_type: &'static str,
    subscription_id: Option<String>,
    product_name: String,
    description: String,
    /// Ten-thousandths of a unit.
    quantity: i64,
    unit_type: String,
    unit_price: Option<Amount>,
    charge_start: NaiveDate,
    charge_end: NaiveDate,
    pub amount: Amount,
}

impl Charge {
    /// The line of invoice `invoice_id` numbered `line_number`, with its totals.
    pub fn into_line(self, invoice_id: &str, line_number: i64, totals: LineTotals) -> LineRow {
        LineRow {
            invoice_id: invoice_id.to_owned(),
            line_number,
            kind: self.kind,
            charge_type: self.charge_type.to_owned(),
            subscription_id: self.subscription_id,
            product_name: self.product_name,
            description: self.description,
            quantity: self.quantity,
            unit_type: self.unit_type,
            unit_price: self.unit_price.map(Amount::ten_thousandths),
            charge_start: self.charge_start.to_string(),
            charge_end: self.charge_end.to_string(),
            subtotal: totals.subtotal.ten_thousandths(),
            tax: totals.tax.ten_thousandths(),
            total: totals.total.ten_thousandths(),
        }
    }

    /// A plan's use of a meter.
    fn usage(group: store::UsageGroup, period: BillingPeriod) -> Self {
        Charge {
            kind: LineKind::Usage,
            charge_type: "usage",
            subscription_id: Some(group.plan_id),
            product_name: format!("{} · {}", group.meter_category, group.meter_name),
            description: group.plan_name,
            quantity: group.quantity,
            unit_type: group.unit,
            unit_price: None,
            charge_start: parse_day(&group.first_day).unwrap_or(period.start),
            charge_end: parse_day(&group.last_day).unwrap_or(period.end),
            amount: Amount::from_ten_thousandths(group.cost),
        }
    }
}

/// What the customer's invoice for `period` would hold if it closed now: the licence charges
/// and credits so far and the usage not billed yet, per currency. Closing writes the same.
#[tracing::instrument(skip_all, fields(customer_id = %customer.id, period = %period.start))]
pub async fn estimate(
    db: &Db,
    customer: &BilledCustomer,
    period: BillingPeriod,
) -> anyhow::Result<Vec<(String, Charge)>> {
    let mut charges = licence_lines(db, customer, period).await?;
    for currency in
        store::unbilled_usage_currencies(db, &customer.id, &period.end.to_string()).await?
    {
        for group in store::unbilled_usage_groups(db, &customer.id, &currency).await? {
            charges.push((currency.clone(), Charge::usage(group, period)));
        }
    }
    Ok(charges)
}

fn charge_type_str(charge_type: ChargeType) -> &'static str {
    match charge_type {
        ChargeType::New => "new",
        ChargeType::CycleCharge => "cycleCharge",
        ChargeType::AddQuantity => "addQuantity",
        ChargeType::RemoveQuantity => "removeQuantity",
        ChargeType::CancelImmediate => "cancelImmediate",
    }
}

const UNITS: i64 = 10_000;

/// The day after the period: the date of its invoices. Their number is of that day's year.
fn issue_date(period: BillingPeriod) -> NaiveDate {
    period.end.succ_opt().unwrap_or(period.end)
}

/// The month named `YYYY-MM`.
pub fn parse_month(text: &str) -> Option<BillingPeriod> {
    let text = text.trim();
    (text.len() == 7)
        .then(|| parse_day(&format!("{text}-01")))
        .flatten()
        .map(BillingPeriod::containing)
}

/// Closes `period` for every customer, unless it was closed before.
pub async fn close_period(
    db: &Db,
    period: BillingPeriod,
    now: DateTime<Utc>,
) -> anyhow::Result<CloseReport> {
    close_period_failing(db, period, now, None).await
}

/// `close_period`, failing at `fail_at` (tests only pass one).
pub async fn close_period_failing(
    db: &Db,
    period: BillingPeriod,
    now: DateTime<Utc>,
    fail_at: Option<FailPoint>,
) -> anyhow::Result<CloseReport> {
    let period_start = period.start.to_string();
    let mut report = CloseReport::default();
    if store::period_closed(db, &period_start).await? {
        return Ok(report);
    }
    let now_text = timestamp::to_text(now);
    // Each customer on its own: one whose invoice cannot be issued is recorded and retried by
    // the next run, and the customers after it are invoiced all the same.
    for customer in store::billed_customers(db).await? {
        match close_customer(db, &customer, period, fail_at, &mut report).await {
            Ok(()) => store::clear_close_failure(db, &period_start, &customer.id).await?,
            Err(e) => {
                let reason = format!("{e:#}");
                tracing::error!(customer_id = %customer.id, period = %period.month_key(), %reason, "could not invoice a customer; the others are invoiced, this one is retried");
                store::record_close_failure(db, &period_start, &customer, &reason, &now_text)
                    .await?;
                report.failed += 1;
            }
        }
    }
    if report.failed == 0 {
        store::mark_period_closed(db, &period_start, &now_text).await?;
    }
    Ok(report)
}

/// Issues the customer's invoices for the period, one per currency.
#[tracing::instrument(skip_all, fields(customer_id = %customer.id, period = %period.start))]
async fn close_customer(
    db: &Db,
    customer: &BilledCustomer,
    period: BillingPeriod,
    fail_at: Option<FailPoint>,
    report: &mut CloseReport,
) -> anyhow::Result<()> {
    let charges = licence_lines(db, customer, period).await?;
    let mut currencies: BTreeMap<String, Vec<Charge>> = BTreeMap::new();
    for (currency, charge) in charges {
        currencies.entry(currency).or_default().push(charge);
    }
    for currency in
        store::unbilled_usage_currencies(db, &customer.id, &period.end.to_string()).await?
    {
        currencies.entry(currency).or_default();
    }
    for (currency, charges) in currencies {
        let issued = issue(db, customer, period, &currency, charges, fail_at)
            .await
            .with_context(|| format!("the {currency} invoice for {}", period.month_key()))?;
        match issued {
            Issued::New => report.issued += 1,
            Issued::Before => report.already_issued += 1,
            Issued::Nothing => {}
        }
    }
    Ok(())
}

/// The licence charges and credits of the customer's subscriptions and Defender plans in the
/// period, with their currencies.
async fn licence_lines(
    db: &Db,
    customer: &BilledCustomer,
    period: BillingPeriod,
) -> anyhow::Result<Vec<(String, Charge)>> {
    let mut lines = Vec::new();
    for row in subscriptions::list(db, &customer.id, None).await? {
        if row.billing_type != BillingType::License || row.is_trial != 0 {
            continue;
        }
        let history: Vec<_> =
            subscriptions::events(db, &row.id).await?.iter().map(SubscriptionEvent::from).collect();
        let charges = licence_charges(&pricing(&row)?, &history, period)
            .with_context(|| format!("the charges of subscription {} overflow", row.id))?;
        for charge in charges {
            let kind =
                if charge.amount.is_negative() { LineKind::Credit } else { LineKind::Licence };
            lines.push((
                row.currency.code.to_owned(),
                Charge {
                    kind,
                    charge_type: charge_type_str(charge.charge_type),
                    subscription_id: Some(row.id.clone()),
                    product_name: row.offer_name.clone(),
                    description: row.friendly_name.clone(),
                    quantity: charge.quantity.saturating_mul(UNITS),
                    unit_type: row.unit_type.as_str().to_owned(),
                    unit_price: row.unit_price.map(Amount::from_ten_thousandths),
                    charge_start: charge.charge_start,
                    charge_end: charge.charge_end,
                    amount: charge.amount,
                },
            ));
        }
    }
    let (first, last) = (period.start.to_string(), period.end.to_string());
    for plan in defender::on_during(db, &customer.id, &first, &last).await? {
        let facts = defender::facts(db, &plan).await?;
        let amount = facts
            .charge_for(period)
            .with_context(|| format!("the charges of Defender plan {} overflow", plan.id))?;
        if amount.is_zero() {
            continue;
        }
        let onboarded_now = period.start <= facts.onboarded_on;
        let from = if onboarded_now { facts.onboarded_on } else { period.start };
        lines.push((
            plan.currency.code.to_owned(),
            Charge {
                kind: LineKind::Licence,
                charge_type: if onboarded_now { "new" } else { "cycleCharge" },
                subscription_id: None,
                product_name: "Microsoft Defender for IoT".to_owned(),
                description: plan.subscription_name.clone(),
                quantity: facts.devices_on(from).saturating_mul(UNITS),
                unit_type: "devices".to_owned(),
                unit_price: None,
                charge_start: from,
                charge_end: facts.offboarded_on.filter(|d| *d < period.end).unwrap_or(period.end),
                amount,
            },
        ));
    }
    Ok(lines)
}

enum Issued {
    New,
    Before,
    Nothing,
}

/// Writes the customer's invoice for the period in `currency`, in one transaction.
#[tracing::instrument(skip_all, fields(customer_id = %customer.id, currency = currency_code))]
async fn issue(
    db: &Db,
    customer: &BilledCustomer,
    period: BillingPeriod,
    currency_code: &str,
    charges: Vec<Charge>,
    fail_at: Option<FailPoint>,
) -> anyhow::Result<Issued> {
    let currency = Currency::from_code(currency_code)
        .with_context(|| format!("unknown currency {currency_code}"))?;
    let (period_start, period_end) = (period.start.to_string(), period.end.to_string());
    let mut tx = begin_write(db).await?;
    if store::period_invoice_exists(&mut tx, &customer.id, currency_code, &period_start).await? {
        return Ok(Issued::Before);
    }
    let date = issue_date(period);
    let id = invoice_number(date.year(), store::next_number(&mut tx, date.year()).await?);
    let tax_rate = tax_rate_basis_points(&customer.country);
    let parties = store::parties(&mut tx, &customer.partner_id, &customer.id).await?;
    let inserted = store::insert(
        &mut tx,
        &NewInvoice {
            request_id: None,
            id: &id,
            partner_id: &customer.partner_id,
            customer_id: &customer.id,
            document_type: DocumentType::Invoice.as_str(),
            amends_id: None,
            reason: None,
            currency_code,
            period_start: &period_start,
            period_end: &period_end,
            invoice_date: &timestamp::to_text(date.and_time(NaiveTime::MIN).and_utc()),
            customer_name: &customer.company_name,
            customer_country: &customer.country,
            customer_culture: &customer.culture,
            parties: &parties,
            tax_rate_bp: tax_rate,
            created_by: SYSTEM,
        },
    )
    .await;
    if let Err(e) = inserted {
        // Another closer issued it between our check and our insert: the unique index keeps
        // one, and our number goes back with the rollback.
        if crate::store::is_duplicate(&e) {
            return Ok(Issued::Before);
        }
        return Err(e.into());
    }

    // Marking first and then grouping what is marked bills exactly the records this invoice
    // holds, even if more arrive meanwhile.
    let usage_lines =
        store::mark_usage(&mut tx, &id, &customer.id, currency_code, &period_end).await?;
    let mut charges = charges;
    for group in store::usage_groups(&mut tx, &id).await? {
        charges.push(Charge::usage(group, period));
    }
    if charges.is_empty() {
        // Nothing to bill: no invoice, and no number used.
        tx.rollback().await?;
        return Ok(Issued::Nothing);
    }
    let line_count = charges.len() as i64;
    let totals = write_lines(&mut tx, &id, charges, tax_rate, currency).await?;
    if fail_at == Some(FailPoint::AfterLines) {
        anyhow::bail!("failure injected after the lines of {id}");
    }
    store::set_totals(&mut tx, &id, totals, line_count, usage_lines as i64).await?;
    if fail_at == Some(FailPoint::BeforeCommit) {
        anyhow::bail!("failure injected before {id} was committed");
    }
    tx.commit().await?;
    tracing::info!(invoice = %id, customer_id = %customer.id, "invoice issued");
    Ok(Issued::New)
}

/// Writes the lines with their tax, numbered from 1, and returns the document's totals: the
/// sums of its lines.
async fn write_lines(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
    charges: Vec<Charge>,
    tax_rate: i64,
    currency: Currency,
) -> anyhow::Result<(i64, i64, i64)> {
    let mut all = Vec::with_capacity(charges.len());
    for (number, charge) in charges.into_iter().enumerate() {
        let totals =
            LineTotals::of(charge.amount, tax_rate, currency).context("a line total overflows")?;
        store::insert_line(conn, &charge.into_line(invoice_id, number as i64 + 1, totals)).await?;
        all.push(totals);
    }
    let sum = LineTotals::sum(&all).context("the invoice total overflows")?;
    Ok((sum.subtotal.ten_thousandths(), sum.tax.ten_thousandths(), sum.total.ten_thousandths()))
}

/// Closes the month before the current one whenever it has not been closed: at start, then
/// every few minutes, so the first check after midnight on the 1st closes the month.
pub async fn run(db: Db, clock: Clock, metrics: Arc<Metrics>, mut stop: watch::Receiver<bool>) {
    const EVERY: Duration = Duration::from_secs(300);
    loop {
        let now = clock.now();
        let started = Instant::now();
        let previous = BillingPeriod::containing(
            BillingPeriod::containing(now.date_naive())
                .start
                .pred_opt()
                .unwrap_or(now.date_naive()),
        );
        let closed = close_period(&db, previous, now).await;
        metrics.pass(
            Job::MonthClose,
            started,
            &closed
                .as_ref()
                .map(|report| Pass { done: report.issued as u64, failed: report.failed as u64 }),
        );
        if let Ok(report) = &closed {
            metrics.month_closed(report.failed as u64);
        }
        match closed {
            Ok(report) if report.issued > 0 || report.failed > 0 => {
                tracing::info!(period = %previous.month_key(), issued = report.issued, failed = report.failed, "billing period closed");
            }
            Ok(_) => {}
            Err(e) => tracing::error!(
                error = format!("{e:#}"),
                "closing the billing period failed; retrying"
            ),
        }
        tokio::select! {
            () = tokio::time::sleep(EVERY) => {}
            _ = stop.changed() => return,
        }
    }
}
