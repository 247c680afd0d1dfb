//! Payments and correction notes (our extensions): what settles or amends an invoice.

use axum::Json as JsonResponse;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use portal_domain::billing::parse_day;
use portal_domain::invoice::{
    AMENDMENT_REASON_MAX, DocumentType, Invoice, InvoiceStatus, NewAmendment, NewPayment, Payment,
    check_amendment_reason, check_payment,
};
use portal_domain::{Attributes, Collection, ErrorCode};

use super::{amount, status_of, to_resource};
use crate::auth::access::{Allowed, RecordPayments, VisibleInvoice};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::invoicing;
use crate::request_ids::RequestIds;
use crate::state::AppState;
use crate::store::activity::{self, Actor, Entry};
use crate::store::invoices::{self as store, PaymentRow};
use crate::timestamp;

fn payment_resource(row: PaymentRow) -> Payment {
    Payment {
        id: row.id,
        invoice_id: row.invoice_id,
        amount: amount(row.amount),
        paid_on: row.paid_on,
        reference: row.reference,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
        attributes: Attributes::of("Payment"),
    }
}

/// `GET /v1/invoices/{invoiceId}/payments` (our extension), oldest first.
#[utoipa::path(
    get,
    path = "/payments",
    operation_id = "listPayments",
    tag = "Invoices",
    summary = "Payments recorded against an invoice (our extension)",
    security(("session" = [])),
    params(crate::openapi::InvoicePath),
    responses(
        (status = 200, description = "Oldest first", body = Collection<Payment>),
    )
)]
pub async fn payments(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
) -> AppResult<JsonResponse<Collection<Payment>>> {
    let items =
        store::payments(&state.db, &invoice.id).await?.into_iter().map(payment_resource).collect();
    Ok(JsonResponse(Collection::page(items, format!("/invoices/{}/payments", invoice.id))))
}

/// `POST /v1/invoices/{invoiceId}/payments` (our extension): records a payment received. A
/// retry with the same `MS-RequestId` returns the first answer and records nothing more.
#[utoipa::path(
    post,
    path = "/payments",
    operation_id = "recordPayment",
    tag = "Invoices",
    summary = "Record a payment received (our extension)",
    description = "A retry with the same `MS-RequestId` returns the first answer and records nothing more. Partner billing admins and global admins.",
    security(("session" = [])),
    params(crate::openapi::InvoicePath, ("MS-RequestId" = Option<String>, Header, description = "Makes a retry answer the first request's result")),
    request_body = NewPayment,
    responses(
        (status = 201, description = "The payment", body = Payment),
        (status = 409, description = "The invoice is voided", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn record_payment(
    State(state): State<AppState>,
    VisibleInvoice { user, invoice }: VisibleInvoice,
    _: Allowed<RecordPayments>,
    Extension(ids): Extension<RequestIds>,
    Json(body): Json<NewPayment>,
) -> AppResult<(StatusCode, JsonResponse<Payment>)> {
    let now = state.clock.now();
    let paid_on = match body.paid_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => now.date_naive(),
        Some(text) => parse_day(text)
            .filter(|d| text.len() == 10 && *d <= now.date_naive())
            .ok_or_else(|| {
                AppError::invalid_field(
                    "paidOn",
                    "must be a date written YYYY-MM-DD, not in the future",
                )
            })?,
    };
    let reference = body.reference.trim();
    if reference.chars().count() > 100 {
        return Err(AppError::invalid_field("reference", "must be at most 100 characters"));
    }
    let currency = invoice.currency;
    if body.amount.round_to(currency) != body.amount {
        return Err(AppError::invalid_field("amount", "must be in whole cents"));
    }

    let mut tx = begin_write(&state.db).await?;
    store::lock(&mut tx, &invoice.id).await?;
    if let Some(done) = store::payment_by_request(&mut tx, &invoice.id, &ids.request_id).await? {
        return Ok((StatusCode::OK, JsonResponse(payment_resource(done))));
    }
    // Read again under the invoice's lock: two payments at once must not both fit the balance,
    // and a void note issued meanwhile is seen.
    let id = invoice.id;
    let invoice = store::find(&mut *tx, &user.scope(), &id)
        .await?
        .ok_or_else(|| AppError::invoice_not_found(&id))?;
    match status_of(&invoice) {
        InvoiceStatus::Voided => {
            return Err(AppError::new(
                ErrorCode::InvoiceVoided,
                "This invoice is voided: there is nothing to pay.",
            ));
        }
        InvoiceStatus::Issued => {
            return Err(AppError::invalid_field(
                "invoiceId",
                "is a correction note: payments go against invoices",
            ));
        }
        _ => {}
    }
    let balance = amount(invoice.total - invoice.paid_amount);
    check_payment(body.amount, balance).map_err(|message| {
        AppError::invalid_field(
            "amount",
            format!("{message} ({} {})", balance.to_decimal_string(2), currency.code),
        )
    })?;
    let row = PaymentRow {
        id: uuid::Uuid::new_v4().to_string(),
        invoice_id: invoice.id.clone(),
        amount: body.amount.ten_thousandths(),
        paid_on: paid_on.to_string(),
        reference: reference.to_owned(),
        recorded_by: user.display_name.clone(),
        recorded_at: timestamp::to_text(now),
    };
    store::insert_payment(&mut tx, &row, &ids.request_id).await?;
    let entry = Entry {
        action: "invoice.payment_recorded",
        customer_id: Some(&invoice.customer_id),
        partner_id: None,
        target_id: &invoice.id,
        target_name: &invoice.id,
        before: Some(format!("{} {}", balance.to_decimal_string(2), currency.code)),
        after: Some(format!(
            "{} {} paid on {paid_on} ({reference})",
            body.amount.to_decimal_string(2),
            currency.code
        )),
    };
    activity::record(&mut tx, &Actor::user(&user, &ids.request_id), entry, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, JsonResponse(payment_resource(row))))
}

/// `POST /v1/invoices/{invoiceId}/amendments` (our extension): issues a void or adjustment note
/// that references the invoice, which itself never changes. The same `MS-RequestId` again
/// answers the note it issued (200) and issues nothing more.
#[utoipa::path(
    post,
    path = "/amendments",
    operation_id = "amendInvoice",
    tag = "Invoices",
    summary = "Issue a void or adjustment note (our extension)",
    description = "The note references the invoice, which itself never changes. The same `MS-RequestId` again answers the note it issued (200) and issues nothing more.",
    security(("session" = [])),
    params(crate::openapi::InvoicePath, ("MS-RequestId" = Option<String>, Header, description = "Makes a retry answer the first request's result")),
    request_body = NewAmendment,
    responses(
        (status = 201, description = "The note", body = Invoice),
        (status = 200, description = "The note the same request issued before", body = Invoice),
        (status = 409, description = "The invoice is voided already", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn amend(
    State(state): State<AppState>,
    VisibleInvoice { user, invoice }: VisibleInvoice,
    _: Allowed<RecordPayments>,
    actor: Actor,
    Json(body): Json<NewAmendment>,
) -> AppResult<(StatusCode, JsonResponse<Invoice>)> {
    let reason = check_amendment_reason(&body.reason).map_err(|_| {
        AppError::invalid_field(
            "reason",
            format!("is required, at most {AMENDMENT_REASON_MAX} characters"),
        )
    })?;
    if invoice.document_type != DocumentType::Invoice {
        return Err(AppError::invalid_field(
            "invoiceId",
            "is a correction note: notes amend invoices",
        ));
    }
    if invoice.voided() {
        return Err(AppError::new(ErrorCode::InvoiceVoided, "This invoice is voided already."));
    }
    let currency = invoice.currency;
    let amount = match body.document_type {
        DocumentType::Invoice => {
            return Err(AppError::invalid_field(
                "documentType",
                "must be void_note or adjustment_note",
            ));
        }
        DocumentType::VoidNote if invoice.paid_amount != 0 => {
            return Err(AppError::invalid_field(
                "documentType",
                "cannot void an invoice with payments: issue an adjustment note instead",
            ));
        }
        DocumentType::VoidNote => None,
        DocumentType::AdjustmentNote => match body.amount {
            Some(a) if !a.is_zero() && a.round_to(currency) == a => Some(a),
            _ => {
                return Err(AppError::invalid_field(
                    "amount",
                    "must be a non-zero amount in whole cents (negative for a credit)",
                ));
            }
        },
    };
    let note_id = invoicing::amend(
        &state.db,
        &invoice,
        body.document_type,
        amount,
        reason,
        &actor,
        state.clock.now(),
    )
    .await
    .map_err(|e| {
        // Two void notes at once: the unique index keeps the first.
        if e.downcast_ref::<sqlx::Error>().is_some_and(crate::store::is_duplicate) {
            AppError::new(ErrorCode::InvoiceVoided, "This invoice is voided already.")
        } else if e.is::<invoicing::PaidMeanwhile>() {
            AppError::invalid_field(
                "documentType",
                "cannot void an invoice with payments: issue an adjustment note instead",
            )
        } else {
            AppError::Internal(e)
        }
    })?;
    let (status, note_id) = match note_id {
        invoicing::Amended::New(id) => (StatusCode::CREATED, id),
        invoicing::Amended::Before(id) => (StatusCode::OK, id),
    };
    let note = store::find(&state.db, &user.scope(), &note_id)
        .await?
        .ok_or_else(|| AppError::invoice_not_found(&note_id))?;
    Ok((status, JsonResponse(to_resource(&note, Vec::new()))))
}
