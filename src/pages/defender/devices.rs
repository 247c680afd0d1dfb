//! Changing the committed devices of an onboarded Azure subscription: the dialog states what the
//! change charges now and from when it applies, by the rule the server charges with.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::BillingCycle;
use portal_domain::billing::parse_day;
use portal_domain::defender::{self, DefenderPlan, DevicesChange};

use super::{NOTICE_ID, Section};
use crate::api::use_api;
use crate::components::{CancelButton, Modal, MutationError, close_dialog, mutation};
use crate::i18n::{Messages, format, use_i18n};

/// What the change does, in words.
fn change_text(
    t: &Messages,
    tag: &str,
    plan: &DefenderPlan,
    devices: i64,
    change: &DevicesChange,
) -> String {
    let currency = &plan.current_period_charge.currency_code;
    let money = |amount| format::money(tag, amount, currency);
    let count = format::integer(tag, devices);
    let recurring = match plan.billing_cycle {
        BillingCycle::Annual => (t.defender().per_year)(&money(change.recurring)),
        _ => (t.defender().per_month)(&money(change.recurring)),
    };
    if devices == plan.device_quota && plan.pending_device_quota.is_none() {
        return t.defender().devices_unchanged.to_owned();
    }
    if devices > plan.device_quota {
        (t.defender().devices_increase)(
            &money(change.charge_now),
            &format::long_date(tag, change.takes_effect),
            &format::long_date(tag, change.charged_to),
            &count,
            &recurring,
        )
    } else {
        (t.defender().devices_decrease)(
            &count,
            &format::long_date(tag, change.takes_effect),
            &recurring,
        )
    }
}

#[component]
pub(super) fn ChangeDevicesDialog(plan: DefenderPlan) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let maximum = section.offer.with_value(|o| {
        o.as_ref()
            .and_then(|o| o.sku.as_ref())
            .map(|s| s.maximum_quantity * defender::DEVICES_PER_BLOCK)
    });
    let maximum = maximum.unwrap_or(plan.device_quota).max(plan.device_quota);
    // What the plan will have: a decrease already asked for, or what is billed now.
    let devices = RwSignal::new(plan.pending_device_quota.unwrap_or(plan.device_quota));
    let plan = StoredValue::new(plan);

    let estimate = move || {
        let tag = i18n.format_tag();
        plan.with_value(|p| {
            let price = section.offer.with_value(|o| {
                o.as_ref().and_then(|o| defender::plan_price(o, p.billing_cycle))
            })?;
            let onboarded_on = parse_day(p.onboarded_at.get(..10)?)?;
            let change = defender::devices_change(
                price,
                onboarded_on,
                p.device_quota,
                devices.get(),
                format::today_utc(),
            )?;
            Some(change_text(t(), &tag, p, devices.get(), &change))
        })
    };

    let save = mutation(move |quota: i64| {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        let (subscription_id, name) =
            plan.with_value(|p| (p.subscription_id.clone(), p.subscription_name.clone()));
        async move {
            api.change_devices(&customer_id, &subscription_id, quota).await?;
            section.opener.set_value(NOTICE_ID.into());
            section.done((i18n.t_untracked().defender().devices_changed_notice)(&name));
            close_dialog();
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(devices.get_untracked());
    };

    let name = plan.with_value(|p| p.subscription_name.clone());
    view! {
        <Modal title_id="devices-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="devices-title">{move || (t().defender().change_devices_named)(&name)}</h2>
                <div class="field">
                    <label for="devices-select">
                        {move || t().defender().col_committed_devices}
                    </label>
                    <select
                        id="devices-select"
                        aria-describedby="devices-estimate"
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse() {
                                devices.set(n);
                            }
                        }
                    >
                        {defender::device_choices(maximum)
                            .map(|n| {
                                view! {
                                    <option
                                        value=n.to_string()
                                        prop:selected=move || devices.get() == n
                                    >
                                        {move || format::integer(&i18n.format_tag(), n)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <p id="devices-estimate" class="estimate" aria-live="polite">
                    {estimate}
                </p>
                <MutationError mutation=save />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=save.pending()>
                        {move || {
                            if save.pending().get() {
                                t().saving
                            } else {
                                t().defender().change_devices
                            }
                        }}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}
