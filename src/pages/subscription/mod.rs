//! `/subscriptions/{id}`: one subscription in plain words, its history, the Azure subscriptions
//! of an Azure plan, what the invoices charged for it, who may reach it, and the changes it
//! allows now. Each change is confirmed in a dialog that
//! says what it will charge or refund, computed by the domain rules the server charges with.

mod access;
mod actions;
mod invoice_lines;
mod service;
mod upgrade;

use actions::ActionDialog;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::BillingCycle;
use portal_domain::lifecycle::{RefundType, SubscriptionAction as Act};
use portal_domain::subscription::{
    AzureEntitlement, BillingType, Subscription, SubscriptionEvent, SubscriptionStatus,
};

use crate::api::{ApiError, use_api};
use crate::components::{
    CustomerData, Head, TableHead, customer_view, refresh_while, subscription_badge, use_page_title,
};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

#[derive(Debug, Clone)]
pub(super) struct Detail {
    subscription: Subscription,
    history: Vec<SubscriptionEvent>,
    /// The Azure subscriptions of an Azure plan; empty for anything else.
    azure: Vec<AzureEntitlement>,
}

/// The change a dialog is open for.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Dialog {
    Rename,
    Quantity,
    AutoRenew,
    Suspend,
    Reactivate,
    Cancel,
    AddAzure,
    CancelAzure(AzureEntitlement),
}

/// Shared by the page and its dialog.
#[derive(Clone, Copy)]
pub(super) struct PageState {
    detail: CustomerData<Detail>,
    dialog: RwSignal<Option<Dialog>>,
    /// What the last change did, announced.
    notice: RwSignal<Option<String>>,
}

impl PageState {
    fn open(&self, dialog: Dialog) {
        self.notice.set(None);
        self.dialog.set(Some(dialog));
    }

    fn with<R>(&self, f: impl FnOnce(&Detail) -> R) -> Option<R> {
        self.detail.with(|d| match d {
            Some(Ok(Some(detail))) => Some(f(detail)),
            _ => None,
        })
    }
}

#[component]
pub fn SubscriptionDetail() -> impl IntoView {
    use_page_title(|t| t.col_subscription);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        let id = params.read().get("id").unwrap_or_default();
        async move {
            let Some(customer) = customer else { return Ok(None) };
            let subscription = api.subscription(&customer, &id).await?;
            let history = api.subscription_history(&customer, &id).await?;
            let azure = if subscription.billing_type == BillingType::Usage {
                api.azure_subscriptions(&customer, &id).await?
            } else {
                Vec::new()
            };
            Ok::<_, ApiError>(Some(Detail { subscription, history, azure }))
        }
    });
    // A subscription just bought is provisioned within seconds: follow it.
    refresh_while(detail, |found| {
        found.as_ref().is_some_and(|d| d.subscription.status == SubscriptionStatus::Pending)
    });
    let page = PageState { detail, dialog: RwSignal::new(None), notice: RwSignal::new(None) };
    provide_context(page);
    let is_partner = session.me().is_some_and(|me| me.is_partner_user());
    // The customer's and the partner's admins decide who else may reach it.
    let manages_access = session.me().is_some_and(|me| me.administers_customers());
    let heading = move || {
        page.with(|d| d.subscription.friendly_name.clone())
            .unwrap_or_else(|| t().col_subscription.to_owned())
    };
    // A live legacy Microsoft Azure subscription can move to an Azure plan. Drawn outside what
    // reloads, so the upgrade it follows stays on screen once the subscription has ended.
    let legacy = Memo::new(move |shown: Option<&Option<(String, String)>>| {
        page.with(|d| {
            let s = &d.subscription;
            let live = s.status != SubscriptionStatus::Deleted;
            let is_legacy = s.offer_id == portal_domain::upgrade::LEGACY_AZURE_OFFER;
            (is_legacy && (live || shown.is_some_and(Option::is_some)))
                .then(|| (session.customer_in_view().unwrap_or_default(), s.id.clone()))
        })
        .flatten()
    });
    // Who may buy for the customer upgrades, registers plans and (partners) sets support.
    let may_buy = session.me().is_some_and(|me| me.can_purchase());

    view! {
        <p>
            <A href="/subscriptions">{move || t().subscriptions().all_subscriptions}</A>
        </p>
        <h1>{heading}</h1>
        <p id="subscription-notice" class="change-notice" role="status" tabindex="-1">
            {move || page.notice.get()}
        </p>
        {customer_view(
            detail,
            move |d| {
                let can_change = session
                    .me()
                    .is_some_and(|me| me.may_change_subscription(&d.subscription.id));
                let access = manages_access
                    .then(|| {
                        let customer_id = session.customer_in_view().unwrap_or_default();
                        let subscription_id = d.subscription.id.clone();
                        // By the user's roles, or as the subscription's Owner or Contributor.
                        view! {
                            <access::AccessControl
                                customer_id=customer_id
                                subscription_id=subscription_id
                            />
                        }
                    });
                let link_invoices = session.me().is_some_and(|me| !me.is_subscription_scoped());
                let lines = // Users who reach only some subscriptions cannot open the customer's invoices.
                view! {
                    <invoice_lines::InvoiceLines
                        customer_id=session.customer_in_view().unwrap_or_default()
                        subscription_id=d.subscription.id.clone()
                        link_invoices=link_invoices
                    />
                };
                let covered = d
                    .subscription
                    .offer_id
                    .starts_with(portal_domain::azure_stack::CAPACITY_PRODUCT_ID)
                    .then(|| {
                        // Azure Stack Hub capacity: the registrations its cores cover.
                        view! {
                            <crate::pages::CoveredRegistrations
                                customer_id=session.customer_in_view().unwrap_or_default()
                                cores_bought=d.subscription.quantity
                            />
                        }
                    });
                let service = view! {
                    <service::ServiceSection
                        customer_id=session.customer_in_view().unwrap_or_default()
                        subscription_id=d.subscription.id.clone()
                        is_plan=d.subscription.billing_type == BillingType::Usage
                        can_register=may_buy
                        can_change_contact=is_partner && may_buy
                    />
                };
                view! {
                    <DetailView detail=d can_change=can_change is_partner=is_partner />
                    {service}
                    {covered}
                    {lines}
                    {access}
                }
            },
        )}
        {move || {
            legacy
                .get()
                .map(|(customer_id, id)| {
                    view! {
                        <upgrade::UpgradeSection
                            customer_id=customer_id
                            azure_subscription_id=id
                            can_upgrade=may_buy
                        />
                    }
                })
        }}
        {move || page.dialog.get().map(|kind| view! { <ActionDialog kind=kind /> })}
    }
}

/// The subscription's facts in plain words: (label, value).
fn facts(t: &Messages, tag: &str, s: &Subscription) -> Vec<(&'static str, String)> {
    let date = |text: &str| format::timestamp_date(tag, text);
    let mut facts = Vec::new();
    let offer = if s.is_trial {
        format!("{} ({})", s.offer_name, t.free_trial)
    } else {
        s.offer_name.clone()
    };
    facts.push((t.subscriptions().col_offer, offer));
    let usage = s.billing_type == BillingType::Usage;
    if !usage {
        facts.push((t.col_quantity, format::integer(tag, s.quantity)));
    }
    let billing =
        if usage { t.subscriptions().billing_by_usage } else { t.subscriptions().billing_per_unit };
    facts.push((t.col_billing, billing(t.billed(s.billing_cycle))));
    if let Some(price) = s.unit_price.filter(|_| s.billing_cycle != BillingCycle::None) {
        let unit = t.price_unit(s.unit_type, s.billing_cycle);
        facts.push((
            t.col_unit_price,
            format!("{} {unit}", format::money(tag, price, &s.currency_code)),
        ));
    }
    let term = match &s.term_duration {
        Some(term) => (t.subscriptions().term_from_to)(
            &t.term(term),
            &date(&s.effective_start_date),
            &date(&s.commitment_end_date),
        ),
        None => (t.subscriptions().no_term_since)(&date(&s.effective_start_date)),
    };
    facts.push((t.subscriptions().col_term, term));
    if s.status != SubscriptionStatus::Deleted {
        // What it renews for: a three-year term renews for a year.
        let renewal = s.renewal_term_duration.as_deref().or(s.term_duration.as_deref());
        let term = t.term(renewal.unwrap_or_default());
        match (s.renews_on(), s.term_end()) {
            (Some(day), _) => facts.push((
                t.subscriptions().col_renewal,
                (t.subscriptions().renews_on)(&format::long_date(tag, day), &term),
            )),
            (None, Some(end)) => facts.push((
                t.subscriptions().col_renewal,
                (t.subscriptions().ends_on)(&format::long_date(tag, end)),
            )),
            (None, None) => {}
        }
    }
    if s.status == SubscriptionStatus::Active {
        let cancellation = if usage {
            t.subscriptions().plan_not_cancellable.to_owned()
        } else if s.is_trial {
            t.subscriptions().trial_cancellable.to_owned()
        } else if s.refund_options.is_empty() {
            t.subscriptions().not_cancellable.to_owned()
        } else {
            let options: Vec<String> = s
                .refund_options
                .iter()
                .map(|option| {
                    let until = format::date_time(tag, &option.expires_at);
                    match option.refund_type {
                        RefundType::Full => (t.subscriptions().cancellable_full)(&until),
                        RefundType::Partial => (t.subscriptions().cancellable_partial)(&until),
                    }
                })
                .collect();
            options.join("; ")
        };
        facts.push((t.subscriptions().label_cancellation, cancellation));
    }
    facts.push((t.subscriptions().label_subscription_id, s.id.clone()));
    if let Some(id) = &s.entitlement_id {
        facts.push((
            t.subscriptions().label_entitlement,
            (t.subscriptions().entitlement_explained)(id),
        ));
    }
    if let Some(mpn) = &s.partner_id {
        facts.push((t.subscriptions().label_reseller, (t.subscriptions().reseller_explained)(mpn)));
    }
    facts.push((
        t.subscriptions().label_contract,
        t.subscriptions().contract_subscription.to_owned(),
    ));
    facts.push((
        t.subscriptions().label_publisher,
        (t.subscriptions().publisher_explained)(&s.publisher_name, s.is_microsoft_product),
    ));
    let addons = if s.has_purchasable_addons {
        t.subscriptions().addons_available
    } else {
        t.subscriptions().addons_none
    };
    facts.push((t.subscriptions().label_addons, addons.to_owned()));
    facts
}

/// The actions offered: what `actions` allows now, plus "Suspend" on an active Azure plan that
/// still has Azure subscriptions, whose dialog says which ones block it. A subscription the
/// partner suspended is reactivated by partner users only.
fn offered(s: &Subscription, is_partner: bool) -> Vec<Dialog> {
    let may_reactivate = s.may_be_reactivated_by(is_partner);
    let plan_active =
        s.billing_type == BillingType::Usage && s.status == SubscriptionStatus::Active;
    [
        (s.allows(Act::Rename), Dialog::Rename),
        (s.allows(Act::IncreaseQuantity) || s.allows(Act::DecreaseQuantity), Dialog::Quantity),
        (s.allows(Act::ChangeAutoRenew), Dialog::AutoRenew),
        (s.allows(Act::Suspend) || plan_active, Dialog::Suspend),
        (s.allows(Act::Reactivate) && may_reactivate, Dialog::Reactivate),
        (s.allows(Act::Cancel), Dialog::Cancel),
    ]
    .into_iter()
    .filter_map(|(offered, dialog)| offered.then_some(dialog))
    .collect()
}

/// The name of an action: its button and its dialog's title.
pub(super) fn action_name(t: &Messages, kind: &Dialog, s: &Subscription) -> String {
    match kind {
        Dialog::Rename => t.subscriptions().action_rename.to_owned(),
        Dialog::Quantity => t.subscriptions().action_quantity.to_owned(),
        Dialog::AutoRenew if s.auto_renew_enabled => {
            t.subscriptions().action_auto_renew_off.to_owned()
        }
        Dialog::AutoRenew => t.subscriptions().action_auto_renew_on.to_owned(),
        Dialog::Suspend => t.subscriptions().action_suspend.to_owned(),
        Dialog::Reactivate => t.subscriptions().action_reactivate.to_owned(),
        Dialog::Cancel => t.subscriptions().action_cancel.to_owned(),
        Dialog::AddAzure => t.subscriptions().action_add_azure.to_owned(),
        Dialog::CancelAzure(azure) => (t.subscriptions().action_cancel_azure)(&azure.friendly_name),
    }
}

#[component]
fn DetailView(detail: Detail, can_change: bool, is_partner: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let Detail { subscription, history, azure } = detail;
    let is_plan = subscription.billing_type == BillingType::Usage;
    let offered = offered(&subscription, is_partner);
    // Said to customer users, who cannot lift a suspension their partner made.
    let ask_partner = !subscription.may_be_reactivated_by(is_partner);
    let suspension = subscription.suspension_reasons.first().cloned();
    let (status, created, order_id) =
        (subscription.status, subscription.creation_date.clone(), subscription.order_id.clone());
    let s = StoredValue::new(subscription);

    view! {
        <dl class="details">
            <dt>{move || t().col_status}</dt>
            <dd>
                {subscription_badge(status)}
                {suspension
                    .map(|reason| {
                        view! {
                            " "
                            {move || {
                                if reason == "CustomerInitiated" {
                                    t().subscriptions().suspended_by_customer
                                } else {
                                    t().subscriptions().suspended_by_partner
                                }
                            }}
                        }
                    })}
            </dd>
            {move || {
                s.with_value(|s| facts(t(), &i18n.format_tag(), s))
                    .into_iter()
                    .map(|(label, value)| {
                        view! {
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        }
                    })
                    .collect_view()
            }}
            <dt>{move || t().subscriptions().label_purchased}</dt>
            <dd>
                {move || format::timestamp_date(&i18n.format_tag(), &created)} " – "
                <A href=format!("/orders/{order_id}")>{move || (t().order_heading)(&order_id)}</A>
            </dd>
        </dl>

        <section class="section" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{move || t().actions}</h2>
            {ask_partner
                .then(|| {
                    view! {
                        <p class="hint">{move || t().subscriptions().reactivate_ask_partner}</p>
                    }
                })}
            {if !can_change {
                view! { <p class="hint">{move || t().subscriptions().read_only}</p> }.into_any()
            } else if offered.is_empty() {
                view! { <p class="hint">{move || t().subscriptions().no_actions_now}</p> }
                    .into_any()
            } else {
                view! {
                    <div class="action-buttons">
                        {offered
                            .into_iter()
                            .map(|kind| {
                                let label = kind.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="button secondary"
                                        on:click=move |_| page.open(kind.clone())
                                    >
                                        {move || s.with_value(|s| action_name(t(), &label, s))}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }}
        </section>

        {is_plan
            .then(|| {
                view! {
                    <AzureSubscriptions
                        azure=azure
                        can_add=can_change && s.with_value(|s| s.allows(Act::AddAzureSubscription))
                        can_change=can_change
                    />
                }
            })}

        <section class="section" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || t().subscriptions().history_title}</h2>
            <div class="table-wrap">
                <table>
                    <TableHead columns=[
                        Head::text(|t| t.subscriptions().col_when),
                        Head::text(|t| t.col_who),
                        Head::text(|t| t.subscriptions().col_change),
                        Head::text(|t| t.subscriptions().col_amount),
                    ] />
                    <tbody>
                        {history
                            .into_iter()
                            .map(|event| {
                                let (when, who, change) = (
                                    event.occurred_at.clone(),
                                    event.actor.clone(),
                                    event.clone(),
                                );
                                let amount = move || {
                                    let (Some(amount), Some(currency)) = (
                                        event.amount,
                                        event.currency_code.as_deref(),
                                    ) else {
                                        return String::new();
                                    };
                                    let money = format::money(
                                        &i18n.format_tag(),
                                        amount.abs(),
                                        currency,
                                    );
                                    if amount.is_negative() {
                                        (t().subscriptions().refunded_amount)(&money)
                                    } else {
                                        money
                                    }
                                };
                                view! {
                                    <tr>
                                        <td>
                                            {move || format::date_time(&i18n.format_tag(), &when)}
                                        </td>
                                        <td>{who}</td>
                                        <td>{move || t().event(&change)}</td>
                                        <td>{amount}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The Azure subscriptions' columns; the actions column only for those who may change them.
fn azure_heads(can_change: bool) -> Vec<Head> {
    [
        Head::text(|t| t.col_name),
        Head::text(|t| t.subscriptions().col_id),
        Head::text(|t| t.col_status),
    ]
    .into_iter()
    .chain(can_change.then_some(Head::text(|t| t.actions)))
    .collect()
}

#[component]
fn AzureSubscriptions(
    azure: Vec<AzureEntitlement>,
    can_add: bool,
    can_change: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    view! {
        <section class="section" aria-labelledby="azure-heading">
            <h2 id="azure-heading">{move || t().subscriptions().azure_subscriptions_title}</h2>
            {if azure.is_empty() {
                view! {
                    <p class="empty">{move || t().subscriptions().azure_subscriptions_empty}</p>
                }
                    .into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <TableHead columns=azure_heads(can_change) />
                            <tbody>
                                {azure
                                    .into_iter()
                                    .map(|entry| {
                                        let cancellable = can_change
                                            && entry.status == SubscriptionStatus::Active;
                                        let (name, id, status) = (
                                            entry.friendly_name.clone(),
                                            entry.id.clone(),
                                            entry.status,
                                        );
                                        let label = entry.friendly_name.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{name}</th>
                                                <td>{id}</td>
                                                <td>{subscription_badge(status)}</td>
                                                {can_change
                                                    .then(|| {
                                                        view! {
                                                            <td>
                                                                {cancellable
                                                                    .then(|| {
                                                                        view! {
                                                                            <button
                                                                                type="button"
                                                                                class="button secondary small"
                                                                                on:click=move |_| {
                                                                                    page.open(Dialog::CancelAzure(entry.clone()))
                                                                                }
                                                                            >
                                                                                {move || (t().subscriptions().action_cancel_azure)(&label)}
                                                                            </button>
                                                                        }
                                                                    })}
                                                            </td>
                                                        }
                                                    })}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            {can_add
                .then(|| {
                    view! {
                        <p>
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| page.open(Dialog::AddAzure)
                            >
                                {move || t().subscriptions().action_add_azure}
                            </button>
                        </p>
                    }
                })}
        </section>
    }
}
