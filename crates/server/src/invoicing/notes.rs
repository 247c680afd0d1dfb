//! Correction notes: a void or adjustment note that amends an issued invoice, which never changes.

use anyhow::Context;
use chrono::{DateTime, Datelike, Utc};
use portal_domain::Amount;
use portal_domain::invoice::{DocumentType, LineKind, invoice_number};

use super::{Charge, UNITS, write_lines};
use crate::db::{Db, begin_write};
use crate::store::activity::{self, Actor, Entry};
use crate::store::invoices::{self as store, LineRow, NewInvoice};
use crate::timestamp;

/// A void note was asked for an invoice that has payments (recorded since it was read).
#[derive(Debug, thiserror::Error)]
#[error("the invoice has payments")]
pub struct PaidMeanwhile;

/// The note a correction issued: now, or by the same request before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amended {
    New(String),
    Before(String),
}

/// A correction of an issued invoice: a void note cancels every line; an adjustment note adds
/// one line of `amount` before tax. Returns the note's id.
#[tracing::instrument(skip_all, fields(invoice_id = %invoice.id, document_type = %document_type))]
pub async fn amend(
    db: &Db,
    invoice: &store::InvoiceRow,
    document_type: DocumentType,
    amount: Option<Amount>,
    reason: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> anyhow::Result<Amended> {
    let by = actor.display_name();
    let currency = invoice.currency;
    let mut tx = begin_write(db).await?;
    // Under the invoice's lock, a payment recorded since the caller read it is seen.
    store::lock(&mut tx, &invoice.id).await?;
    // The same request again (its answer was lost): the note it issued, nothing more.
    if let Some(id) = store::note_by_request(&mut tx, &invoice.id, &actor.request_id).await? {
        return Ok(Amended::Before(id));
    }
    if document_type == DocumentType::VoidNote
        && store::paid_amount(&mut tx, &invoice.id).await? != 0
    {
        return Err(PaidMeanwhile.into());
    }
    let today = now.date_naive();
    let id = invoice_number(today.year(), store::next_number(&mut tx, today.year()).await?);
    store::insert(
        &mut tx,
        &NewInvoice {
            request_id: Some(&actor.request_id),
            id: &id,
            partner_id: &invoice.partner_id,
            customer_id: &invoice.customer_id,
            document_type: document_type.as_str(),
            amends_id: Some(&invoice.id),
            reason: Some(reason),
            currency_code: invoice.currency.code,
            period_start: &invoice.period_start,
            period_end: &invoice.period_end,
            invoice_date: &timestamp::to_text(now),
            customer_name: &invoice.customer_name,
            customer_country: &invoice.customer_country,
            customer_culture: &invoice.customer_culture,
            // A note is between the same parties as the invoice it corrects.
            parties: &invoice.parties,
            tax_rate_bp: invoice.tax_rate_bp,
            created_by: by,
        },
    )
    .await?;
    match document_type {
        DocumentType::VoidNote => {
            // Every line negated, so the note's totals are exactly the invoice's, negated.
            let lines = store::lines(&mut *tx, &invoice.id, None, i64::MAX, 0).await?;
            for line in &lines {
                store::insert_line(
                    &mut tx,
                    &LineRow {
                        invoice_id: id.clone(),
                        charge_type: "void".to_owned(),
                        subtotal: -line.subtotal,
                        tax: -line.tax,
                        total: -line.total,
                        ..line.clone()
                    },
                )
                .await?;
            }
            store::set_totals(
                &mut tx,
                &id,
                (-invoice.subtotal, -invoice.tax, -invoice.total),
                lines.len() as i64,
                0,
            )
            .await?;
        }
        _ => {
            let amount = amount.context("an adjustment needs an amount")?;
            let day = today.to_string();
            let kind = if amount.is_negative() { LineKind::Credit } else { LineKind::Licence };
            let charge = Charge {
                kind,
                charge_type: "adjustment",
                subscription_id: None,
                product_name: reason.to_owned(),
                description: format!("{} {}", invoice.id, day),
                quantity: UNITS,
                unit_type: "adjustment".to_owned(),
                unit_price: Some(amount),
                charge_start: today,
                charge_end: today,
                amount,
            };
            let totals =
                write_lines(&mut tx, &id, vec![charge], invoice.tax_rate_bp, currency).await?;
            store::set_totals(&mut tx, &id, totals, 1, 0).await?;
        }
    }
    let entry = Entry {
        action: match document_type {
            DocumentType::VoidNote => "invoice.voided",
            _ => "invoice.adjusted",
        },
        customer_id: Some(&invoice.customer_id),
        partner_id: Some(&invoice.partner_id),
        target_id: &invoice.id,
        target_name: &invoice.id,
        before: None,
        after: Some(match amount {
            Some(amount) => {
                format!("{id}: {} {} ({reason})", amount.to_decimal_string(2), currency.code)
            }
            None => format!("{id} ({reason})"),
        }),
    };
    activity::record(&mut tx, actor, entry, now).await?;
    tx.commit().await?;
    Ok(Amended::New(id))
}
