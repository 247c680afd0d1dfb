//! The dialogs that change a subscription: what each asks, checks and says when done.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::Amount;
use portal_domain::lifecycle::{RefundType, SubscriptionAction as Act, check_name, current_period};
use portal_domain::subscription::{
    AzureEntitlement, BillingType, Subscription, SubscriptionPatch, SubscriptionStatus,
    charged_so_far,
};

use super::{Detail, Dialog, PageState, action_name};
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{FieldProblem, mutation};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// What confirming a dialog sends.
#[derive(Debug, Clone, PartialEq)]
enum Request {
    Change(SubscriptionPatch),
    AddAzure(String),
    CancelAzure(AzureEntitlement),
}

/// Why a dialog cannot be confirmed as it stands.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// The value typed in: shown under the field.
    Input(String),
    /// The change cannot be made now at all: no confirm button.
    Blocked(String),
}

/// A dialog's content for the subscription as last loaded: what the change will do (and cost),
/// and the request that makes it.
struct Prepared {
    effect: String,
    request: Result<Request, Problem>,
}

fn prepare(
    t: &Messages,
    tag: &str,
    kind: &Dialog,
    d: &Detail,
    input: &str,
    today: NaiveDate,
) -> Prepared {
    let s = &d.subscription;
    let money = |amount: Amount| format::money(tag, amount.abs(), &s.currency_code);
    let blocked = || Problem::Blocked(t.subscriptions().action_no_longer_allowed.to_owned());
    let allowed = |action| if s.allows(action) { Ok(()) } else { Err(blocked()) };
    let change = |patch: SubscriptionPatch| Request::Change(patch);
    let named = |action| {
        allowed(action)?;
        check_name(input).map(str::to_owned).map_err(|r| Problem::Input(t.refusal(&r)))
    };
    let (effect, request) = match kind {
        Dialog::Rename => (
            String::new(),
            named(Act::Rename).map(|name| {
                change(SubscriptionPatch { friendly_name: Some(name), ..Default::default() })
            }),
        ),
        Dialog::Quantity => {
            let quantity = input.trim().parse::<i64>();
            let request = if !(s.allows(Act::IncreaseQuantity) || s.allows(Act::DecreaseQuantity)) {
                Err(blocked())
            } else {
                match quantity {
                    Err(_) => Err(Problem::Input(t.problem_not_a_number.to_owned())),
                    Ok(q) if q == s.quantity => {
                        Err(Problem::Input(t.subscriptions().quantity_unchanged.to_owned()))
                    }
                    Ok(q) => s
                        .check_quantity(q)
                        .map(|()| {
                            change(SubscriptionPatch { quantity: Some(q), ..Default::default() })
                        })
                        .map_err(|r| Problem::Input(t.refusal(&r))),
                }
            };
            let effect = match (&request, s.pricing()) {
                (Ok(_), Some(pricing)) => {
                    let to = quantity.unwrap_or(s.quantity);
                    let until = format::long_date(
                        tag,
                        current_period(pricing.cycle, pricing.start, today).1,
                    );
                    match pricing.quantity_change(s.quantity, to, today) {
                        Some(amount) if amount > Amount::ZERO => {
                            (t.subscriptions().quantity_charge)(&money(amount), &until)
                        }
                        Some(amount) if amount.is_negative() => {
                            (t.subscriptions().quantity_refund)(&money(amount), &until)
                        }
                        _ => t.subscriptions().no_charge.to_owned(),
                    }
                }
                _ => String::new(),
            };
            (effect, request)
        }
        Dialog::AutoRenew => {
            let term = t.term(s.term_duration.as_deref().unwrap_or_default());
            let effect = match s.term_end() {
                Some(end) if s.auto_renew_enabled => {
                    (t.subscriptions().auto_renew_off_effect)(&format::long_date(tag, end))
                }
                Some(end) => (t.subscriptions().auto_renew_on_effect)(
                    &format::long_date(tag, end.succ_opt().unwrap_or(end)),
                    &term,
                ),
                None => String::new(),
            };
            let patch = SubscriptionPatch {
                auto_renew_enabled: Some(!s.auto_renew_enabled),
                ..Default::default()
            };
            (effect, allowed(Act::ChangeAutoRenew).map(|()| change(patch)))
        }
        Dialog::Suspend => {
            let active: Vec<&str> = d
                .azure
                .iter()
                .filter(|a| a.status == SubscriptionStatus::Active)
                .map(|a| a.friendly_name.as_str())
                .collect();
            let patch = SubscriptionPatch {
                status: Some(SubscriptionStatus::Suspended),
                ..Default::default()
            };
            if s.billing_type == BillingType::Usage {
                if active.is_empty() {
                    (
                        t.subscriptions().suspend_plan_effect.to_owned(),
                        allowed(Act::Suspend).map(|()| change(patch)),
                    )
                } else {
                    let blocked = (t.suspend_plan_blocked)(&active.join(", "));
                    (String::new(), Err(Problem::Blocked(blocked)))
                }
            } else {
                (
                    t.subscriptions().suspend_effect.to_owned(),
                    allowed(Act::Suspend).map(|()| change(patch)),
                )
            }
        }
        Dialog::Reactivate => {
            let patch = SubscriptionPatch {
                status: Some(SubscriptionStatus::Active),
                ..Default::default()
            };
            (
                t.subscriptions().reactivate_effect.to_owned(),
                allowed(Act::Reactivate).map(|()| change(patch)),
            )
        }
        Dialog::Cancel => {
            let refund = match s.refund_options.first().map(|o| o.refund_type) {
                Some(RefundType::Full) => charged_so_far(&d.history)
                    .map(|a| (t.subscriptions().cancel_full_refund)(&money(a))),
                Some(RefundType::Partial) => s
                    .pricing()
                    .and_then(|p| {
                        p.cancellation_refund(RefundType::Partial, Amount::ZERO, s.quantity, today)
                    })
                    .map(|a| (t.subscriptions().cancel_partial_refund)(&money(a))),
                None => None,
            };
            let effect = if s.is_trial {
                t.subscriptions().cancel_trial.to_owned()
            } else {
                refund.unwrap_or_default()
            };
            let patch = SubscriptionPatch {
                status: Some(SubscriptionStatus::Deleted),
                ..Default::default()
            };
            (effect, allowed(Act::Cancel).map(|()| change(patch)))
        }
        Dialog::AddAzure => (
            t.subscriptions().add_azure_effect.to_owned(),
            named(Act::AddAzureSubscription).map(Request::AddAzure),
        ),
        Dialog::CancelAzure(azure) => {
            let active =
                d.azure.iter().any(|a| a.id == azure.id && a.status == SubscriptionStatus::Active);
            let request =
                if active { Ok(Request::CancelAzure(azure.clone())) } else { Err(blocked()) };
            (t.subscriptions().cancel_azure_effect.to_owned(), request)
        }
    };
    Prepared { effect, request }
}

/// What the page announces once a change is made.
fn done(t: &Messages, tag: &str, request: &Request, changed: Option<&Subscription>) -> String {
    match (request, changed) {
        (Request::AddAzure(name), _) => (t.subscriptions().done_azure_added)(name),
        (Request::CancelAzure(azure), _) => {
            (t.subscriptions().done_azure_cancelled)(&azure.friendly_name)
        }
        (Request::Change(patch), Some(s)) => {
            if patch.friendly_name.is_some() {
                (t.subscriptions().done_renamed)(&s.friendly_name)
            } else if patch.quantity.is_some() {
                (t.subscriptions().done_quantity)(&format::integer(tag, s.quantity))
            } else if patch.auto_renew_enabled.is_some() {
                if s.auto_renew_enabled {
                    t.subscriptions().done_auto_renew_on
                } else {
                    t.subscriptions().done_auto_renew_off
                }
                .to_owned()
            } else {
                match s.status {
                    SubscriptionStatus::Suspended => t.subscriptions().done_suspended,
                    SubscriptionStatus::Deleted => t.subscriptions().done_cancelled,
                    _ => t.subscriptions().done_reactivated,
                }
                .to_owned()
            }
        }
        (Request::Change(_), None) => String::new(),
    }
}

/// The confirmation of one change: a modal `<dialog>` (focus moves in and stays there; Escape
/// closes it), with what the change will do, its cost or refund, and the button that makes it.
/// If someone else changed the subscription meanwhile (412), the page reloads it and the dialog
/// shows the change again, priced from what is now there, for the user to confirm again.
#[component]
pub(super) fn ActionDialog(kind: Dialog) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let api = use_api();
    let session = use_session();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = node.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    let initial = page
        .with(|d| match kind {
            Dialog::Rename => d.subscription.friendly_name.clone(),
            Dialog::Quantity => d.subscription.quantity.to_string(),
            _ => String::new(),
        })
        .unwrap_or_default();
    let input = RwSignal::new(initial);
    let has_input = matches!(kind, Dialog::Rename | Dialog::Quantity | Dialog::AddAzure);
    let destructive = matches!(kind, Dialog::Cancel | Dialog::Suspend | Dialog::CancelAzure(_));
    // One id per confirmation, so a retried request is recognised by the server.
    let request_id = browser::random_id();
    let kind = StoredValue::new(kind);

    let prepared = Memo::new(move |_| {
        let (t, tag, today) = (t(), i18n.format_tag(), format::today_utc());
        input
            .with(|input| {
                kind.with_value(|kind| page.with(|d| prepare(t, &tag, kind, d, input, today)))
            })
            .map(|p| (p.effect, p.request))
    });
    let problem =
        move || prepared.with(|p| p.as_ref().and_then(|(_, r)| r.as_ref().err().cloned()));
    // Said once the user has typed or tried to confirm, not as the dialog opens.
    let touched = RwSignal::new(false);
    let input_problem = move || match problem() {
        Some(Problem::Input(message)) if touched.get() => Some(message),
        _ => None,
    };
    let blocked = move || match problem() {
        Some(Problem::Blocked(message)) => Some(message),
        _ => None,
    };
    let close = move || {
        if let Some(dialog) = node.get_untracked() {
            dialog.close();
        }
    };

    let send =
        mutation(move |(customer, subscription, request): (String, Subscription, Request)| {
            let (api, request_id) = (api.clone(), request_id.clone());
            async move {
                let plan = &subscription.id;
                let result = match &request {
                    Request::Change(patch) => {
                        api.change_subscription(&customer, &subscription, patch).await.map(Some)
                    }
                    Request::AddAzure(name) => api
                        .add_azure_subscription(&customer, plan, name, &request_id)
                        .await
                        .map(|_| None),
                    Request::CancelAzure(azure) => api
                        .cancel_azure_subscription(&customer, plan, &azure.id, &request_id)
                        .await
                        .map(|_| None),
                };
                match result {
                    Ok(changed) => {
                        let (t, tag) = (i18n.t_untracked(), i18n.format_tag_untracked());
                        page.notice.set(Some(done(t, &tag, &request, changed.as_ref())));
                        close();
                        page.detail.refetch();
                        browser::focus("subscription-notice");
                        Ok(())
                    }
                    // What the dialog was based on has changed: show it as it is now.
                    Err(e @ (ApiError::PreconditionFailed | ApiError::Refused { .. })) => {
                        page.detail.refetch();
                        Err(e)
                    }
                    Err(e) => Err(e),
                }
            }
        });
    let failure = move || {
        send.error().map(|e| match e {
            ApiError::PreconditionFailed => t().subscriptions().changed_reloaded.to_owned(),
            e => e.message(t()),
        })
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = prepared.with_untracked(|p| p.as_ref().map(|(_, r)| r.clone()));
        let Some(Ok(request)) = request else {
            touched.set(true);
            browser::focus("dialog-input");
            return;
        };
        if let (Some(customer), Some(subscription)) =
            (session.customer_in_view_untracked(), page.with(|d| d.subscription.clone()))
        {
            send.dispatch((customer, subscription, request));
        }
    };

    let title = move || {
        page.with(|d| kind.with_value(|k| action_name(t(), k, &d.subscription))).unwrap_or_default()
    };
    let input_label = move || match kind.get_value() {
        Dialog::Quantity => {
            page.with(|d| t().quantity_label(d.subscription.unit_type)).unwrap_or_default()
        }
        _ => t().col_name,
    };
    view! {
        <dialog
            node_ref=node
            class="modal"
            aria-labelledby="dialog-title"
            aria-describedby="dialog-effect"
            on:close=move |_| page.dialog.set(None)
        >
            <form on:submit=on_submit novalidate>
                <h2 id="dialog-title">{title}</h2>
                {has_input
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="dialog-input">{input_label}</label>
                                <input
                                    id="dialog-input"
                                    type=if matches!(kind.get_value(), Dialog::Quantity) {
                                        "number"
                                    } else {
                                        "text"
                                    }
                                    bind:value=input
                                    on:input=move |_| touched.set(true)
                                    aria-invalid=move || input_problem().is_some().to_string()
                                    aria-describedby=move || {
                                        input_problem().map(|_| "dialog-input-error")
                                    }
                                />
                                <FieldProblem
                                    id="dialog-input-error"
                                    message=Signal::derive(input_problem)
                                />
                            </div>
                        }
                    })}
                <p id="dialog-effect">
                    {move || prepared.with(|p| p.as_ref().map(|(effect, _)| effect.clone()))}
                </p>
                {move || blocked().map(|m| view! { <p class="notice info">{m}</p> })}
                {move || {
                    failure()
                        .map(|m| {
                            view! {
                                <p class="notice error" role="alert">
                                    {m}
                                </p>
                            }
                        })
                }}
                <div class="dialog-buttons">
                    {move || {
                        blocked()
                            .is_none()
                            .then(|| {
                                view! {
                                    <button
                                        type="submit"
                                        class="button primary"
                                        disabled=send.pending()
                                    >
                                        {move || {
                                            if send.pending().get() {
                                                t().saving.to_owned()
                                            } else {
                                                title()
                                            }
                                        }}
                                    </button>
                                }
                            })
                    }}
                    <button
                        type="button"
                        class="button secondary"
                        autofocus=destructive
                        on:click=move |_| close()
                    >
                        {move || t().subscriptions().close}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
