//! The Defender for IoT section of the Pricing page (seed 000): the plan's prices, the customer's
//! onboarded Azure subscriptions, onboarding and offboarding in modal dialogs, and the sensors of
//! each onboarded subscription. Estimates come from the domain rules the server charges with.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::catalog::Availability;
use portal_domain::defender::{
    self, DefenderPlan, DefenderPlanStatus, NewDefenderPlan, OnboardingCost, Sensor,
};
use portal_domain::subscription::{AzureEntitlement, BillingType, SubscriptionStatus};
use portal_domain::{BillingCycle, ErrorCode};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{CancelButton, ErrorNotice, Loading, Modal, close_dialog};
use crate::i18n::{Messages, format, use_i18n};

/// The dialog open now, if any.
#[derive(Debug, Clone, PartialEq)]
enum DefenderDialog {
    Onboard,
    Offboard { subscription_id: String, name: String },
    DeleteSensor { subscription_id: String, subscription_name: String, name: String },
}

/// Shared by the section, its panels and its dialogs.
#[derive(Clone, Copy)]
struct Section {
    customer_id: StoredValue<String>,
    plans: LocalResource<Result<Vec<DefenderPlan>, ApiError>>,
    /// Bumped after any sensor changes, so every list of sensors loads again.
    sensors_changed: RwSignal<u32>,
    dialog: RwSignal<Option<DefenderDialog>>,
    /// The id of the button that opened the dialog: focus goes back to it when it closes.
    opener: StoredValue<String>,
    notice: RwSignal<Option<String>>,
    offer: StoredValue<Option<Availability>>,
}

impl Section {
    fn open(&self, dialog: DefenderDialog, opener: String) {
        self.opener.set_value(opener);
        self.dialog.set(Some(dialog));
    }

    /// Called when a dialog has closed, whichever way.
    fn closed(&self) {
        self.dialog.set(None);
        browser::focus(&self.opener.get_value());
    }

    fn done(&self, message: String) {
        self.notice.set(Some(message));
        self.plans.refetch();
    }
}

/// The status line that says what the last change did.
const NOTICE_ID: &str = "defender-notice";

/// Ids made of names: letters and digits kept, the rest replaced.
fn id_part(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

#[component]
pub fn DefenderSection(
    customer_id: String,
    offer: Option<Availability>,
    can_manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let customer = customer_id.clone();
    let plans = LocalResource::new(move || {
        let (api, customer) = (api.clone(), customer.clone());
        async move { api.defender_plans(&customer).await }
    });
    let section = Section {
        customer_id: StoredValue::new(customer_id),
        plans,
        sensors_changed: RwSignal::new(0),
        dialog: RwSignal::new(None),
        opener: StoredValue::new(String::new()),
        notice: RwSignal::new(None),
        offer: StoredValue::new(offer.clone()),
    };
    provide_context(section);

    // The onboarded subscriptions (id, name), each with its sensors panel.
    let onboarded = Memo::new(move |_| {
        plans.with(|result| match result {
            Some(Ok(list)) => list
                .iter()
                .filter(|p| p.status != DefenderPlanStatus::Offboarded)
                .map(|p| (p.subscription_id.clone(), p.subscription_name.clone()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let tag = move || i18n.format_tag();
    let price = move |cycle: BillingCycle| {
        offer
            .as_ref()
            .and_then(|o| defender::plan_price(o, cycle))
            .map(|p| format::money(&tag(), p.block_price, p.currency.code))
    };
    let (monthly, annual) = (price(BillingCycle::Monthly), price(BillingCycle::Annual));

    view! {
        <section class="defender" aria-labelledby="defender-title">
            <h2 id="defender-title">{move || t().defender_title}</h2>
            <p>{move || t().defender_intro}</p>
            <h3>{move || t().defender_prices}</h3>
            <ul class="prices">
                {monthly.map(|p| view! { <li>{move || (t().defender_price_monthly)(&p)}</li> })}
                {annual.map(|p| view! { <li>{move || (t().defender_price_annual)(&p)}</li> })}
                <li>{move || t().defender_price_trial}</li>
            </ul>
            {can_manage.then(|| view! {
                <button
                    type="button"
                    id="onboard-subscription"
                    class="button primary"
                    on:click=move |_| section.open(DefenderDialog::Onboard, "onboard-subscription".into())
                >
                    {move || t().onboard_subscription}
                </button>
            })}
            <p id="defender-notice" class="change-notice" role="status" tabindex="-1">{move || section.notice.get()}</p>
            <Transition fallback=Loading>
                {move || plans.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{move || t().defender_none}</p> }.into_any(),
                    Ok(list) => view! { <PlansTable plans=list can_manage=can_manage /> }.into_any(),
                    Err(error) => {
                        let retry = Callback::new(move |()| plans.refetch());
                        view! { <ErrorNotice error=error retry=retry /> }.into_any()
                    }
                })}
            </Transition>
            // Outside the table, keyed by subscription: reloading the plans keeps each panel (and
            // what is typed in it, and the focus) as long as its subscription stays onboarded.
            <For each=move || onboarded.get() key=|(id, _)| id.clone() let((subscription_id, name))>
                <SensorsPanel subscription_id=subscription_id name=name can_manage=can_manage />
            </For>
            {move || section.dialog.get().map(|dialog| match dialog {
                DefenderDialog::Onboard => view! { <OnboardDialog /> }.into_any(),
                DefenderDialog::Offboard { subscription_id, name } => view! { <OffboardDialog subscription_id=subscription_id name=name /> }.into_any(),
                DefenderDialog::DeleteSensor { subscription_id, subscription_name, name } => view! {
                    <DeleteSensorDialog subscription_id=subscription_id subscription_name=subscription_name name=name />
                }.into_any(),
            })}
        </section>
    }
}

fn billing_text(t: &Messages, tag: &str, plan: &DefenderPlan) -> String {
    match &plan.trial_end_date {
        Some(end) => (t.trial_until)(&format::timestamp_date(tag, end)),
        None => t.billing_cycle(plan.billing_cycle).to_owned(),
    }
}

fn devices_text(t: &Messages, tag: &str, plan: &DefenderPlan) -> String {
    let now = format::integer(tag, plan.device_quota);
    match (plan.pending_device_quota, &plan.pending_device_quota_date) {
        (Some(next), Some(date)) => format!(
            "{now} ({})",
            (t.devices_from_next_month)(
                &format::integer(tag, next),
                &format::timestamp_date(tag, date)
            )
        ),
        _ => now,
    }
}

#[component]
fn PlansTable(plans: Vec<DefenderPlan>, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let rows = plans
        .into_iter()
        .map(|plan| {
            let tag = move || i18n.format_tag();
            let p = plan.clone();
            let onboarded = plan.onboarded_at.clone();
            let charge = plan.current_period_charge.clone();
            let status = plan.status;
            let sensor_count = plan.sensor_count;
            let offboard = (can_manage && status != DefenderPlanStatus::Offboarded).then(|| {
                let id = format!("offboard-{}", id_part(&plan.subscription_id));
                let label = plan.subscription_name.clone();
                let opened = DefenderDialog::Offboard {
                    subscription_id: plan.subscription_id.clone(),
                    name: plan.subscription_name.clone(),
                };
                let opener = id.clone();
                view! {
                    <button
                        type="button"
                        id=id
                        class="icon-button"
                        aria-label=move || (t().offboard_named)(&label)
                        on:click=move |_| section.open(opened.clone(), opener.clone())
                    >
                        <TrashIcon />
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">{plan.subscription_name.clone()}</th>
                    <td class="number">{move || devices_text(t(), &tag(), &p)}</td>
                    <td>{move || billing_text(t(), &tag(), &plan)}</td>
                    <td>{move || format::timestamp_date(&tag(), &onboarded)}</td>
                    <td class="number">{move || format::integer(&tag(), sensor_count)}</td>
                    <td class="number">{move || format::money(&tag(), charge.amount, &charge.currency_code)}</td>
                    <td>{move || t().defender_status(status)}</td>
                    {can_manage.then(move || view! { <td>{offboard}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
        <table>
            <caption>{move || t().defender_plans_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || t().col_subscription}</th>
                    <th scope="col" class="number">{move || t().col_committed_devices}</th>
                    <th scope="col">{move || t().col_billing}</th>
                    <th scope="col">{move || t().col_onboarded_on}</th>
                    <th scope="col" class="number">{move || t().col_sensors}</th>
                    <th scope="col" class="number">{move || t().col_month_charge}</th>
                    <th scope="col">{move || t().col_status}</th>
                    {can_manage.then(|| view! { <th scope="col">{move || t().col_actions}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}

/// The delete icon: a bin, drawn so that it needs no image file. Its button carries the name.
#[component]
fn TrashIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"
            />
        </svg>
    }
}

/// The sensors of an onboarded Azure subscription, loaded again whenever any sensor changes.
fn sensors_of(
    section: Section,
    subscription_id: String,
) -> LocalResource<Result<Vec<Sensor>, ApiError>> {
    let api = use_api();
    LocalResource::new(move || {
        let _ = section.sensors_changed.get();
        let (api, customer_id, subscription_id) =
            (api.clone(), section.customer_id.get_value(), subscription_id.clone());
        async move { api.sensors(&customer_id, &subscription_id).await }
    })
}

/// The Azure subscriptions the customer could onboard: active ones under an active Azure plan
/// that are not onboarded now.
async fn eligible(
    api: &crate::api::ApiClient,
    customer_id: &str,
    onboarded: &[String],
) -> Result<Vec<AzureEntitlement>, ApiError> {
    let mut found = Vec::new();
    for plan in api.subscriptions(customer_id).await? {
        if plan.billing_type != BillingType::Usage || plan.status != SubscriptionStatus::Active {
            continue;
        }
        let azure = api.azure_subscriptions(customer_id, &plan.id).await?;
        found.extend(
            azure
                .into_iter()
                .filter(|a| a.status == SubscriptionStatus::Active && !onboarded.contains(&a.id)),
        );
    }
    found.sort_by(|a, b| a.friendly_name.cmp(&b.friendly_name));
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
            PlanChoice::Monthly => t.plan_monthly,
            PlanChoice::Annual => t.plan_annual,
            PlanChoice::Trial => t.plan_trial,
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
        PlanChoice::Trial => (t.estimate_trial)(&to),
        PlanChoice::Annual => (t.estimate_annual)(&first, &from, &to),
        PlanChoice::Monthly => {
            (t.estimate_monthly)(&first, &from, &to, &format::money(tag, cost.recurring, currency))
        }
    }
}

#[component]
fn OnboardDialog() -> impl IntoView {
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
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
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

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let is_trial = choice.get_untracked() == PlanChoice::Trial;
        let body = NewDefenderPlan {
            subscription_id: subscription.get_untracked(),
            device_quota: if is_trial { defender::TRIAL_DEVICES } else { devices.get_untracked() },
            billing_cycle: choice.get_untracked().cycle(),
            is_trial,
        };
        if body.subscription_id.is_empty() {
            return;
        }
        let (api, customer_id) = (api.clone(), customer_id.clone());
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api.onboard(&customer_id, &body).await;
            let t = i18n.t_untracked();
            let _ = pending.try_set(false);
            match result {
                Ok(plan) => {
                    section.done((t.onboarded_notice)(&plan.subscription_name));
                    close_dialog();
                }
                Err(e) => {
                    let _ = error.try_set(Some(e.message(t)));
                }
            }
        });
    };

    view! {
        <Modal title_id="onboard-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="onboard-title">{move || t().onboard_subscription}</h2>
                <Transition fallback=Loading>
                    {move || candidates.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! {
                            <p class="notice info">{move || t().no_eligible_subscription}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <div class="field">
                                <label for="onboard-subscription-select">{move || t().col_subscription}</label>
                                <select
                                    id="onboard-subscription-select"
                                    on:change=move |ev| subscription.set(event_target_value(&ev))
                                >
                                    {list.into_iter().map(|a| {
                                        let id = a.id.clone();
                                        view! {
                                            <option value=a.id.clone() prop:selected=move || subscription.with(|s| *s == id)>
                                                {a.friendly_name.clone()}
                                            </option>
                                        }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="onboard-plan">{move || t().field_plan}</label>
                                <select
                                    id="onboard-plan"
                                    on:change=move |ev| {
                                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                                        choice.set(PlanChoice::ALL.get(index).copied().unwrap_or(PlanChoice::Monthly));
                                    }
                                >
                                    {PlanChoice::ALL.into_iter().enumerate().map(|(index, c)| view! {
                                        <option value=index.to_string() prop:selected=move || choice.get() == c>
                                            {move || c.label(t())}
                                        </option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="onboard-devices">{move || t().col_committed_devices}</label>
                                <select
                                    id="onboard-devices"
                                    disabled=move || choice.get() == PlanChoice::Trial
                                    on:change=move |ev| devices.set(event_target_value(&ev).parse().unwrap_or(defender::DEVICES_PER_BLOCK))
                                >
                                    {defender::device_choices(maximum).map(|n| view! {
                                        <option
                                            value=n.to_string()
                                            prop:selected=move || {
                                                let shown = if choice.get() == PlanChoice::Trial { defender::TRIAL_DEVICES } else { devices.get() };
                                                shown == n
                                            }
                                        >
                                            {move || format::integer(&i18n.format_tag(), n)}
                                        </option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <p id="onboard-estimate" class="estimate" aria-live="polite">{estimate}</p>
                        }.into_any(),
                        Err(e) => view! { <p class="notice error" role="alert">{e.message(t())}</p> }.into_any(),
                    })}
                </Transition>
                {move || error.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
                <div class="dialog-buttons">
                    {move || matches!(candidates.get(), Some(Ok(list)) if !list.is_empty()).then(|| view! {
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {move || if pending.get() { t().onboarding } else { t().onboard }}
                        </button>
                    })}
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn OffboardDialog(subscription_id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let sensors = sensors_of(section, subscription_id.clone());
    let confirmed = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let delete_sensor = {
        let (api, customer_id, subscription_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone());
        move |sensor: String| {
            let (api, customer_id, subscription_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone());
            spawn_local(async move {
                let result = api.delete_sensor(&customer_id, &subscription_id, &sensor).await;
                let t = i18n.t_untracked();
                match result {
                    // Not found: deleted meanwhile, which is what was asked.
                    Ok(()) | Err(ApiError::NotFound) => {
                        let _ = error.try_set(None);
                        section.notice.set(Some((t.sensor_deleted)(&sensor)));
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e.message(t)));
                    }
                }
                section.sensors_changed.update(|n| *n += 1);
                section.plans.refetch();
            });
        }
    };

    let on_submit = {
        let (api, customer_id, subscription_id, name) =
            (api.clone(), customer_id.clone(), subscription_id.clone(), name.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if !confirmed.get_untracked() {
                return;
            }
            let (api, customer_id, subscription_id, name) =
                (api.clone(), customer_id.clone(), subscription_id.clone(), name.clone());
            pending.set(true);
            error.set(None);
            spawn_local(async move {
                let result = api.offboard(&customer_id, &subscription_id).await;
                let t = i18n.t_untracked();
                let _ = pending.try_set(false);
                match result {
                    Ok(()) => {
                        // Its button goes with the change: the notice takes the focus.
                        section.opener.set_value(NOTICE_ID.into());
                        section.done((t.offboarded_notice)(&name));
                        close_dialog();
                    }
                    Err(e) => {
                        // Sensors still attached: show them as they are now.
                        if matches!(&e, ApiError::Conflict { code, .. } if code == ErrorCode::SensorsAttached.code())
                        {
                            section.sensors_changed.update(|n| *n += 1);
                        }
                        let _ = error.try_set(Some(e.message(t)));
                    }
                }
            });
        }
    };

    let title = name.clone();
    view! {
        <Modal title_id="offboard-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="offboard-title">{move || (t().offboard_named)(&title)}</h2>
                <p>{move || t().offboard_effect}</p>
                <Transition fallback=Loading>
                    {move || sensors.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p>{move || t().no_sensors}</p> }.into_any(),
                        Ok(list) => {
                            let delete_sensor = delete_sensor.clone();
                            view! {
                                <p id="offboard-sensors-label">{move || t().sensors_remaining}</p>
                                <ul class="sensor-list" aria-labelledby="offboard-sensors-label">
                                    {list.into_iter().map(|sensor| {
                                        let (label, name) = (sensor.name.clone(), sensor.name.clone());
                                        let delete_sensor = delete_sensor.clone();
                                        view! {
                                            <li>
                                                <span>{sensor.name.clone()}</span>
                                                " "
                                                <button
                                                    type="button"
                                                    class="button secondary small"
                                                    aria-label=move || (t().delete_sensor_named)(&label)
                                                    on:click=move |_| delete_sensor(name.clone())
                                                >
                                                    {move || t().delete}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="notice error">{e.message(t())}</p> }.into_any(),
                    })}
                </Transition>
                <div class="field checkbox">
                    <input
                        id="offboard-confirm"
                        type="checkbox"
                        prop:checked=move || confirmed.get()
                        on:change=move |ev| confirmed.set(event_target_checked(&ev))
                    />
                    <label for="offboard-confirm">{move || t().confirm_sensors_deleted}</label>
                </div>
                {move || error.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
                <div class="dialog-buttons">
                    <button
                        type="submit"
                        class="button danger"
                        disabled=move || !confirmed.get() || pending.get()
                    >
                        {move || if pending.get() { t().saving } else { t().offboard }}
                    </button>
                    <CancelButton safe_choice=true />
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn DeleteSensorDialog(
    subscription_id: String,
    subscription_name: String,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let on_submit = {
        let (name, subscription_id) = (name.clone(), subscription_id.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let (api, name, subscription_id) = (api.clone(), name.clone(), subscription_id.clone());
            let customer_id = section.customer_id.get_value();
            pending.set(true);
            spawn_local(async move {
                let result = api.delete_sensor(&customer_id, &subscription_id, &name).await;
                let t = i18n.t_untracked();
                let _ = pending.try_set(false);
                match result {
                    Ok(()) => {
                        section.opener.set_value(NOTICE_ID.into());
                        section.sensors_changed.update(|n| *n += 1);
                        section.done((t.sensor_deleted)(&name));
                        close_dialog();
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e.message(t)));
                    }
                }
            });
        }
    };
    let (title, effect) = (name.clone(), name);
    view! {
        <Modal title_id="delete-sensor-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="delete-sensor-title">{move || (t().delete_sensor_named)(&title)}</h2>
                <p>{move || (t().delete_sensor_effect)(&effect, &subscription_name)}</p>
                {move || error.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
                <div class="dialog-buttons">
                    <button type="submit" class="button danger" disabled=move || pending.get()>
                        {move || t().delete}
                    </button>
                    <CancelButton safe_choice=true />
                </div>
            </form>
        </Modal>
    }
}

/// The sensors of one onboarded Azure subscription: the list, and for admins a form to add one
/// and a button per sensor to delete it (after a confirmation).
#[component]
fn SensorsPanel(subscription_id: String, name: String, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let key = id_part(&subscription_id);
    let sensors = sensors_of(section, subscription_id.clone());
    let new_name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let (heading_id, input_id, hint_id, error_id) = (
        format!("sensors-{key}"),
        format!("sensor-name-{key}"),
        format!("sensor-hint-{key}"),
        format!("sensor-error-{key}"),
    );

    let on_submit = {
        let (api, customer_id, subscription_id, input_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone(), input_id.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let typed = new_name.get_untracked();
            let checked = defender::check_sensor_name(&typed).map(str::to_owned);
            let name = match checked {
                Ok(name) => name,
                Err(p) => {
                    problem.set(Some(i18n.t_untracked().sensor_problem(p)));
                    browser::focus(&input_id);
                    return;
                }
            };
            let (api, customer_id, subscription_id, input_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone(), input_id.clone());
            problem.set(None);
            pending.set(true);
            spawn_local(async move {
                let result = api.add_sensor(&customer_id, &subscription_id, &name).await;
                let t = i18n.t_untracked();
                let _ = pending.try_set(false);
                match result {
                    Ok(sensor) => {
                        let _ = new_name.try_set(String::new());
                        section.sensors_changed.update(|n| *n += 1);
                        section.done((t.sensor_added)(&sensor.name));
                        // Ready for the next one.
                        browser::focus(&input_id);
                    }
                    Err(e) => {
                        let _ = problem.try_set(Some(e.message(t)));
                        browser::focus(&input_id);
                    }
                }
            });
        }
    };

    let heading = name.clone();
    let section_label = heading_id.clone();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if problem.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <section class="sensors" aria-labelledby=section_label>
            <h3 id=heading_id>{move || (t().sensors_of)(&heading)}</h3>
            <Transition fallback=Loading>
                {move || sensors.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{move || t().no_sensors}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="sensor-list">
                            {list.into_iter().map(|sensor| {
                                let opener = format!("delete-sensor-{}-{}", id_part(&sensor.subscription_id), id_part(&sensor.name));
                                let dialog = DefenderDialog::DeleteSensor {
                                    subscription_id: sensor.subscription_id.clone(),
                                    subscription_name: name.clone(),
                                    name: sensor.name.clone(),
                                };
                                let label = sensor.name.clone();
                                view! {
                                    <li>
                                        <span>{sensor.name.clone()}</span>
                                        {can_manage.then(|| view! {
                                            " "
                                            <button
                                                type="button"
                                                id=opener.clone()
                                                class="icon-button"
                                                aria-label=move || (t().delete_sensor_named)(&label)
                                                on:click=move |_| section.open(dialog.clone(), opener.clone())
                                            >
                                                <TrashIcon />
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="notice error">{e.message(t())}</p> }.into_any(),
                })}
            </Transition>
            {can_manage.then(|| view! {
                <form class="add-sensor" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for=input_id.clone()>{move || t().sensor_name}</label>
                        <input
                            id=input_id.clone()
                            type="text"
                            autocomplete="off"
                            maxlength=defender::SENSOR_NAME_MAX_LEN.to_string()
                            bind:value=new_name
                            aria-invalid=move || problem.with(Option::is_some).to_string()
                            aria-describedby=described
                        />
                        <p id=hint_id class="hint">{move || t().sensor_name_hint}</p>
                        {move || problem.get().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
                    </div>
                    <button type="submit" class="button secondary" disabled=move || pending.get()>
                        {move || t().add_sensor}
                    </button>
                </form>
            })}
        </section>
    }
}
