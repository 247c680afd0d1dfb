//! The overview's tiles: about the customer in view and, for partner users, across all their
//! customers. Each reads what it shows with one request (two tiles may share one), has its own
//! loading and error states, and links to the page its figure comes from.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::defender::DefenderPlanStatus;
use portal_domain::invoice::InvoiceSummary;
use portal_domain::order::{Order, OrderStatus};
use portal_domain::subscription::{BillingType, Subscription, SubscriptionStatus};
use portal_domain::usage::CustomerUsageSummary;
use portal_domain::{Amount, BillingPeriod, Currency, upgrade, usage};

use crate::api::{ApiClient, ApiError, use_api};
use crate::components::{Loading, Remote, remote_view};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// What a tile read, whatever its type. The overview is part of the first download, and the
/// code of a resource and of its view is compiled once per type it holds: with every tile's
/// read held as one type (`Rc<dyn Any>`), that code exists once instead of once per tile.
type Read = Rc<dyn Any>;
type ReadFuture = Pin<Box<dyn Future<Output = Result<Read, ApiError>>>>;

/// A tile's read of a `T`, held as a [`Read`]; `get` gives it back as a `T`.
struct TileRead<T> {
    resource: Remote<Read>,
    of: PhantomData<fn() -> T>,
}

impl<T> Clone for TileRead<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for TileRead<T> {}

impl<T: 'static> TileRead<T> {
    /// Reads with `read` from the API, on its own (a tile's one request).
    fn new<F>(api: &ApiClient, read: impl Fn(ApiClient) -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let api = api.clone();
        let fetch = move || -> ReadFuture {
            let reading = read(api.clone());
            Box::pin(async move { reading.await.map(|value| Rc::new(value) as Read) })
        };
        TileRead { resource: erased_resource(Rc::new(fetch)), of: PhantomData }
    }

    /// How a tile shows what this read.
    fn shows<V: IntoView + 'static>(&self, show: fn(&Messages, &str, &T) -> V) -> Show {
        Box::new(move |t, tag, read| show(t, tag, &downcast::<T>(read)).into_any())
    }

    /// What was read, once it was.
    fn get(&self) -> Option<Result<Rc<T>, ApiError>> {
        self.resource.get().map(|read| read.map(downcast))
    }
}

fn downcast<T: 'static>(read: Read) -> Rc<T> {
    read.downcast().unwrap_or_else(|_| unreachable!("a TileRead<T> holds a T"))
}

/// The one resource type of every tile (not generic, so compiled once).
fn erased_resource(fetch: Rc<dyn Fn() -> ReadFuture>) -> Remote<Read> {
    LocalResource::new(move || fetch())
}

/// How a tile shows what it read: its figure, from the words of the language in use and the
/// locale's format tag.
type Show = Box<dyn Fn(&Messages, &str, Read) -> AnyView + Send + Sync>;

/// A headed region: its figure, read on its own, and a link to its page. `nested`: under the
/// partner's own heading, so an `h3`.
#[component]
fn Tile(
    id: &'static str,
    title: fn(&Messages) -> &'static str,
    data: Remote<Read>,
    show: Show,
    href: &'static str,
    link: fn(&Messages) -> &'static str,
    #[prop(optional)] nested: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let heading = if nested {
        view! { <h3 id=id>{move || title(t())}</h3> }.into_any()
    } else {
        view! { <h2 id=id>{move || title(t())}</h2> }.into_any()
    };
    view! {
        <section class="card tile" aria-labelledby=id>
            {heading}
            {remote_view(data, move |read| show(t(), &i18n.format_tag(), read))}
            <A href=href>{move || link(t())}</A>
        </section>
    }
}

/// The month so far against the budget, and where it is heading at the same daily rate: a bar
/// for each (the text beside it says the same in words, so it is hidden from screen readers).
fn spend_chart(
    t: &Messages,
    spent: Amount,
    heading: Amount,
    budget: Option<Amount>,
) -> impl IntoView + use<> {
    let scale = [Some(spent), Some(heading), budget].into_iter().flatten().max().unwrap_or(spent);
    // Each figure as a share of the largest, for CSS: "42.5%".
    let share = move |amount: Amount| {
        let percent = usage::percent_used(amount, Some(scale)).unwrap_or(Amount::ZERO);
        format!("{}%", percent.min(Amount::from_ten_thousandths(1_000_000)))
    };
    let budget = budget.filter(|b| !b.is_zero());
    let budget_mark = budget.map(|b| {
        view! { <span class="bullet-budget" style:left=share(b)></span> }
    });
    view! {
        <div class="bullet" aria-hidden="true">
            <span class="bullet-heading" style:width=share(heading)></span>
            <span class="bullet-spent" style:width=share(spent)></span>
            {budget_mark}
        </div>
        <ul class="bullet-legend" aria-hidden="true">
            <li class="spent">{t.overview().chart_so_far}</li>
            <li class="heading">{t.overview().chart_projection}</li>
            {budget
                .is_some()
                .then(|| view! { <li class="budget">{t.overview().chart_budget}</li> })}
        </ul>
    }
}

/// Where this month's spending leads at its daily rate so far, with the day it ends.
/// Nothing spent yet: nothing to go by.
fn heading_to(summary: &CustomerUsageSummary) -> Option<(Amount, chrono::NaiveDate)> {
    if summary.total_cost.is_zero() {
        return None;
    }
    let period = BillingPeriod::containing(format::today_utc());
    let currency = Currency::from_code(&summary.currency_code)?;
    let elapsed = period.days_elapsed(format::today_utc());
    usage::projected(summary.total_cost, elapsed, i64::from(period.days()), currency)
        .map(|amount| (amount, period.end))
}

/// What is left to pay in each currency, or that nothing is: the figure of the customer's
/// balance tile and of the partner's.
fn balances_due(t: &Messages, tag: &str, summaries: &[InvoiceSummary]) -> String {
    let due: Vec<String> = summaries
        .iter()
        .filter(|s| !s.balance_amount.is_zero())
        .map(|s| format::money(tag, s.balance_amount, &s.currency_code))
        .collect();
    if due.is_empty() { t.overview().nothing_due.to_owned() } else { due.join(" · ") }
}

/// How a term ending soon is told, the same on the partner's overview and the customer's: a
/// trial ends, a term that renews does so for a year the day after it ends, any other ends.
fn term_notice(
    t: &Messages,
    tag: &str,
    name: &str,
    end: NaiveDate,
    is_trial: bool,
    auto_renew: bool,
) -> String {
    let day = |day: NaiveDate| format::long_date(tag, day);
    if is_trial {
        (t.overview().alert_trial_ends)(name, &day(end))
    } else if auto_renew {
        (t.overview().alert_term_renews)(name, &day(end.succ_opt().unwrap_or(end)))
    } else {
        (t.overview().alert_term_ends)(name, &day(end))
    }
}

/// The customer's tiles. `own_invoices`: the user is the customer's, whose invoices these are
/// (a partner's invoice list is every customer's).
#[component]
pub fn CustomerTiles(customer_id: String, own_invoices: bool) -> impl IntoView {
    let api = use_api();
    let customer = StoredValue::new(customer_id);
    // Each tile's one request, about the customer in view.
    let id = move || customer.get_value();
    let spend = TileRead::new(&api, move |api| async move { api.usage_summary(&id(), None).await });
    let subscriptions =
        TileRead::new(&api, move |api| async move { api.subscriptions(&id()).await });
    let defender = TileRead::new(&api, move |api| async move { api.defender_plans(&id()).await });
    let orders = TileRead::new(&api, move |api| async move { api.orders(&id()).await });
    // The partner's invoice list is every customer's: only a customer user's is this one's.
    let balance = TileRead::new(&api, move |api| async move {
        if own_invoices { api.invoice_summaries().await.map(Some) } else { Ok(None) }
    });

    view! {
        <Tile
            id="tile-spend"
            title=|t| t.overview().tile_spend
            data=spend.resource
            show=spend
                .shows(|t, tag, s| {
                    let money = |a| format::money_rounded(tag, a, &s.currency_code);
                    let used = s
                        .budget
                        .amount
                        .zip(usage::percent_used(s.total_cost, s.budget.amount));
                    let projection = heading_to(s);
                    let text = match used {
                        Some((budget, percent)) => {
                            (t
                                .overview()
                                .spend_of_budget)(
                                &money(s.total_cost),
                                &money(budget),
                                &format::percent(tag, percent),
                            )
                        }
                        None => (t.overview().spend_no_budget)(&money(s.total_cost)),
                    };
                    let chart = projection
                        .map(|(amount, end)| {
                            view! {
                                {spend_chart(t, s.total_cost, amount, s.budget.amount)}
                                <p class="hint" data-testid="tile-spend-heading">
                                    {(t
                                        .overview()
                                        .heading_to)(&money(amount), &format::long_date(tag, end))}
                                </p>
                            }
                        });
                    view! {
                        <p class="figure" data-testid="tile-spend">
                            {text}
                        </p>
                        {chart}
                    }
                })
            href="/usage"
            link=|t| t.overview().see_usage
        />
        {own_invoices
            .then(|| {
                view! {
                    <Tile
                        id="tile-balance"
                        title=|t| t.overview().tile_balance
                        data=balance.resource
                        show=balance
                            .shows(|t, tag, summaries| {
                                let next = BillingPeriod::containing(format::today_utc())
                                    .next()
                                    .start;
                                let summaries = summaries.as_deref().unwrap_or_default();
                                let text = balances_due(t, tag, summaries);
                                let overdue: Vec<String> = summaries
                                    .iter()
                                    .filter(|s| s.overdue_count > 0)
                                    .map(|s| {
                                        let amount = format::money(
                                            tag,
                                            s.overdue_amount,
                                            &s.currency_code,
                                        );
                                        (t.invoices().overdue_count)(s.overdue_count, &amount)
                                    })
                                    .collect();
                                let see_overdue = t.overview().see_overdue;
                                view! {
                                    <p class="figure" data-testid="tile-balance">
                                        {text}
                                    </p>
                                    {(!overdue.is_empty())
                                        .then(|| {
                                            view! {
                                                <p class="overdue" data-testid="tile-balance-overdue">
                                                    {overdue.join(" · ")}
                                                </p>
                                                <p>
                                                    <A href="/invoices?status=overdue">{see_overdue}</A>
                                                </p>
                                            }
                                        })}
                                    <p class="hint">
                                        {(t.overview().next_invoice)(&format::long_date(tag, next))}
                                    </p>
                                }
                            })
                        href="/invoices"
                        link=|t| t.overview().see_invoices
                    />
                }
            })}
        <Tile
            id="tile-subscriptions"
            title=|t| t.overview().tile_subscriptions
            data=subscriptions.resource
            show=subscriptions
                .shows(|t, _tag, list| {
                    let active = |usage: bool| {
                        list
                            .iter()
                            .filter(|s| s.status == SubscriptionStatus::Active)
                            .filter(|s| (s.billing_type == BillingType::Usage) == usage)
                            .count() as i64
                    };
                    let text = (t.overview().subscriptions_active)(active(true), active(false));
                    view! {
                        <p class="figure" data-testid="tile-subscriptions">
                            {text}
                        </p>
                    }
                })
            href="/subscriptions"
            link=|t| t.overview().see_subscriptions
        />
        <Tile
            id="tile-defender"
            title=|t| t.overview().tile_defender
            data=defender.resource
            show=defender
                .shows(|t, tag, plans| {
                    let onboarded: Vec<_> = plans
                        .iter()
                        .filter(|p| p.status != DefenderPlanStatus::Offboarded)
                        .collect();
                    let devices: i64 = onboarded.iter().map(|p| p.device_quota).sum();
                    let text = (t
                        .overview()
                        .devices_committed)(&format::integer(tag, devices), onboarded.len() as i64);
                    view! {
                        <p class="figure" data-testid="tile-defender">
                            {text}
                        </p>
                    }
                })
            href="/pricing"
            link=|t| t.overview().see_pricing
        />
        <Tile
            id="tile-orders"
            title=|t| t.overview().tile_orders
            data=orders.resource
            show=orders
                .shows(|t, _tag, list| {
                    let open = list.iter().filter(|o| o.status == OrderStatus::Pending).count()
                        as i64;
                    view! {
                        <p class="figure" data-testid="tile-orders">
                            {(t.overview().orders_open)(open)}
                        </p>
                    }
                })
            href="/orders"
            link=|t| t.overview().see_orders
        />
        <Attention spend=spend subscriptions=subscriptions orders=orders />
    }
}

/// One thing to act on: where to act, and what to say.
struct Alert {
    href: String,
    text: String,
}

/// What the customer should act on, from what the spend, subscriptions and orders tiles read (no
/// request of its own): an order that could not be provisioned; the budget passed, near or
/// heading over; trials and terms ending within 30 days; a legacy Microsoft Azure subscription
/// to upgrade.
fn alerts(
    t: &Messages,
    tag: &str,
    spend: Option<&CustomerUsageSummary>,
    subscriptions: &[Subscription],
    orders: &[Order],
) -> Vec<Alert> {
    let today = format::today_utc();
    let mut alerts: Vec<Alert> = orders
        .iter()
        .filter(|o| o.status == OrderStatus::Failed)
        .map(|o| Alert {
            href: format!("/orders/{}", o.id),
            text: (t.overview().alert_order_failed)(&o.alternate_id),
        })
        .collect();
    if let Some(s) = spend
        && let Some(budget) = s.budget.amount.filter(|b| !b.is_zero())
    {
        let period = BillingPeriod::containing(today);
        let text = match usage::threshold_reached(s.total_cost, Some(budget)) {
            Some(threshold) if threshold >= 100 => Some(t.overview().alert_over_budget.to_owned()),
            Some(_) => usage::percent_used(s.total_cost, Some(budget))
                .map(|p| (t.overview().alert_near_budget)(&format::percent(tag, p))),
            None => usage::trending_over(
                s.total_cost,
                budget,
                period.days_elapsed(today),
                i64::from(period.days()),
            )
            .then(|| t.overview().alert_trending_over.to_owned()),
        };
        alerts.extend(text.map(|text| Alert { href: "/usage".to_owned(), text }));
    }
    for s in subscriptions.iter().filter(|s| s.term_needs_notice(today)) {
        let Some(end) = s.term_end() else { continue };
        let text = term_notice(t, tag, &s.friendly_name, end, s.is_trial, s.auto_renew_enabled);
        alerts.push(Alert { href: format!("/subscriptions/{}", s.id), text });
    }
    for s in subscriptions.iter().filter(|s| {
        s.offer_id == upgrade::LEGACY_AZURE_OFFER && s.status != SubscriptionStatus::Deleted
    }) {
        alerts.push(Alert {
            href: format!("/subscriptions/{}", s.id),
            text: (t.upgrade().available)(&s.friendly_name),
        });
    }
    alerts
}

#[component]
fn Attention(
    spend: TileRead<CustomerUsageSummary>,
    subscriptions: TileRead<Vec<Subscription>>,
    orders: TileRead<Vec<Order>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let content = move || {
        // Until both have answered, the list could still grow. A tile that failed says so
        // itself; its part of the list is left out.
        let (Some(spend), Some(subscriptions), Some(orders)) =
            (spend.get(), subscriptions.get(), orders.get())
        else {
            return view! { <Loading /> }.into_any();
        };
        let (list, orders) = (subscriptions.unwrap_or_default(), orders.unwrap_or_default());
        let spend = spend.as_deref().ok();
        let alerts = alerts(t(), &i18n.format_tag(), spend, &list, &orders);
        if alerts.is_empty() {
            return view! { <p class="empty">{t().overview().nothing_needs_attention}</p> }
                .into_any();
        }
        view! {
            <ul data-testid="attention">
                {alerts
                    .into_iter()
                    .map(|alert| {
                        view! {
                            <li>
                                <A href=alert.href>{alert.text}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{move || t().overview().attention}</h2>
            {content}
        </section>
    }
}

/// The partner's tiles, across every customer: relationships, usage and budgets this month,
/// balances due and overdue, invoices the close could not issue (for those who record
/// payments), and terms ending within 30 days.
#[component]
pub fn PartnerTiles() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let sees_failures = use_session().me_untracked().is_some_and(|me| me.records_payments());
    let customers = TileRead::new(&api, |api| async move { api.customer_summary().await });
    // The usage and budgets tiles read the same summary.
    let usage = TileRead::new(&api, |api| async move { api.partner_usage_summary(None).await });
    let receivables = TileRead::new(&api, |api| async move { api.invoice_summaries().await });
    let failures = TileRead::new(&api, move |api| async move {
        if sees_failures { api.close_failures().await } else { Ok(Vec::new()) }
    });
    let order_failures = TileRead::new(&api, |api| async move { api.order_failures().await });
    let terms = TileRead::new(&api, |api| async move { api.terms_ending().await });

    view! {
        <section class="partner-tiles" aria-labelledby="partner-heading">
            <h2 id="partner-heading">{move || t().overview().partner_heading}</h2>
            <div class="cards">
                <Tile
                    id="tile-customers"
                    nested=true
                    title=|t| t.overview().tile_customers
                    data=customers.resource
                    show=customers
                        .shows(|t, _tag, c| {
                            let see_pending = t.overview().see_pending;
                            view! {
                                <p class="figure" data-testid="tile-customers">
                                    {(t.overview().customers_active)(c.active)}
                                </p>
                                <p class="hint" data-testid="tile-customers-other">
                                    {(t
                                        .overview()
                                        .customers_other)(
                                        c.pending,
                                        c.declined,
                                        c.ended + c.expired,
                                    )}
                                </p>
                                {(c.pending > 0)
                                    .then(|| {
                                        view! {
                                            <p>
                                                <A href="/customers?relationshipStatus=pending">
                                                    {see_pending}
                                                </A>
                                            </p>
                                        }
                                    })}
                            }
                        })
                    href="/customers"
                    link=|t| t.overview().see_customers
                />
                <Tile
                    id="tile-partner-spend"
                    nested=true
                    title=|t| t.overview().tile_partner_spend
                    data=usage.resource
                    show=usage
                        .shows(|t, tag, summary| {
                            let text = crate::pages::usage::spend_totals(tag, &summary.totals)
                                .unwrap_or_else(|| t.overview().no_spend.to_owned());
                            view! {
                                <p class="figure" data-testid="tile-partner-spend">
                                    {text}
                                </p>
                            }
                        })
                    href="/usage"
                    link=|t| t.overview().see_usage
                />
                <Tile
                    id="tile-budgets"
                    nested=true
                    title=|t| t.overview().tile_budgets
                    data=usage.resource
                    show=usage
                        .shows(|t, _tag, summary| {
                            let text = (t
                                .overview()
                                .budgets_status)(
                                summary.customers_over_budget as i64,
                                summary.customers_trending_over as i64,
                            );
                            view! {
                                <p class="figure" data-testid="tile-budgets">
                                    {text}
                                </p>
                            }
                        })
                    href="/usage"
                    link=|t| t.overview().see_usage
                />
                <Tile
                    id="tile-receivables"
                    nested=true
                    title=|t| t.overview().tile_receivables
                    data=receivables.resource
                    show=receivables
                        .shows(|t, tag, summaries| {
                            let (outstanding, overdue) = summaries
                                .iter()
                                .fold(
                                    (0, 0),
                                    |(o, l), s| (o + s.outstanding_count, l + s.overdue_count),
                                );
                            let text = balances_due(t, tag, summaries);
                            let see_overdue = t.overview().see_overdue;
                            view! {
                                <p class="figure" data-testid="tile-receivables">
                                    {text}
                                </p>
                                <p class="hint" data-testid="tile-receivables-counts">
                                    {(t.overview().receivables_counts)(outstanding, overdue)}
                                </p>
                                {(overdue > 0)
                                    .then(|| {
                                        view! {
                                            <p>
                                                <A href="/invoices?status=overdue">{see_overdue}</A>
                                            </p>
                                        }
                                    })}
                            }
                        })
                    href="/invoices"
                    link=|t| t.overview().see_invoices
                />
                {sees_failures
                    .then(|| {
                        view! {
                            <Tile
                                id="tile-failures"
                                nested=true
                                title=|t| t.overview().tile_failures
                                data=failures.resource
                                show=failures
                                    .shows(|t, _tag, list| {
                                        let text = if list.is_empty() {
                                            t.overview().no_failures.to_owned()
                                        } else {
                                            (t.overview().failures_count)(list.len() as i64)
                                        };
                                        view! {
                                            <p class="figure" data-testid="tile-failures">
                                                {text}
                                            </p>
                                        }
                                    })
                                href="/invoices"
                                link=|t| t.overview().see_invoices
                            />
                        }
                    })}
                <Tile
                    id="tile-order-failures"
                    nested=true
                    title=|t| t.overview().tile_order_failures
                    data=order_failures.resource
                    show=order_failures
                        .shows(|t, _tag, list| {
                            if list.is_empty() {
                                return view! {
                                    <p class="figure" data-testid="tile-order-failures">
                                        {t.overview().no_order_failures}
                                    </p>
                                }
                                    .into_any();
                            }
                            // The customer may be out of reach (its relationship ended): said here.
                            view! {
                                <ul data-testid="tile-order-failures">
                                    {list
                                        .iter()
                                        .map(|f| {
                                            let text = (t
                                                .overview()
                                                .order_failed_of)(&f.customer_name, &f.alternate_id);
                                            let why = t.provisioning_failure(f.failure_reason);
                                            view! {
                                                <li>
                                                    <strong>{text}</strong>
                                                    <br />
                                                    <span class="hint">{why}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        })
                    href="/customers"
                    link=|t| t.overview().see_customers
                />
                <Tile
                    id="tile-terms"
                    nested=true
                    title=|t| t.overview().tile_terms
                    data=terms.resource
                    show=terms
                        .shows(|t, tag, list| {
                            if list.is_empty() {
                                return view! { <p class="empty">{t.overview().no_terms}</p> }
                                    .into_any();
                            }
                            let session = use_session();
                            view! {
                                <ul data-testid="tile-terms">
                                    {list
                                        .iter()
                                        .filter_map(|term| {
                                            let end = portal_domain::billing::parse_day(
                                                &term.commitment_end_date,
                                            )?;
                                            let name = (t
                                                .overview()
                                                .term_of)(&term.customer_name, &term.friendly_name);
                                            let text = term_notice(
                                                t,
                                                tag,
                                                &name,
                                                end,
                                                term.is_trial,
                                                term.auto_renew_enabled,
                                            );
                                            let customer = term.customer_id.clone();
                                            Some(
                                                // Said with its date; a term without one is not told.
                                                // The subscription's page opens with the customer in view.
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/subscriptions/{}", term.subscription_id)
                                                            on:click=move |_| {
                                                                session.set_customer_in_view(Some(customer.clone()))
                                                            }
                                                        >
                                                            {text}
                                                        </a>
                                                    </li>
                                                },
                                            )
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        })
                    href="/customers"
                    link=|t| t.overview().see_customers
                />
            </div>
        </section>
    }
}
