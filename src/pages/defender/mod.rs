//! The Defender for IoT section of the Pricing page (seed 000): the plan's prices, the customer's
//! onboarded Azure subscriptions, onboarding and offboarding in modal dialogs, and the sensors of
//! each onboarded subscription. Estimates come from the domain rules the server charges with.

mod devices;
mod offboard;
mod onboard;
mod sensors;

use devices::ChangeDevicesDialog;
use leptos::prelude::*;
use offboard::OffboardDialog;
use onboard::OnboardDialog;
use portal_domain::BillingCycle;
use portal_domain::catalog::Availability;
use portal_domain::defender::{self, DefenderPlan, DefenderPlanStatus};
use sensors::{DeleteSensorDialog, SensorsPanel, TrashIcon};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{Head, TableHead, remote_view};
use crate::i18n::{Messages, format, use_i18n};

/// The dialog open now, if any.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DefenderDialog {
    Onboard,
    // Boxed: a plan is much larger than the other dialogs' ids.
    ChangeDevices(Box<DefenderPlan>),
    Offboard { subscription_id: String, name: String },
    DeleteSensor { subscription_id: String, subscription_name: String, name: String },
}

/// Shared by the section, its panels and its dialogs.
#[derive(Clone, Copy)]
pub(super) struct Section {
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
pub(super) const NOTICE_ID: &str = "defender-notice";

/// Ids made of names: letters and digits kept, the rest replaced.
pub(super) fn id_part(text: &str) -> String {
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
            <h2 id="defender-title">{move || t().defender().title}</h2>
            <p>{move || t().defender().intro}</p>
            <h3>{move || t().defender().prices}</h3>
            <ul class="prices">
                {monthly.map(|p| view! { <li>{move || (t().defender().price_monthly)(&p)}</li> })}
                {annual.map(|p| view! { <li>{move || (t().defender().price_annual)(&p)}</li> })}
                <li>{move || t().defender().price_trial}</li>
            </ul>
            {can_manage
                .then(|| {
                    view! {
                        <button
                            type="button"
                            id="onboard-subscription"
                            class="button primary"
                            on:click=move |_| {
                                section.open(DefenderDialog::Onboard, "onboard-subscription".into())
                            }
                        >
                            {move || t().defender().onboard_subscription}
                        </button>
                    }
                })}
            <p id="defender-notice" class="change-notice" role="status" tabindex="-1">
                {move || section.notice.get()}
            </p>
            {remote_view(
                plans,
                move |list| {
                    if list.is_empty() {
                        view! { <p class="empty">{move || t().defender().none}</p> }.into_any()
                    } else {
                        view! { <PlansTable plans=list can_manage=can_manage /> }.into_any()
                    }
                },
            )}
            // Outside the table, keyed by subscription: reloading the plans keeps each panel (and
            // what is typed in it, and the focus) as long as its subscription stays onboarded.
            <For each=move || onboarded.get() key=|(id, _)| id.clone() let((subscription_id, name))>
                <SensorsPanel subscription_id=subscription_id name=name can_manage=can_manage />
            </For>
            {move || {
                section
                    .dialog
                    .get()
                    .map(|dialog| match dialog {
                        DefenderDialog::Onboard => view! { <OnboardDialog /> }.into_any(),
                        DefenderDialog::ChangeDevices(plan) => {
                            view! { <ChangeDevicesDialog plan=*plan /> }.into_any()
                        }
                        DefenderDialog::Offboard { subscription_id, name } => {
                            view! { <OffboardDialog subscription_id=subscription_id name=name /> }
                                .into_any()
                        }
                        DefenderDialog::DeleteSensor {
                            subscription_id,
                            subscription_name,
                            name,
                        } => {
                            view! {
                                <DeleteSensorDialog
                                    subscription_id=subscription_id
                                    subscription_name=subscription_name
                                    name=name
                                />
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

fn billing_text(t: &Messages, tag: &str, plan: &DefenderPlan) -> String {
    match &plan.trial_end_date {
        Some(end) => (t.defender().trial_until)(&format::timestamp_date(tag, end)),
        None => t.billing_cycle(plan.billing_cycle).to_owned(),
    }
}

fn devices_text(t: &Messages, tag: &str, plan: &DefenderPlan) -> String {
    let now = format::integer(tag, plan.device_quota);
    match (plan.pending_device_quota, &plan.pending_device_quota_date) {
        (Some(next), Some(date)) => format!(
            "{now} ({})",
            (t.defender().devices_from_next_month)(
                &format::integer(tag, next),
                &format::timestamp_date(tag, date)
            )
        ),
        _ => now,
    }
}

/// The Defender plans' columns; the actions column only for those who may manage them.
fn plan_heads(can_manage: bool) -> Vec<Head> {
    [
        Head::text(|t| t.col_subscription),
        Head::figure(|t| t.defender().col_committed_devices),
        Head::text(|t| t.col_billing),
        Head::text(|t| t.defender().col_onboarded_on),
        Head::figure(|t| t.defender().col_sensors),
        Head::figure(|t| t.defender().col_month_charge),
        Head::text(|t| t.col_status),
    ]
    .into_iter()
    .chain(can_manage.then_some(Head::text(|t| t.col_actions)))
    .collect()
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
            // A trial's devices are fixed: it is offboarded, then onboarded on a paid plan.
            let change = (can_manage && status != DefenderPlanStatus::Offboarded && !plan.is_trial)
                .then(|| {
                    let id = format!("devices-{}", id_part(&plan.subscription_id));
                    let label = plan.subscription_name.clone();
                    let opened = DefenderDialog::ChangeDevices(Box::new(plan.clone()));
                    let opener = id.clone();
                    view! {
                        <button
                            type="button"
                            id=id
                            class="button secondary small"
                            aria-label=move || (t().defender().change_devices_named)(&label)
                            on:click=move |_| section.open(opened.clone(), opener.clone())
                        >
                            {move || t().defender().change_devices}
                        </button>
                    }
                });
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
                        aria-label=move || (t().defender().offboard_named)(&label)
                        on:click=move |_| section.open(opened.clone(), opener.clone())
                    >
                        <TrashIcon />
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">{plan.subscription_name.clone()}</th>
                    <td class="numeric">{move || devices_text(t(), &tag(), &p)}</td>
                    <td>{move || billing_text(t(), &tag(), &plan)}</td>
                    <td>{move || format::timestamp_date(&tag(), &onboarded)}</td>
                    <td class="numeric">{move || format::integer(&tag(), sensor_count)}</td>
                    <td class="numeric">
                        {move || format::money(&tag(), charge.amount, &charge.currency_code)}
                    </td>
                    <td>{move || t().defender_status(status)}</td>
                    {can_manage
                        .then(move || view! { <td class="row-actions">{change} {offboard}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || t().defender().plans_caption}</caption>
                <TableHead columns=plan_heads(can_manage) />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
