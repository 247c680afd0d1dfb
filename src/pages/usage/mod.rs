//! `/usage`: Azure spending. Partner users first get every customer's spend this month; then
//! the customer in view: what it has spent against its budget, a daily chart and breakdowns.
//! `?period=YYYY-MM` shows an earlier month; `?customer=` (from the overview) puts that
//! customer in view. A user who reaches only some subscriptions sees the usage of those.

mod breakdown;
mod budget;
mod chart;
mod partners;
pub use partners::spend_totals;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_domain::Customer;
use portal_domain::billing::{BillingPeriod, parse_day};
use portal_domain::usage::{CustomerUsageSummary, UsageAlert};

use crate::api::{ApiError, use_api};
use crate::components::{CustomerData, customer_view, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;
use crate::usage_alerts::use_usage_alerts;

/// How many months back the period list goes: usage is accepted up to 400 days back.
const MONTHS_BACK: usize = 12;

/// The months the switcher offers, newest first: this one and the twelve before.
fn recent_periods(today: NaiveDate) -> Vec<BillingPeriod> {
    let mut periods = vec![BillingPeriod::containing(today)];
    while periods.len() <= MONTHS_BACK {
        let first = periods[periods.len() - 1].start;
        match first.pred_opt() {
            Some(day) => periods.push(BillingPeriod::containing(day)),
            None => break,
        }
    }
    periods
}

#[component]
pub fn Usage() -> impl IntoView {
    use_page_title(|t| t.usage().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let periods = recent_periods(format::today_utc());
    let known: Vec<String> = periods.iter().skip(1).map(BillingPeriod::month_key).collect();
    // None: the current month, which the server decides.
    let period = Memo::new(move |_| query.read().get("period").filter(|p| known.contains(p)));
    let is_partner = move || session.me().is_some_and(|me| me.is_partner_user());
    // Set when a customer is chosen in the overview: its usage takes the focus once it is shown.
    let focus_customer = RwSignal::new(false);

    // A partner user who chose a customer in the overview: that customer comes into view and
    // the address loses the parameter, so reloading keeps the user's own choice afterwards.
    Effect::new(move |_| {
        if let Some(customer) = query.read().get("customer")
            && is_partner()
        {
            let already_shown = session.customer_in_view_untracked().as_deref() == Some(&customer);
            session.set_customer_in_view(Some(customer));
            let path = match period.get_untracked() {
                Some(p) => format!("/usage?period={p}"),
                None => "/usage".to_owned(),
            };
            navigate(&path, NavigateOptions { replace: true, ..Default::default() });
            if already_shown {
                crate::browser::focus("customer-usage-title");
            } else {
                focus_customer.set(true);
            }
        }
    });

    // The page shows every alert, so they count as seen while it is open.
    let alerts = use_usage_alerts();
    Effect::new(move |_| alerts.mark_seen());

    view! {
        <h1>{move || t().usage().title}</h1>
        <PeriodSwitcher periods=periods period=period />
        {move || is_partner().then(|| view! { <partners::PartnerOverview period=period /> })}
        <CustomerUsage period=period focus_customer=focus_customer />
    }
}

#[component]
fn PeriodSwitcher(periods: Vec<BillingPeriod>, period: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let navigate = use_navigate();
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let path =
            if value.is_empty() { "/usage".to_owned() } else { format!("/usage?period={value}") };
        navigate(&path, NavigateOptions::default());
    };
    view! {
        <div class="filters">
            <div class="field">
                <label for="usage-period">{move || t().usage().period}</label>
                <select id="usage-period" on:change=change>
                    {periods
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let value = if i == 0 { String::new() } else { p.month_key() };
                            let key = value.clone();
                            let label = move || {
                                let month = format::month_year(&i18n.format_tag(), p.start);
                                if i == 0 { (t().usage().this_month)(&month) } else { month }
                            };
                            // The current month is asked without a period, so the server's clock
                            // decides what "this month" is.
                            view! {
                                <option
                                    value=value
                                    prop:selected=move || period.get().unwrap_or_default() == key
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// What the top of the customer's usage shows; loaded again after a budget change.
#[derive(Clone)]
struct Spend {
    customer: Customer,
    summary: CustomerUsageSummary,
    alerts: Vec<UsageAlert>,
}

/// The period a summary covers, read from its dates.
fn summary_period(summary: &CustomerUsageSummary) -> Option<BillingPeriod> {
    parse_day(&summary.billing_start_date).map(BillingPeriod::containing)
}

#[component]
fn CustomerUsage(period: Memo<Option<String>>, focus_customer: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let budget_changed = RwSignal::new(0_u32);
    // Sees only the subscriptions they hold a role on: the server counts only those.
    let scoped = session.me_untracked().is_some_and(|me| me.is_subscription_scoped());
    let spend: CustomerData<Spend> = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, customer, period) = (api.clone(), session.customer_in_view(), period.get());
            let _ = budget_changed.get();
            async move {
                let Some(id) = customer else { return Ok(None) };
                let p = period.as_deref();
                let alerts = async {
                    // Alerts are about the customer's budget, not theirs to see.
                    if scoped { Ok(Vec::new()) } else { api.usage_alerts(&id, p).await }
                };
                let (customer, summary, alerts) =
                    futures::try_join!(api.customer(&id), api.usage_summary(&id, p), alerts)?;
                Ok::<_, ApiError>(Some(Spend { customer, summary, alerts }))
            }
        }
    });
    let can_change_budget = move || session.me().is_some_and(|me| me.administers_customers());
    let alerts = use_usage_alerts();
    // Set by a budget change: the form is drawn again, and the focus goes back into it.
    let budget_saved = RwSignal::new(false);
    let on_budget_changed = Callback::new(move |()| {
        budget_saved.set(true);
        budget_changed.update(|n| *n += 1);
        alerts.reload();
    });

    view! {
        {customer_view(
            spend,
            move |spend| {
                let customer_id = spend.customer.id.clone();
                let currency = spend.summary.currency_code.clone();
                let Some(billing) = summary_period(&spend.summary) else {
                    return view! { <ErrorText /> }.into_any();
                };
                Effect::new(move |_| {
                    if focus_customer.get_untracked() {
                        focus_customer.set(false);
                        crate::browser::focus("customer-usage-title");
                    } else if budget_saved.get_untracked() {
                        budget_saved.set(false);
                        crate::browser::focus("budget-amount");
                    }
                });
                view! {
                    <section class="usage" aria-labelledby="customer-usage-title">
                        <h2 id="customer-usage-title" tabindex="-1">
                            {spend.customer.company_profile.company_name.clone()}
                        </h2>
                        <AlertBanner alerts=spend.alerts.clone() />
                        <budget::SpendPanel
                            summary=spend.summary.clone()
                            scoped=scoped
                            can_change=can_change_budget()
                            on_changed=on_budget_changed
                        />
                        <Details
                            customer_id=customer_id
                            period=period
                            billing=billing
                            currency=currency
                        />
                    </section>
                }
                    .into_any()
            },
        )}
    }
}

#[component]
fn ErrorText() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice error" role="alert">
            {move || i18n.t().error_unreadable}
        </p>
    }
}

/// The highest threshold passed in the period, said in words.
#[component]
fn AlertBanner(alerts: Vec<UsageAlert>) -> impl IntoView {
    let i18n = use_i18n();
    let highest = alerts.iter().map(|a| a.threshold).max();
    let raised_at =
        alerts.iter().filter(|a| Some(a.threshold) == highest).map(|a| a.raised_at.clone()).next();
    view! {
        <div role="status">
            {highest
                .map(|threshold| {
                    let class = if threshold >= 100 { "notice error" } else { "notice warning" };
                    let raised_at = raised_at.clone().unwrap_or_default();
                    view! {
                        <p class=class>
                            {move || (i18n
                                .t()
                                .usage()
                                .alert_banner)(
                                &threshold.to_string(),
                                &format::date_time(&i18n.format_tag(), &raised_at),
                            )}
                        </p>
                    }
                })}
        </div>
    }
}

/// The chart and the breakdowns: they do not change with the budget, so they load on their own.
#[component]
fn Details(
    customer_id: String,
    period: Memo<Option<String>>,
    billing: BillingPeriod,
    currency: String,
) -> impl IntoView {
    let api = use_api();
    let details = LocalResource::new({
        let customer_id = customer_id.clone();
        move || {
            let (api, id, period) = (api.clone(), customer_id.clone(), period.get());
            async move {
                let p = period.as_deref();
                let (daily, plans) =
                    futures::try_join!(api.daily_usage(&id, p), api.plan_usage(&id, p))?;
                Ok::<_, ApiError>(Some((daily, plans)))
            }
        }
    });
    let customer_id = StoredValue::new(customer_id);
    let currency = StoredValue::new(currency);
    customer_view(details, move |(daily, plans)| {
        view! {
            <chart::DailyChart daily=daily billing=billing currency=currency.get_value() />
            <breakdown::Breakdown customer_id=customer_id.get_value() plans=plans period=period />
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_switcher_offers_this_month_and_the_twelve_before() {
        let periods = recent_periods(day("2026-11-21"));
        assert_eq!(periods.len(), 13);
        assert_eq!(periods[0].month_key(), "2026-11");
        assert_eq!(periods[1].month_key(), "2026-10");
        assert_eq!(periods[12].month_key(), "2025-11");
        // Across a year boundary from the first of a month.
        assert_eq!(recent_periods(day("2027-01-01"))[1].month_key(), "2026-12");
    }
}
