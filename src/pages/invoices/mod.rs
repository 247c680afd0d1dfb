//! `/invoices`: balances per currency and the invoices (newest first, filtered by billing period
//! and status); `/invoices/{id}` and `/invoices/unbilled` are in their own modules. The partner
//! bills every customer, so partner users see all of them; customer users their own.

mod corrections;
mod detail;
mod downloads;
mod payments;
mod unbilled;
mod usage_lines;

pub use detail::{InvoiceDetail, charge_columns};
pub use unbilled::Unbilled;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use portal_domain::invoice::{CloseFailure, DocumentType, Invoice, InvoiceStatus, InvoiceSummary};

use crate::api::invoices::InvoiceFilter;
use crate::api::{ApiError, use_api};
use crate::components::{
    ErrorNotice, Head, TableHead, remote_view, remote_view_with, use_page_title,
};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// Invoices asked for at a time.
const PAGE: usize = 50;

/// The status filter's choices, as sent in `status`: all, each status, and overdue (outstanding
/// past the due date).
const STATUS_FILTERS: [&str; 6] = ["", "outstanding", "overdue", "paid", "voided", "issued"];

fn status_filter_label(t: &Messages, value: &str) -> &'static str {
    match value {
        "outstanding" => t.invoices().status_outstanding,
        "overdue" => t.invoices().status_overdue,
        "paid" => t.invoices().status_paid,
        "voided" => t.invoices().status_voided,
        "issued" => t.invoices().status_issued,
        _ => t.invoices().status_all,
    }
}

/// The invoice's status, or "Overdue" when it is outstanding past its due date.
pub fn status_badge(invoice: &Invoice) -> AnyView {
    let i18n = use_i18n();
    let status = invoice.status;
    if invoice.is_overdue(format::today_utc()) {
        return view! { <span class="badge failed">{move || i18n.t().invoices().status_overdue}</span> }
            .into_any();
    }
    let class = match status {
        InvoiceStatus::Outstanding => "badge pending",
        InvoiceStatus::Paid => "badge done",
        InvoiceStatus::Voided | InvoiceStatus::Issued => "badge",
    };
    view! { <span class=class>{move || invoice_status(i18n.t(), status)}</span> }.into_any()
}

pub fn invoice_status(t: &Messages, status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Outstanding => t.invoices().status_outstanding,
        InvoiceStatus::Paid => t.invoices().status_paid,
        InvoiceStatus::Voided => t.invoices().status_voided,
        InvoiceStatus::Issued => t.invoices().status_issued,
    }
}

pub fn document_name(t: &Messages, document_type: DocumentType) -> &'static str {
    match document_type {
        DocumentType::Invoice => t.invoices().document_invoice,
        DocumentType::AdjustmentNote => t.invoices().document_adjustment,
        DocumentType::VoidNote => t.invoices().document_void,
    }
}

/// `2026-10-01T00:00:00Z` as "October 2026", the billing period's name.
pub fn period_name(tag: &str, start: &str) -> String {
    portal_domain::billing::parse_day(start)
        .map(|day| format::month_year(tag, day))
        .unwrap_or_else(|| start.to_owned())
}

#[component]
pub fn Invoices() -> impl IntoView {
    use_page_title(|t| t.invoices().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let sees_failures = session.me().is_some_and(|me| me.records_payments());
    view! {
        <h1>{move || t().invoices().title}</h1>
        <p>
            <A href="/invoices/unbilled">{move || t().invoices().unbilled_link}</A>
        </p>
        {sees_failures.then(|| view! { <CloseFailures /> })}
        <Summaries />
        <InvoiceList />
    }
}

/// The customers the monthly close could not invoice, for the partner's billing people: the
/// others were invoiced, these are retried until the cause is mended. Nothing when there are none.
#[component]
fn CloseFailures() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let failures = LocalResource::new(move || {
        let api = api.clone();
        async move { api.close_failures().await }
    });
    let item = move |f: CloseFailure| {
        let period = period_name(&i18n.format_tag(), &f.billing_period_start);
        view! {
            <li>
                <strong>{f.company_name.clone()}</strong>
                {move || (t().invoices().close_failed_item)(&period, f.attempts)}
                <br />
                <span class="hint">{f.reason.clone()}</span>
            </li>
        }
    };
    view! {
        {remote_view_with(
            ViewFn::from(|| ()),
            failures,
            move |list| {
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <section
                                class="notice warning"
                                aria-labelledby="inv-close-failed-title"
                            >
                                <h2 id="inv-close-failed-title">
                                    {move || t().invoices().close_failed_title}
                                </h2>
                                <p>{move || t().invoices().close_failed_intro}</p>
                                <ul>{list.into_iter().map(item).collect_view()}</ul>
                            </section>
                        }
                    })
            },
        )}
    }
}

#[component]
fn Summaries() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let summaries = LocalResource::new(move || {
        let api = api.clone();
        async move { api.invoice_summaries().await }
    });
    let card = move |s: InvoiceSummary| {
        let tag = i18n.format_tag();
        let last = match (&s.last_payment_date, s.last_payment_amount) {
            (Some(date), Some(amount)) => (t().invoices().last_payment)(
                &format::money(&tag, amount, &s.currency_code),
                &format::timestamp_date(&tag, date),
            ),
            _ => t().invoices().no_payment.to_owned(),
        };
        view! {
            <div class="card summary">
                <h3>
                    {(t().invoices().balance_in)(&format::currency_name(&tag, &s.currency_code))}
                </h3>
                <p class="figure">{format::money(&tag, s.balance_amount, &s.currency_code)}</p>
                <p>{(t().invoices().outstanding_count)(s.outstanding_count)}</p>
                {(s.overdue_count > 0)
                    .then(|| {
                        let amount = format::money(&tag, s.overdue_amount, &s.currency_code);
                        view! {
                            <p class="overdue">
                                {(t().invoices().overdue_count)(s.overdue_count, &amount)}
                            </p>
                        }
                    })}
                <p class="hint">{last}</p>
            </div>
        }
    };
    view! {
        <section aria-labelledby="inv-summaries-title">
            <h2 id="inv-summaries-title">{move || t().invoices().summaries}</h2>
            {remote_view(
                summaries,
                move |list| {
                    if list.is_empty() {
                        view! { <p class="empty">{move || t().invoices().none}</p> }.into_any()
                    } else {
                        view! {
                            <div class="cards">{list.into_iter().map(card).collect_view()}</div>
                        }
                            .into_any()
                    }
                },
            )}
        </section>
    }
}

/// What the list has loaded for its current filter.
/// The invoice list's columns; partner users see whose invoice it is.
fn invoice_heads(is_partner: bool) -> Vec<Head> {
    let customer = is_partner.then_some(Head::text(|t| t.col_customer));
    [Some(Head::text(|t| t.invoices().col_number)), customer]
        .into_iter()
        .flatten()
        .chain([
            Head::text(|t| t.invoices().col_document),
            Head::text(|t| t.col_date),
            Head::text(|t| t.invoices().period),
            Head::figure(|t| t.col_total),
            Head::figure(|t| t.invoices().col_paid),
            Head::figure(|t| t.invoices().col_balance),
            Head::text(|t| t.col_status),
        ])
        .collect()
}

#[derive(Clone, Default)]
struct Loaded {
    invoices: Vec<Invoice>,
    more: bool,
    generation: u32,
}

#[component]
fn InvoiceList() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = StoredValue::new(use_api());
    let session = use_session();
    let is_partner = move || session.me().is_some_and(|me| me.is_partner_user());
    let period = RwSignal::new(String::new());
    // The status a link asked for (the overview's "overdue"), if it is one the list offers.
    let asked = use_query_map().with_untracked(|q| q.get("status")).unwrap_or_default();
    let status =
        RwSignal::new(if STATUS_FILTERS.contains(&asked.as_str()) { asked } else { String::new() });
    let loaded = RwSignal::new(Loaded::default());
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let load_more = move || {
        let (offset, generation) = loaded.with_untracked(|l| (l.invoices.len(), l.generation));
        let filter =
            InvoiceFilter { period: period.get_untracked(), status: status.get_untracked() };
        loading.set(true);
        let api = api.get_value();
        spawn_local(async move {
            let result = api.invoices(&filter, offset, PAGE).await;
            loading.try_set(false);
            match result {
                Ok((invoices, more)) => {
                    loaded.try_update(|l| {
                        if l.generation == generation {
                            l.invoices.extend(invoices);
                            l.more = more;
                        }
                    });
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        let _ = (period.get(), status.get());
        loaded.update(|l| *l = Loaded { generation: l.generation + 1, ..Loaded::default() });
        error.set(None);
        load_more();
    });

    let row = move |invoice: Invoice| {
        let tag = i18n.format_tag();
        let currency = invoice.currency_code.clone();
        let money = move |amount| format::money(&tag, amount, &currency);
        let tag = i18n.format_tag();
        let href = format!("/invoices/{}", invoice.id);
        let badge = status_badge(&invoice);
        view! {
            <tr>
                <th scope="row">
                    <A href=href>{invoice.id.clone()}</A>
                </th>
                {is_partner().then(|| view! { <td>{invoice.customer_name.clone()}</td> })}
                <td>{move || document_name(t(), invoice.document_type)}</td>
                <td>{format::timestamp_date(&tag, &invoice.invoice_date)}</td>
                <td>{period_name(&tag, &invoice.billing_period_start_date)}</td>
                <td class="numeric">{money(invoice.total_charges)}</td>
                <td class="numeric">{money(invoice.paid_amount.abs())}</td>
                <td class="numeric">{money(invoice.balance_amount)}</td>
                <td>{badge}</td>
            </tr>
        }
    };

    view! {
        <section aria-labelledby="inv-list-title">
            <h2 id="inv-list-title">{move || t().invoices().list}</h2>
            <div class="filters">
                <div class="field">
                    <label for="inv-period">{move || t().invoices().period}</label>
                    <input id="inv-period" type="month" bind:value=period />
                </div>
                <div class="field">
                    <label for="inv-status">{move || t().invoices().status}</label>
                    <select
                        id="inv-status"
                        prop:value=status
                        on:change=move |ev| status.set(event_target_value(&ev))
                    >
                        {STATUS_FILTERS
                            .into_iter()
                            .map(|value| {
                                view! {
                                    <option value=value selected=status.get_untracked() == value>
                                        {move || status_filter_label(t(), value)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <ErrorNotice
                                error=e
                                retry=Callback::new(move |()| {
                                    error.set(None);
                                    load_more();
                                })
                            />
                        }
                    })
            }}
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{move || t().invoices().list}</caption>
                    {move || view! { <TableHead columns=invoice_heads(is_partner()) /> }}
                    <tbody>
                        {move || {
                            let invoices = loaded.with(|l| l.invoices.clone());
                            if invoices.is_empty() && !loading.get() {
                                return view! {
                                    <tr>
                                        <td colspan="9" class="empty">
                                            {move || t().invoices().none_match}
                                        </td>
                                    </tr>
                                }
                                    .into_any();
                            }
                            invoices.into_iter().map(row).collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>
            <p role="status" class="hint">
                {move || loading.get().then(|| t().loading)}
            </p>
            {move || {
                loaded
                    .with(|l| l.more)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                disabled=move || loading.get()
                                on:click=move |_| load_more()
                            >
                                {move || t().invoices().load_more}
                            </button>
                        }
                    })
            }}
        </section>
    }
}
