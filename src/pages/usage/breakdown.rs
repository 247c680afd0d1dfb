//! The period's cost broken down by Azure plan, by meter and by resource, in tabs. Plans and
//! meters are short lists sorted and filtered here; resources can run to hundreds of thousands,
//! so the server sorts, filters and pages them and only the rows in view are rendered.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::usage::{MeterUsageRecord, ResourceUsageRecord, SubscriptionMonthlyUsageRecord};

use crate::api::usage::ResourceQuery;
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    Cell, Column, ErrorNotice, FigureTable, Loading, SortOrder, TableTools, cell_view,
    download_csv, headings, rows_of, tab_after_key, to_csv, visible_window,
};
use crate::i18n::{Messages, format, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Plans,
    Meters,
    Resources,
}

const TABS: [Tab; 3] = [Tab::Plans, Tab::Meters, Tab::Resources];

impl Tab {
    fn label(self, t: &Messages) -> &'static str {
        match self {
            Tab::Plans => t.usage_by_subscription,
            Tab::Meters => t.usage_by_meter,
            Tab::Resources => t.usage_by_resource,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Plans => "tab-plans",
            Tab::Meters => "tab-meters",
            Tab::Resources => "tab-resources",
        }
    }
}

fn plan_columns() -> Vec<Column<SubscriptionMonthlyUsageRecord>> {
    vec![
        Column {
            heading: |t| t.col_name,
            cell: |r, _| Cell::Link {
                text: r.resource_name.clone(),
                href: format!("/subscriptions/{}", r.resource_id),
            },
        },
        Column {
            heading: |t| t.col_status,
            cell: |r, t| Cell::Text(t.subscription_status(r.status).to_owned()),
        },
        Column {
            heading: |t| t.col_total,
            cell: |r, _| Cell::money(r.total_cost, &r.currency_code),
        },
    ]
}

fn meter_columns() -> Vec<Column<MeterUsageRecord>> {
    vec![
        Column { heading: |t| t.col_meter, cell: |r, _| Cell::Text(r.meter_name.clone()) },
        Column { heading: |t| t.col_category, cell: |r, _| Cell::Text(r.category.clone()) },
        Column { heading: |t| t.col_quantity, cell: |r, _| Cell::Number(r.quantity_used) },
        Column { heading: |t| t.col_unit, cell: |r, _| Cell::Text(r.unit.clone()) },
        Column {
            heading: |t| t.col_total,
            cell: |r, _| Cell::money(r.total_cost, &r.currency_code),
        },
    ]
}

fn resource_columns() -> Vec<Column<ResourceUsageRecord>> {
    vec![
        Column { heading: |t| t.col_resource, cell: |r, _| Cell::Text(r.resource_name.clone()) },
        Column {
            heading: |t| t.col_resource_group,
            cell: |r, _| Cell::Text(r.resource_group_name.clone()),
        },
        Column {
            heading: |t| t.col_azure_subscription,
            cell: |r, _| r.entitlement_name.clone().map_or(Cell::Empty, Cell::Text),
        },
        Column {
            heading: |t| t.col_total,
            cell: |r, _| Cell::money(r.total_cost, &r.currency_code),
        },
    ]
}

#[component]
pub fn Breakdown(
    customer_id: String,
    plans: Vec<SubscriptionMonthlyUsageRecord>,
    period: Memo<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let tab = RwSignal::new(Tab::Plans);
    if plans.is_empty() {
        return view! {
            <section aria-labelledby="breakdown-title">
                <h3 id="breakdown-title">{move || t().usage_breakdown}</h3>
                <p class="empty">{move || t().usage_no_azure_plan}</p>
            </section>
        }
        .into_any();
    }
    // Meters and resources are per Azure plan; most customers have one.
    let plan_id = RwSignal::new(plans[0].resource_id.clone());
    let plan_choices: Vec<(String, String)> =
        plans.iter().map(|p| (p.resource_id.clone(), p.resource_name.clone())).collect();
    let customer_id = StoredValue::new(customer_id);

    // Arrow keys move between tabs (WAI-ARIA tabs pattern); only the selected tab is in the
    // Tab order.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = TABS.iter().position(|x| *x == tab.get_untracked()).unwrap_or(0);
        let Some(next) = tab_after_key(&ev.key(), current, TABS.len()) else { return };
        ev.prevent_default();
        tab.set(TABS[next]);
        browser::focus(TABS[next].id());
    };

    view! {
        <section aria-labelledby="breakdown-title">
            <h3 id="breakdown-title">{move || t().usage_breakdown}</h3>
            <div role="tablist" aria-labelledby="breakdown-title" class="tabs" on:keydown=on_key>
                {TABS
                    .into_iter()
                    .map(|x| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=x.id()
                                aria-controls="breakdown-panel"
                                aria-selected=move || (tab.get() == x).to_string()
                                tabindex=move || if tab.get() == x { "0" } else { "-1" }
                                on:click=move |_| tab.set(x)
                            >
                                {move || x.label(t())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div id="breakdown-panel" role="tabpanel" aria-labelledby=move || tab.get().id()>
                {(plan_choices.len() > 1)
                    .then(|| {
                        let choices = plan_choices.clone();
                        view! {
                            <div class="field" hidden=move || tab.get() == Tab::Plans>
                                <label for="usage-plan">{move || t().usage_azure_plan}</label>
                                <select id="usage-plan" on:change=move |ev| plan_id.set(event_target_value(&ev))>
                                    {choices
                                        .into_iter()
                                        .map(|(id, name)| view! { <option value=id>{name}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                {move || match tab.get() {
                    Tab::Plans => view! { <PlanTable plans=plans.clone() /> }.into_any(),
                    Tab::Meters => view! { <MeterTable customer_id=customer_id.get_value() plan_id=plan_id.get() period=period /> }.into_any(),
                    Tab::Resources => view! { <ResourceTable customer_id=customer_id.get_value() plan_id=plan_id.get() period=period /> }.into_any(),
                }}
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn PlanTable(plans: Vec<SubscriptionMonthlyUsageRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let columns = plan_columns();
    let heads = headings(&columns);
    let rows = Signal::derive(move || rows_of(&plans, &columns, i18n.t()));
    view! {
        <FigureTable
            caption=Signal::derive(move || i18n.t().usage_by_subscription.to_owned())
            headings=heads
            rows=rows
            order=SortOrder { column: 2, descending: true }
            filter_id="plan-filter"
            file_name="usage-by-subscription"
        />
    }
}

#[component]
fn MeterTable(customer_id: String, plan_id: String, period: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let meters = LocalResource::new(move || {
        let (api, customer_id, plan_id, period) =
            (api.clone(), customer_id.clone(), plan_id.clone(), period.get());
        async move { api.meter_usage(&customer_id, &plan_id, period.as_deref()).await }
    });
    view! {
        <Transition fallback=Loading>
            {move || {
                meters.get().map(|result| match result {
                    Ok(records) => {
                        let columns = meter_columns();
                        let heads = headings(&columns);
                        let rows = Signal::derive(move || rows_of(&records, &columns, i18n.t()));
                        view! {
                            <FigureTable
                                caption=Signal::derive(move || i18n.t().usage_by_meter.to_owned())
                                headings=heads
                                rows=rows
                                order=SortOrder { column: 4, descending: true }
                                filter_id="meter-filter"
                                file_name="usage-by-meter"
                            />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error=error retry=Callback::new(move |()| meters.refetch()) /> }.into_any(),
                })
            }}
        </Transition>
    }
}

/// Rows of the resource table are this tall (CSS keeps them so): the scroll position says
/// which rows are in view.
const ROW_HEIGHT: f64 = 40.0;
/// The resource table's columns the server sorts by: the resource (its URI) and the cost.
const RESOURCE_COLUMN: usize = 0;
const COST_COLUMN: usize = 3;
/// Rows asked for at a time while scrolling, and at a time when exporting.
const PAGE: usize = 200;
const EXPORT_PAGE: usize = 1_000;
/// Rows rendered above and below the ones in view, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// What the resource table has loaded for its current query.
#[derive(Clone, Default)]
struct Loaded {
    rows: Vec<ResourceUsageRecord>,
    more: bool,
    /// Bumped by every new query, so an answer to an older one is dropped.
    generation: u32,
}

#[component]
fn ResourceTable(
    customer_id: String,
    plan_id: String,
    period: Memo<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = StoredValue::new(use_api());
    let ids = StoredValue::new((customer_id, plan_id));
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(SortOrder { column: COST_COLUMN, descending: true });
    let loaded = RwSignal::new(Loaded::default());
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = NodeRef::<leptos::html::Div>::new();
    let exporting = RwSignal::new(None::<usize>);

    let query = move || ResourceQuery {
        period: period.get_untracked(),
        by_cost: order.get_untracked().column == COST_COLUMN,
        descending: order.get_untracked().descending,
        filter: filter.get_untracked(),
    };
    let load_more = move || {
        if loading.get_untracked() {
            return;
        }
        let (offset, generation) = loaded.with_untracked(|l| (l.rows.len(), l.generation));
        loading.set(true);
        let (q, (customer_id, plan_id)) = (query(), ids.get_value());
        let api = api.get_value();
        spawn_local(async move {
            let result = api.resource_usage(&customer_id, &plan_id, &q, offset, PAGE).await;
            loading.try_set(false);
            match result {
                Ok((rows, more)) => {
                    loaded.try_update(|l| {
                        if l.generation == generation {
                            l.rows.extend(rows);
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
    // A new query (sort, filter, period) starts from the top. The filter waits for a pause in
    // typing so each key press does not ask the server.
    let debounce = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<()>| {
        let _ = (order.get(), filter.get(), period.get());
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
    // Near the end of what is loaded, ask for the next page.
    Effect::new(move |_| {
        let end = window().end;
        let (count, more) = loaded.with(|l| (l.rows.len(), l.more));
        if more && error.with(Option::is_none) && end + PAGE / 2 >= count {
            load_more();
        }
    });

    let export = move |()| {
        if exporting.get_untracked().is_some() {
            return;
        }
        exporting.set(Some(0));
        let (q, (customer_id, plan_id)) = (query(), ids.get_value());
        let api = api.get_value();
        spawn_local(async move {
            let mut rows = Vec::new();
            loop {
                match api.resource_usage(&customer_id, &plan_id, &q, rows.len(), EXPORT_PAGE).await
                {
                    Ok((page, more)) => {
                        rows.extend(page);
                        exporting.try_set(Some(rows.len()));
                        if !more {
                            break;
                        }
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                        exporting.try_set(None);
                        return;
                    }
                }
            }
            let t = i18n.t_untracked();
            let columns = resource_columns();
            let names: Vec<&str> = columns.iter().map(|c| (c.heading)(t)).collect();
            download_csv("usage-by-resource", &to_csv(&names, &rows_of(&rows, &columns, t)));
            exporting.try_set(None);
        });
    };

    view! {
        <TableTools
            filter_id="resource-filter"
            filter=filter
            export=export
            exporting=Signal::derive(move || exporting.get().is_some())
        />
        <p role="status" class="hint">
            {move || {
                let tag = i18n.format_tag();
                match exporting.get() {
                    Some(n) => (t().usage_export_progress)(&format::integer(&tag, n as i64)),
                    None => {
                        let (count, more) = loaded.with(|l| (l.rows.len(), l.more));
                        if loading.get() && count == 0 {
                            t().loading.to_owned()
                        } else {
                            (t().usage_resources_loaded)(&format::integer(&tag, count as i64), more)
                        }
                    }
                }
            }}
        </p>
        {move || error.get().map(|e| view! { <ErrorNotice error=e retry=Callback::new(move |()| { error.set(None); load_more(); }) /> })}
        <div
            class="table-wrap virtual"
            node_ref=viewport
            tabindex="0"
            role="region"
            aria-label=move || t().usage_by_resource
            on:scroll=move |ev| scroll_top.set(f64::from(event_target::<web_sys::HtmlElement>(&ev).scroll_top()))
        >
            <table aria-rowcount=move || loaded.with(|l| if l.more { -1 } else { l.rows.len() as i64 + 1 })>
                <caption>{move || t().usage_by_resource}</caption>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" aria-sort=move || order.get().aria(RESOURCE_COLUMN)>
                            <button type="button" class="sort" on:click=move |_| order.update(|o| *o = o.toggled(RESOURCE_COLUMN, false))>
                                {move || t().col_resource}
                                <span class="sort-mark" aria-hidden="true">{move || order.get().mark(RESOURCE_COLUMN)}</span>
                            </button>
                        </th>
                        <th scope="col">{move || t().col_resource_group}</th>
                        <th scope="col">{move || t().col_azure_subscription}</th>
                        <th scope="col" class="numeric" aria-sort=move || order.get().aria(COST_COLUMN)>
                            <button type="button" class="sort" on:click=move |_| order.update(|o| *o = o.toggled(COST_COLUMN, true))>
                                {move || t().col_total}
                                <span class="sort-mark" aria-hidden="true">{move || order.get().mark(COST_COLUMN)}</span>
                            </button>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let range = window();
                        let (count, more) = loaded.with(|l| (l.rows.len(), l.more));
                        if count == 0 && !more && !loading.get() {
                            return view! {
                                <tr>
                                    <td colspan="4" class="empty">{move || t().table_no_match}</td>
                                </tr>
                            }
                            .into_any();
                        }
                        let above = range.start as f64 * ROW_HEIGHT;
                        let below = (count - range.end) as f64 * ROW_HEIGHT;
                        let rows = loaded.with(|l| l.rows[range.clone()].to_vec());
                        let t = i18n.t();
                        view! {
                            <tr class="spacer" aria-hidden="true"><td colspan="4" style=format!("height:{above}px")></td></tr>
                            {rows
                                .into_iter()
                                .enumerate()
                                .map(|(i, row)| {
                                    let cells: Vec<Cell> = resource_columns().iter().map(|c| (c.cell)(&row, t)).collect();
                                    let index = (range.start + i + 2).to_string();
                                    view! {
                                        <tr aria-rowindex=index title=row.resource_uri.clone()>
                                            {cells.into_iter().enumerate().map(|(i, cell)| cell_view(i == 0, cell)).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            <tr class="spacer" aria-hidden="true"><td colspan="4" style=format!("height:{below}px")></td></tr>
                        }
                        .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}
