//! Offboarding an Azure subscription from Defender for IoT.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::ErrorCode;

use super::sensors::sensors_of;
use super::{NOTICE_ID, Section};
use crate::api::{ApiError, use_api};
use crate::components::{CancelButton, Modal, MutationError, close_dialog, mutation, remote_view};
use crate::i18n::use_i18n;

#[component]
pub(super) fn OffboardDialog(subscription_id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let sensors = sensors_of(section, subscription_id.clone());
    let confirmed = RwSignal::new(false);

    let offboard = mutation({
        let (api, customer_id, subscription_id, name) =
            (api.clone(), customer_id.clone(), subscription_id.clone(), name.clone());
        move |()| {
            let (api, customer_id, subscription_id, name) =
                (api.clone(), customer_id.clone(), subscription_id.clone(), name.clone());
            async move {
                match api.offboard(&customer_id, &subscription_id).await {
                    Ok(()) => {
                        // Its button goes with the change: the notice takes the focus.
                        section.opener.set_value(NOTICE_ID.into());
                        section.done((i18n.t_untracked().defender().offboarded_notice)(&name));
                        close_dialog();
                        Ok(())
                    }
                    Err(e) => {
                        // Sensors still attached: show them as they are now.
                        if matches!(&e, ApiError::Conflict { code, .. } if code == ErrorCode::SensorsAttached.code())
                        {
                            section.sensors_changed.update(|n| *n += 1);
                        }
                        Err(e)
                    }
                }
            }
        }
    });
    let delete_sensor = mutation({
        let subscription_id = subscription_id.clone();
        move |sensor: String| {
            let (api, customer_id, subscription_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone());
            async move {
                let deleted = api.delete_sensor(&customer_id, &subscription_id, &sensor).await;
                section.sensors_changed.update(|n| *n += 1);
                section.plans.refetch();
                match deleted {
                    // Not found: deleted meanwhile, which is what was asked.
                    Ok(()) | Err(ApiError::NotFound) => {
                        section
                            .notice
                            .set(Some((i18n.t_untracked().defender().sensor_deleted)(&sensor)));
                        // A refusal naming the sensors left would now be out of date.
                        offboard.clear();
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if confirmed.get_untracked() {
            offboard.dispatch(());
        }
    };

    let title = name.clone();
    view! {
        <Modal title_id="offboard-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="offboard-title">{move || (t().defender().offboard_named)(&title)}</h2>
                <p>{move || t().defender().offboard_effect}</p>
                {remote_view(
                    sensors,
                    move |list| {
                        if list.is_empty() {
                            return view! { <p>{move || t().defender().no_sensors}</p> }.into_any();
                        }
                        view! {
                            <p id="offboard-sensors-label">
                                {move || t().defender().sensors_remaining}
                            </p>
                            <ul class="sensor-list" aria-labelledby="offboard-sensors-label">
                                {list
                                    .into_iter()
                                    .map(|sensor| {
                                        let (label, name) = (
                                            sensor.name.clone(),
                                            sensor.name.clone(),
                                        );
                                        view! {
                                            <li>
                                                <span>{sensor.name.clone()}</span>
                                                " "
                                                <button
                                                    type="button"
                                                    class="button secondary small"
                                                    aria-label=move || (t()
                                                        .defender()
                                                        .delete_sensor_named)(&label)
                                                    on:click=move |_| delete_sensor.dispatch(name.clone())
                                                >
                                                    {move || t().delete}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    },
                )}
                <div class="field checkbox">
                    <input
                        id="offboard-confirm"
                        type="checkbox"
                        prop:checked=move || confirmed.get()
                        on:change=move |ev| confirmed.set(event_target_checked(&ev))
                    />
                    <label for="offboard-confirm">
                        {move || t().defender().confirm_sensors_deleted}
                    </label>
                </div>
                <MutationError mutation=delete_sensor />
                <MutationError mutation=offboard />
                <div class="dialog-buttons">
                    <button
                        type="submit"
                        class="button danger"
                        disabled=move || !confirmed.get() || offboard.pending().get()
                    >
                        {move || {
                            if offboard.pending().get() {
                                t().saving
                            } else {
                                t().defender().offboard
                            }
                        }}
                    </button>
                    <CancelButton safe_choice=true />
                </div>
            </form>
        </Modal>
    }
}
