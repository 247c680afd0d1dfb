//! An invoice's daily rated usage lines: up to a million, so the server sorts, filters and
//! pages them (seek paging with `MS-ContinuationToken`), the table asks for the next page as the
//! user scrolls near the end, and only the rows in view (plus a margin) are in the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::invoice::DailyRatedUsageLineItem;

use crate::api::invoices::UsageLineQuery;
use crate::api::{ApiError, use_api};
use crate::components::ErrorNotice;
use crate::components::{Cell, SortOrder, cell_view, visible_window};
use crate::i18n::{format, use_i18n};

/// Rows are this tall (CSS keeps them so): the scroll position says which are in view.
const ROW_HEIGHT: f64 = 40.0;
const PAGE: usize = 500;
const OVERSCAN: usize = 10;
const DATE_COLUMN: usize = 0;
const COST_COLUMN: usize = 5;
const COLUMNS: usize = 6;

#[derive(Clone, Default)]
struct Loaded {
    rows: Vec<DailyRatedUsageLineItem>,
    /// The next page's token; None once the last page is in.
    next: Option<String>,
    started: bool,
    generation: u32,
}

impl Loaded {
    fn more(&self) -> bool {
        !self.started || self.next.is_some()
    }
}

fn cells(line: &DailyRatedUsageLineItem) -> [Cell; COLUMNS] {
    [
        Cell::Text(line.usage_date.get(..10).unwrap_or_default().to_owned()),
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
    let api = StoredValue::new(use_api());
    let id = StoredValue::new(invoice_id);
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(SortOrder { column: DATE_COLUMN, descending: false });
    let loaded = RwSignal::new(Loaded::default());
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = NodeRef::<leptos::html::Div>::new();

    let load_more = move || {
        if loading.get_untracked() || !loaded.with_untracked(Loaded::more) {
            return;
        }
        let (token, generation) = loaded.with_untracked(|l| (l.next.clone(), l.generation));
        let query = UsageLineQuery {
            by_cost: order.get_untracked().column == COST_COLUMN,
            descending: order.get_untracked().descending,
            filter: filter.get_untracked(),
        };
        loading.set(true);
        let (api, id) = (api.get_value(), id.get_value());
        spawn_local(async move {
            let result = api.usage_lines(&id, &query, PAGE, token.as_deref()).await;
            loading.try_set(false);
            match result {
                Ok((rows, next)) => {
                    loaded.try_update(|l| {
                        if l.generation == generation {
                            l.rows.extend(rows);
                            l.next = next;
                            l.started = true;
                        }
                    });
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    // A new sort or filter starts from the top; typing waits for a pause.
    let debounce = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<()>| {
        let _ = (order.get(), filter.get());
        let restart = move || {
            loaded.update(|l| *l = Loaded { generation: l.generation + 1, ..Loaded::default() });
            loading.set(false);
            error.set(None);
            scroll_top.set(0.0);
            if let Some(el) = viewport.get_untracked() {
                el.set_scroll_top(0);
            }
            load_more();
        };
        if let Some(handle) = debounce.get_value() {
            handle.clear();
        }
        if previous.is_none() {
            restart();
        } else {
            debounce.set_value(
                set_timeout_with_handle(restart, std::time::Duration::from_millis(250)).ok(),
            );
        }
    });
    on_cleanup(move || {
        if let Some(handle) = debounce.get_value() {
            handle.clear();
        }
    });

    let viewport_height = move || viewport.get().map_or(480.0, |el| f64::from(el.client_height()));
    let window = move || {
        let count = loaded.with(|l| l.rows.len());
        visible_window(scroll_top.get(), viewport_height(), ROW_HEIGHT, count, OVERSCAN)
    };
    Effect::new(move |_| {
        let end = window().end;
        let (count, more) = loaded.with(|l| (l.rows.len(), l.more()));
        if more && error.with(Option::is_none) && end + PAGE / 2 >= count {
            load_more();
        }
    });

    let sort_header =
        move |column: usize, numeric: bool, label: fn(&crate::i18n::Messages) -> &'static str| {
            view! {
                <th scope="col" class:numeric=numeric aria-sort=move || order.get().aria(column)>
                    <button type="button" class="sort" on:click=move |_| order.update(|o| *o = o.toggled(column, numeric))>
                        {move || label(t())}
                        <span class="sort-mark" aria-hidden="true">{move || order.get().mark(column)}</span>
                    </button>
                </th>
            }
        };

    view! {
        <h3 id="usage-lines-title">{move || t().inv_usage_lines}</h3>
        <div class="filters table-tools">
            <div class="field" role="search">
                <label for="usage-line-filter">{move || t().table_filter}</label>
                <input id="usage-line-filter" type="search" bind:value=filter />
            </div>
        </div>
        <p role="status" class="hint" data-testid="usage-lines-status">
            {move || {
                let tag = i18n.format_tag();
                let (count, more) = loaded.with(|l| (l.rows.len(), l.more()));
                if loading.get() && count == 0 {
                    t().loading.to_owned()
                } else {
                    (t().inv_usage_lines_loaded)(
                        &format::integer(&tag, count as i64),
                        &format::integer(&tag, total),
                        more,
                    )
                }
            }}
        </p>
        {move || error.get().map(|e| view! { <ErrorNotice error=e retry=Callback::new(move |()| { error.set(None); load_more(); }) /> })}
        <div
            class="table-wrap virtual"
            node_ref=viewport
            tabindex="0"
            role="region"
            aria-labelledby="usage-lines-title"
            data-testid="usage-lines"
            on:scroll=move |ev| scroll_top.set(f64::from(event_target::<web_sys::HtmlElement>(&ev).scroll_top()))
        >
            <table aria-rowcount=move || loaded.with(|l| if l.more() { -1 } else { l.rows.len() as i64 + 1 })>
                <caption class="visually-hidden">{move || t().inv_usage_lines}</caption>
                <thead>
                    <tr aria-rowindex="1">
                        {sort_header(DATE_COLUMN, false, |t| t.col_date)}
                        <th scope="col">{move || t().col_meter}</th>
                        <th scope="col">{move || t().col_resource}</th>
                        <th scope="col" class="numeric">{move || t().col_quantity}</th>
                        <th scope="col" class="numeric">{move || t().col_unit_price}</th>
                        {sort_header(COST_COLUMN, true, |t| t.col_total)}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let range = window();
                        let (count, more) = loaded.with(|l| (l.rows.len(), l.more()));
                        if count == 0 && !more && !loading.get() {
                            return view! {
                                <tr><td colspan=COLUMNS.to_string() class="empty">{move || t().table_no_match}</td></tr>
                            }
                            .into_any();
                        }
                        let above = range.start as f64 * ROW_HEIGHT;
                        let below = (count - range.end) as f64 * ROW_HEIGHT;
                        let rows = loaded.with(|l| l.rows[range.clone()].to_vec());
                        view! {
                            <tr class="spacer" aria-hidden="true"><td colspan=COLUMNS.to_string() style=format!("height:{above}px")></td></tr>
                            {rows.into_iter().enumerate().map(|(i, row)| {
                                let index = (range.start + i + 2).to_string();
                                view! {
                                    <tr aria-rowindex=index title=row.resource_uri.clone()>
                                        {cells(&row).into_iter().enumerate().map(|(i, cell)| cell_view(i == 0, cell)).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                            <tr class="spacer" aria-hidden="true"><td colspan=COLUMNS.to_string() style=format!("height:{below}px")></td></tr>
                        }
                        .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}
