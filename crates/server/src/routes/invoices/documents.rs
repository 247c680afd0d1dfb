//! An invoice as documents: the PDF statement and the streamed CSV export.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::access::VisibleInvoice;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::state::AppState;
use crate::store::invoices::{self as store};

/// `GET /v1/invoices/{invoiceId}/documents/statement`: the PDF, in the customer's language.
#[utoipa::path(
    get,
    path = "/documents/statement",
    operation_id = "getInvoiceStatement",
    tag = "Invoices",
    summary = "The invoice as a PDF, in the customer's language",
    security(("session" = [])),
    params(crate::openapi::InvoicePath),
    responses(
        (status = 200, content_type = "application/pdf", description = "The statement", body = Vec<u8>),
    )
)]
pub async fn statement(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
) -> AppResult<Response> {
    let lines = store::lines(&state.db, &invoice.id, None, i64::MAX, 0).await?;
    let partner = crate::store::usage::partner_name(&state.db, &invoice.partner_id)
        .await?
        .unwrap_or_default();
    // Laying out and compressing a PDF takes tens of milliseconds of CPU: off the async workers.
    let file_name = format!("attachment; filename=Invoice_{}.pdf", invoice.id);
    let pdf =
        tokio::task::spawn_blocking(move || crate::statement::render(&invoice, &lines, &partner))
            .await
            .map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("rendering a statement"))
            })??;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&file_name).map_err(|e| anyhow::anyhow!(e))?,
            ),
        ],
        pdf,
    )
        .into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `billinglineitems` (the default) or `usagelineitems`.
    invoicelineitemtype: Option<String>,
}

/// `GET /v1/invoices/{invoiceId}/lineitems/export?invoicelineitemtype=…` (our extension): every
/// line as CSV, streamed page by page, so memory stays flat at any size.
#[utoipa::path(
    get,
    path = "/lineitems/export",
    operation_id = "exportInvoiceLineItems",
    tag = "Invoices",
    summary = "Every line as CSV, streamed (our extension)",
    security(("session" = [])),
    params(crate::openapi::InvoicePath, ExportQuery),
    responses(
        (status = 200, content_type = "text/csv", description = "The lines, a header row first", body = String),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let usage = match q.invoicelineitemtype.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("billinglineitems") => false,
        Some("usagelineitems") => true,
        Some(_) => {
            return Err(AppError::invalid_field(
                "invoicelineitemtype",
                "must be billinglineitems or usagelineitems",
            ));
        }
    };
    let what = if usage { "usage" } else { "billing" };
    let filename = format!("{}_{what}_line_items.csv", invoice.id);
    let body = if usage {
        Body::from_stream(crate::export::usage_lines(state.db.clone(), invoice.id.clone()))
    } else {
        Body::from_stream(crate::export::billing_lines(state.db.clone(), invoice))
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename={filename}"))
                    .map_err(|e| anyhow::anyhow!(e))?,
            ),
        ],
        body,
    )
        .into_response())
}
