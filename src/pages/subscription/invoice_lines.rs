//! What the invoices charged for one subscription: its lines across the customer's invoices and
//! correction notes. A user who reaches only some subscriptions sees their charges here, since
//! the invoices themselves bill the whole customer.

use leptos::prelude::*;
use portal_domain::invoice::BillingLineItem;

use crate::api::use_api;
use crate::components::{Cell, Column, FigureTable, SortOrder, headings, remote_view, rows_of};
use crate::i18n::use_i18n;
use crate::pages::invoices::charge_columns;

/// The lines' columns; the invoice links to its page for users who may open it.
fn columns(link_invoices: bool) -> Vec<Column<BillingLineItem>> {
    let invoice: fn(&BillingLineItem, &crate::i18n::Messages) -> Cell = if link_invoices {
        |l, _| {
            let number = l.invoice_number.clone().unwrap_or_default();
            Cell::Link { href: format!("/invoices/{number}"), text: number }
        }
    } else {
        |l, _| Cell::Text(l.invoice_number.clone().unwrap_or_default())
    };
    let mut columns = vec![Column { heading: |t| t.subscriptions().col_invoice, cell: invoice }];
    columns.extend(charge_columns());
    columns.push(Column {
        heading: |t| t.col_total,
        cell: |l, _| Cell::money(l.total_for_customer, &l.currency),
    });
    columns
}

#[component]
pub(super) fn InvoiceLines(
    customer_id: String,
    subscription_id: String,
    /// Whether the user may open the invoices (everyone who sees the whole customer).
    link_invoices: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let lines = LocalResource::new(move || {
        let (api, customer_id, subscription_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone());
        async move { api.subscription_invoice_lines(&customer_id, &subscription_id).await }
    });
    view! {
        <section aria-labelledby="invoice-lines-title">
            <h2 id="invoice-lines-title">{move || t().subscriptions().invoice_lines_title}</h2>
            <p class="hint">{move || t().subscriptions().invoice_lines_intro}</p>
            {remote_view(
                lines,
                move |lines| {
                    if lines.is_empty() {
                        return view! {
                            <p class="empty">{move || t().subscriptions().invoice_lines_empty}</p>
                        }
                            .into_any();
                    }
                    let shown = columns(link_invoices);
                    let heads = headings(&shown);
                    let rows = Signal::derive(move || rows_of(&lines, &shown, i18n.t()));
                    // Newest first, as the server sends them; the table sorts by its columns.
                    view! {
                        <FigureTable
                            caption=Signal::derive(move || {
                                t().subscriptions().invoice_lines_title.to_owned()
                            })
                            headings=heads
                            rows=rows
                            order=SortOrder {
                                column: 3,
                                descending: true,
                            }
                            filter_id="invoice-lines-filter"
                            file_name="subscription-invoice-lines"
                        />
                    }
                        .into_any()
                },
            )}
        </section>
    }
}
