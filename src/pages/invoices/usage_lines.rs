//! An invoice's daily rated usage lines: up to a million, so the server sorts, filters and
//! pages them (seek paging with `MS-ContinuationToken`) and the table loads them as the user
//! scrolls ([`VirtualTable`]).

use leptos::prelude::*;
use portal_domain::invoice::DailyRatedUsageLineItem;

use crate::api::invoices::UsageLineQuery;
use crate::api::use_api;
use crate::components::{Cell, Page, SortHeader, SortOrder, VirtualTable, use_server_pages};
use crate::i18n::{Messages, format, use_i18n};

const PAGE: usize = 500;
const DATE_COLUMN: usize = 0;
const COST_COLUMN: usize = 5;

fn cells(line: &DailyRatedUsageLineItem, _: &Messages) -> Vec<Cell> {
    vec![
        Cell::day(&line.usage_date),
        Cell::Text(format!("{} · {}", line.meter_category, line.meter_name)),
        Cell::Text(portal_domain::usage::resource_name(&line.resource_uri).to_owned()),
        Cell::Number(line.quantity),
        Cell::money(line.unit_price, &line.billing_currency),
        Cell::Money { amount: line.billing_pre_tax_total, currency: line.billing_currency.clone() },
    ]
}

#[component]
pub fn UsageLines(invoice_id: String, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let id = StoredValue::new(invoice_id);
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(SortOrder { column: DATE_COLUMN, descending: false });
    let pages = use_server_pages(
        PAGE,
        move || {
            let _ = (order.get(), filter.get());
        },
        move |start, size| {
            let query = UsageLineQuery {
                by_cost: order.get_untracked().column == COST_COLUMN,
                descending: order.get_untracked().descending,
                filter: filter.get_untracked(),
            };
            let (api, id) = (api.clone(), id.get_value());
            async move {
                let (rows, token) =
                    api.usage_lines(&id, &query, size, start.token.as_deref()).await?;
                Ok(Page { rows, more: token.is_some(), token })
            }
        },
    );

    view! {
        <h3 id="usage-lines-title">{move || t().invoices().usage_lines}</h3>
        <div class="filters table-tools">
            <div class="field" role="search">
                <label for="usage-line-filter">{move || t().table_filter}</label>
                <input id="usage-line-filter" type="search" bind:value=filter />
            </div>
        </div>
        <p role="status" class="hint" data-testid="usage-lines-status">
            {move || {
                let tag = i18n.format_tag();
                let count = pages.count();
                if pages.loading.get() && count == 0 {
                    t().loading.to_owned()
                } else {
                    (t()
                        .invoices()
                        .usage_lines_loaded)(
                        &format::integer(&tag, count as i64),
                        &format::integer(&tag, total),
                        pages.more(),
                    )
                }
            }}
        </p>
        <VirtualTable
            pages=pages
            caption=Signal::derive(move || t().invoices().usage_lines.to_owned())
            caption_hidden=true
            test_id="usage-lines"
            columns=6
            cells=cells
            title=|line: &DailyRatedUsageLineItem| line.resource_uri.clone()
            header=move || {
                view! {
                    <SortHeader
                        column=DATE_COLUMN
                        numeric=false
                        heading=|t| t.col_date
                        order=order
                    />
                    <th scope="col">{move || t().col_meter}</th>
                    <th scope="col">{move || t().col_resource}</th>
                    <th scope="col" class="numeric">
                        {move || t().col_quantity}
                    </th>
                    <th scope="col" class="numeric">
                        {move || t().col_unit_price}
                    </th>
                    <SortHeader
                        column=COST_COLUMN
                        numeric=true
                        heading=|t| t.col_total
                        order=order
                    />
                }
            }
        />
    }
}
