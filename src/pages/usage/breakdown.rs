//! The period's cost broken down by Azure plan, by meter and by resource, in tabs. Plans and
//! meters are short lists sorted and filtered here; resources can run to hundreds of thousands,
//! so the server sorts, filters and pages them and only the rows in view are rendered.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::usage::{MeterUsageRecord, ResourceUsageRecord, SubscriptionMonthlyUsageRecord};

use crate::api::usage::ResourceQuery;
use crate::api::use_api;
use crate::components::{
    Cell, Column, FigureTable, Page, SortHeader, SortOrder, TabItem, TableTools, Tabs,
    VirtualTable, download_csv, headings, remote_view, rows_of, to_csv, use_server_pages,
};
use crate::i18n::{Messages, format, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Plans,
    Meters,
    Resources,
}

impl TabItem for Tab {
    const ALL: &'static [Tab] = &[Tab::Plans, Tab::Meters, Tab::Resources];

    fn label(self, t: &Messages) -> &'static str {
        match self {
            Tab::Plans => t.usage().by_subscription,
            Tab::Meters => t.usage().by_meter,
            Tab::Resources => t.usage().by_resource,
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
        Column { heading: |t| t.usage().col_category, cell: |r, _| Cell::Text(r.category.clone()) },
        Column { heading: |t| t.col_quantity, cell: |r, _| Cell::Number(r.quantity_used) },
        Column { heading: |t| t.usage().col_unit, cell: |r, _| Cell::Text(r.unit.clone()) },
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
            heading: |t| t.usage().col_resource_group,
            cell: |r, _| Cell::Text(r.resource_group_name.clone()),
        },
        Column {
            heading: |t| t.usage().col_azure_subscription,
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
                <h3 id="breakdown-title">{move || t().usage().breakdown}</h3>
                <p class="empty">{move || t().usage().no_azure_plan}</p>
            </section>
        }
        .into_any();
    }
    // Meters and resources are per Azure plan; most customers have one.
    let plan_id = RwSignal::new(plans[0].resource_id.clone());
    let plan_choices: Vec<(String, String)> =
        plans.iter().map(|p| (p.resource_id.clone(), p.resource_name.clone())).collect();
    let customer_id = StoredValue::new(customer_id);
    let plans = StoredValue::new(plans);

    view! {
        <section aria-labelledby="breakdown-title">
            <h3 id="breakdown-title">{move || t().usage().breakdown}</h3>
            <Tabs labelled_by="breakdown-title" panel_id="breakdown-panel" selected=tab>
                {(plan_choices.len() > 1)
                    .then(|| {
                        let choices = plan_choices.clone();
                        view! {
                            <div class="field" hidden=move || tab.get() == Tab::Plans>
                                <label for="usage-plan">{move || t().usage().azure_plan}</label>
                                <select
                                    id="usage-plan"
                                    on:change=move |ev| plan_id.set(event_target_value(&ev))
                                >
                                    {choices
                                        .into_iter()
                                        .map(|(id, name)| {
                                            view! { <option value=id>{name}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                {move || match tab.get() {
                    Tab::Plans => view! { <PlanTable plans=plans.get_value() /> }.into_any(),
                    Tab::Meters => {
                        view! {
                            <MeterTable
                                customer_id=customer_id.get_value()
                                plan_id=plan_id.get()
                                period=period
                            />
                        }
                            .into_any()
                    }
                    Tab::Resources => {
                        view! {
                            <ResourceTable
                                customer_id=customer_id.get_value()
                                plan_id=plan_id.get()
                                period=period
                            />
                        }
                            .into_any()
                    }
                }}
            </Tabs>
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
            caption=Signal::derive(move || i18n.t().usage().by_subscription.to_owned())
            headings=heads
            rows=rows
            order=SortOrder {
                column: 2,
                descending: true,
            }
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
        {remote_view(
            meters,
            move |records| {
                let columns = meter_columns();
                let heads = headings(&columns);
                let rows = Signal::derive(move || rows_of(&records, &columns, i18n.t()));
                view! {
                    <FigureTable
                        caption=Signal::derive(move || i18n.t().usage().by_meter.to_owned())
                        headings=heads
                        rows=rows
                        order=SortOrder {
                            column: 4,
                            descending: true,
                        }
                        filter_id="meter-filter"
                        file_name="usage-by-meter"
                    />
                }
            },
        )}
    }
}

/// The resource table's columns the server sorts by: the resource (its URI) and the cost.
const RESOURCE_COLUMN: usize = 0;
const COST_COLUMN: usize = 3;
/// Rows asked for at a time while scrolling, and at a time when exporting.
const PAGE: usize = 200;
const EXPORT_PAGE: usize = 1_000;

fn resource_cells(record: &ResourceUsageRecord, t: &Messages) -> Vec<Cell> {
    resource_columns().iter().map(|c| (c.cell)(record, t)).collect()
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
    let exporting = RwSignal::new(None::<usize>);
    let query = move || ResourceQuery {
        period: period.get_untracked(),
        by_cost: order.get_untracked().column == COST_COLUMN,
        descending: order.get_untracked().descending,
        filter: filter.get_untracked(),
    };
    let pages = use_server_pages(
        PAGE,
        move || {
            let _ = (order.get(), filter.get(), period.get());
        },
        move |start, size| {
            let (q, (customer_id, plan_id), api) = (query(), ids.get_value(), api.get_value());
            async move {
                let (rows, more) =
                    api.resource_usage(&customer_id, &plan_id, &q, start.offset, size).await?;
                Ok(Page { rows, more, token: None })
            }
        },
    );

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
                        pages.error.try_set(Some(e));
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
                    Some(n) => (t().usage().export_progress)(&format::integer(&tag, n as i64)),
                    None => {
                        let count = pages.count();
                        if pages.loading.get() && count == 0 {
                            t().loading.to_owned()
                        } else {
                            (t()
                                .usage()
                                .resources_loaded)(
                                &format::integer(&tag, count as i64),
                                pages.more(),
                            )
                        }
                    }
                }
            }}
        </p>
        <VirtualTable
            pages=pages
            caption=Signal::derive(move || t().usage().by_resource.to_owned())
            columns=4
            cells=resource_cells
            title=|record: &ResourceUsageRecord| record.resource_uri.clone()
            header=move || {
                view! {
                    <SortHeader
                        column=RESOURCE_COLUMN
                        numeric=false
                        heading=|t| t.col_resource
                        order=order
                    />
                    <th scope="col">{move || t().usage().col_resource_group}</th>
                    <th scope="col">{move || t().usage().col_azure_subscription}</th>
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
