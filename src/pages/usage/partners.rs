//! For partner users: every customer's spend in the period against its budget.

use leptos::prelude::*;
use portal_domain::usage::{self, CurrencyTotal, CustomerMonthlyUsageRecord, PartnerUsageSummary};

use crate::api::use_api;
use crate::components::{Cell, Column, FigureTable, SortOrder, headings, remote_view, rows_of};
use crate::i18n::{Messages, format, use_i18n};

/// Where a customer stands against its budget, in words: the thresholds that raise alerts.
fn budget_status(record: &CustomerMonthlyUsageRecord, t: &Messages) -> String {
    // No percentage: no budget, or a budget of zero.
    if record.percent_used.is_none() {
        return t.usage().status_no_budget.to_owned();
    }
    match usage::threshold_reached(record.total_cost, record.budget.amount) {
        Some(threshold) if threshold >= 100 => t.usage().status_over,
        Some(_) => t.usage().status_near,
        None => t.usage().status_within,
    }
    .to_owned()
}

/// The partner's spend in each currency, rounded to the cent: `€1,419.97 · $1,036.23`; None
/// before any. The overview's tile says the same.
pub fn spend_totals(tag: &str, totals: &[CurrencyTotal]) -> Option<String> {
    (!totals.is_empty()).then(|| {
        totals
            .iter()
            .map(|c| format::money_rounded(tag, c.amount, &c.currency_code))
            .collect::<Vec<_>>()
            .join(" · ")
    })
}

fn columns() -> Vec<Column<CustomerMonthlyUsageRecord>> {
    vec![
        Column {
            heading: |t| t.col_customer,
            cell: |r, _| Cell::Link {
                text: r.resource_name.clone(),
                href: format!("/usage?customer={}", r.resource_id),
            },
        },
        Column {
            heading: |t| t.usage().col_spent,
            cell: |r, _| Cell::money(r.total_cost, &r.currency_code),
        },
        Column {
            heading: |t| t.usage().col_budget,
            cell: |r, _| r.budget.amount.map_or(Cell::Empty, |b| Cell::money(b, &r.currency_code)),
        },
        Column {
            heading: |t| t.usage().col_used,
            cell: |r, _| r.percent_used.map_or(Cell::Empty, Cell::Percent),
        },
        Column {
            heading: |t| t.usage().col_budget_status,
            cell: |r, t| Cell::Text(budget_status(r, t)),
        },
    ]
}

#[component]
pub fn PartnerOverview(period: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let data = LocalResource::new(move || {
        let (api, period) = (api.clone(), period.get());
        async move {
            let p = period.as_deref();
            futures::try_join!(api.partner_usage_summary(p), api.customers_usage(p))
        }
    });
    view! {
        <section aria-labelledby="partner-usage-title">
            <h2 id="partner-usage-title">{move || t().usage().all_customers}</h2>
            {remote_view(
                data,
                |(summary, records)| view! { <Overview summary=summary records=records /> },
            )}
        </section>
    }
}

#[component]
fn Overview(
    summary: PartnerUsageSummary,
    records: Vec<CustomerMonthlyUsageRecord>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let columns = columns();
    let headings = headings(&columns);
    let rows = Signal::derive(move || rows_of(&records, &columns, i18n.t()));
    let totals = summary.totals.clone();
    let (over, trending) = (summary.customers_over_budget, summary.customers_trending_over);
    view! {
        <dl class="facts">
            <dt>{move || t().usage().partner_total}</dt>
            <dd>
                {move || {
                    spend_totals(&i18n.format_tag(), &totals)
                        .unwrap_or_else(|| t().usage().none.to_owned())
                }}
            </dd>
            <dt>{move || t().usage().over_budget}</dt>
            <dd>{move || format::integer(&i18n.format_tag(), over as i64)}</dd>
            <dt>{move || t().usage().trending_over}</dt>
            <dd>{move || format::integer(&i18n.format_tag(), trending as i64)}</dd>
        </dl>
        <FigureTable
            caption=Signal::derive(move || i18n.t().usage().all_customers.to_owned())
            headings=headings
            rows=rows
            order=SortOrder {
                column: 1,
                descending: true,
            }
            filter_id="customer-usage-filter"
            file_name="usage-by-customer"
        />
    }
}
