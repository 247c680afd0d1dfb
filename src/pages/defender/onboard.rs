//! Onboarding an Azure subscription to Defender for IoT: the dialog, its plan choices and estimate.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::BillingCycle;
use portal_domain::defender::{self, DefenderPlanStatus, NewDefenderPlan, OnboardingCost};
use portal_domain::subscription::AzureEntitlement;

use super::Section;
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{CancelButton, Modal, MutationError, close_dialog, mutation, remote_view};
use crate::i18n::{Messages, format, use_i18n};

/// The Azure subscriptions the customer could onboard: active ones under an active Azure plan
/// that are not onboarded now.
async fn eligible(
    api: &crate::api::ApiClient,
    customer_id: &str,
    onboarded: &[String],
) -> Result<Vec<AzureEntitlement>, ApiError> {
    let mut found = api.active_azure_subscriptions(customer_id).await?;
    found.retain(|a| !onboarded.contains(&a.id));
    Ok(found)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlanChoice {
    Monthly,
    Annual,
    Trial,
}

impl PlanChoice {
    const ALL: [PlanChoice; 3] = [PlanChoice::Monthly, PlanChoice::Annual, PlanChoice::Trial];

    fn cycle(self) -> BillingCycle {
        if self == PlanChoice::Annual { BillingCycle::Annual } else { BillingCycle::Monthly }
    }

    fn label(self, t: &Messages) -> &'static str {
        match self {
            PlanChoice::Monthly => t.defender().plan_monthly,
            PlanChoice::Annual => t.defender().plan_annual,
            PlanChoice::Trial => t.defender().plan_trial,
        }
    }
}

/// What onboarding will cost, in words.
fn estimate_text(
    t: &Messages,
    tag: &str,
    choice: PlanChoice,
    cost: &OnboardingCost,
    currency: &str,
) -> String {
    let (from, to) =
        (format::long_date(tag, cost.first_from), format::long_date(tag, cost.first_to));
    let first = format::money(tag, cost.first_charge, currency);
    match choice {
        PlanChoice::Trial => (t.defender().estimate_trial)(&to),
        PlanChoice::Annual => (t.defender().estimate_annual)(&first, &from, &to),
        PlanChoice::Monthly => (t.defender().estimate_monthly)(
            &first,
            &from,
            &to,
            &format::money(tag, cost.recurring, currency),
        ),
    }
}

#[component]
pub(super) fn OnboardDialog() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let onboarded: Vec<String> = section
        .plans
        .get_untracked()
        .and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.status != DefenderPlanStatus::Offboarded)
        .map(|p| p.subscription_id)
        .collect();
    let candidates = LocalResource::new({
        let (api, customer_id) = (api.clone(), customer_id.clone());
        move || {
            let (api, customer_id, onboarded) =
                (api.clone(), customer_id.clone(), onboarded.clone());
            async move { eligible(&api, &customer_id, &onboarded).await }
        }
    });
    let maximum = section.offer.with_value(|o| {
        o.as_ref()
            .and_then(|o| o.sku.as_ref())
            .map(|s| s.maximum_quantity * defender::DEVICES_PER_BLOCK)
    });
    let maximum = maximum.unwrap_or(defender::DEVICES_PER_BLOCK);
    let subscription = RwSignal::new(String::new());
    let devices = RwSignal::new(defender::DEVICES_PER_BLOCK);
    let choice = RwSignal::new(PlanChoice::Monthly);
    // Once the list is there, the first eligible subscription is chosen and has the focus (the
    // dialog opened before its controls were loaded).
    Effect::new(move |_| {
        if let Some(Ok(list)) = candidates.get()
            && subscription.with_untracked(String::is_empty)
            && let Some(first) = list.first()
        {
            subscription.set(first.id.clone());
            request_animation_frame(|| browser::focus("onboard-subscription-select"));
        }
    });

    let cost = Memo::new(move |_| {
        let choice = choice.get();
        let devices =
            if choice == PlanChoice::Trial { defender::TRIAL_DEVICES } else { devices.get() };
        let price = section
            .offer
            .with_value(|o| o.as_ref().and_then(|o| defender::plan_price(o, choice.cycle())))?;
        let cost = defender::onboarding_cost(
            price,
            devices,
            choice == PlanChoice::Trial,
            format::today_utc(),
        )?;
        Some((cost, price.currency.code))
    });
    let estimate = move || {
        let tag = i18n.format_tag();
        cost.get().map(|(cost, currency)| estimate_text(t(), &tag, choice.get(), &cost, currency))
    };

    let onboard = mutation(move |body: NewDefenderPlan| {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        async move {
            let plan = api.onboard(&customer_id, &body).await?;
            section.done((i18n.t_untracked().defender().onboarded_notice)(&plan.subscription_name));
            close_dialog();
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let is_trial = choice.get_untracked() == PlanChoice::Trial;
        let body = NewDefenderPlan {
            subscription_id: subscription.get_untracked(),
            device_quota: if is_trial { defender::TRIAL_DEVICES } else { devices.get_untracked() },
            billing_cycle: choice.get_untracked().cycle(),
            is_trial,
        };
        if !body.subscription_id.is_empty() {
            onboard.dispatch(body);
        }
    };

    view! {
        <Modal title_id="onboard-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="onboard-title">{move || t().defender().onboard_subscription}</h2>
                {remote_view(
                    candidates,
                    move |list| {
                        if list.is_empty() {
                            return view! {
                                <p class="notice info">
                                    {move || t().defender().no_eligible_subscription}
                                </p>
                            }
                                .into_any();
                        }
                        view! {
                            <div class="field">
                                <label for="onboard-subscription-select">
                                    {move || t().col_subscription}
                                </label>
                                <select
                                    id="onboard-subscription-select"
                                    on:change=move |ev| {
                                        subscription.set(event_target_value(&ev))
                                    }
                                >
                                    {list
                                        .into_iter()
                                        .map(|a| {
                                            let id = a.id.clone();
                                            view! {
                                                <option
                                                    value=a.id.clone()
                                                    prop:selected=move || subscription.with(|s| *s == id)
                                                >
                                                    {a.friendly_name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="onboard-plan">
                                    {move || t().defender().field_plan}
                                </label>
                                <select
                                    id="onboard-plan"
                                    on:change=move |ev| {
                                        let index: usize = event_target_value(&ev)
                                            .parse()
                                            .unwrap_or(0);
                                        choice
                                            .set(
                                                PlanChoice::ALL
                                                    .get(index)
                                                    .copied()
                                                    .unwrap_or(PlanChoice::Monthly),
                                            );
                                    }
                                >
                                    {PlanChoice::ALL
                                        .into_iter()
                                        .enumerate()
                                        .map(|(index, c)| {
                                            view! {
                                                <option
                                                    value=index.to_string()
                                                    prop:selected=move || choice.get() == c
                                                >
                                                    {move || c.label(t())}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="onboard-devices">
                                    {move || t().defender().col_committed_devices}
                                </label>
                                <select
                                    id="onboard-devices"
                                    disabled=move || choice.get() == PlanChoice::Trial
                                    on:change=move |ev| {
                                        devices
                                            .set(
                                                event_target_value(&ev)
                                                    .parse()
                                                    .unwrap_or(defender::DEVICES_PER_BLOCK),
                                            )
                                    }
                                >
                                    {defender::device_choices(maximum)
                                        .map(|n| {
                                            view! {
                                                <option
                                                    value=n.to_string()
                                                    prop:selected=move || {
                                                        let shown = if choice.get() == PlanChoice::Trial {
                                                            defender::TRIAL_DEVICES
                                                        } else {
                                                            devices.get()
                                                        };
                                                        shown == n
                                                    }
                                                >
                                                    {move || format::integer(&i18n.format_tag(), n)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <p id="onboard-estimate" class="estimate" aria-live="polite">
                                {estimate}
                            </p>
                        }
                            .into_any()
                    },
                )}
                <MutationError mutation=onboard />
                <div class="dialog-buttons">
                    {move || {
                        matches!(candidates.get(), Some(Ok(list)) if !list.is_empty())
                            .then(|| {
                                view! {
                                    <button
                                        type="submit"
                                        class="button primary"
                                        disabled=onboard.pending()
                                    >
                                        {move || {
                                            if onboard.pending().get() {
                                                t().defender().onboarding
                                            } else {
                                                t().defender().onboard
                                            }
                                        }}
                                    </button>
                                }
                            })
                    }} <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}
