//! The sensors of an onboarded Azure subscription: the list, adding one, deleting one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::defender::{self, Sensor, SensorNameProblem};

use super::{DefenderDialog, NOTICE_ID, Section, id_part};
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    CancelButton, FieldProblem, Modal, MutationError, close_dialog, mutation, remote_view,
};
use crate::i18n::use_i18n;

/// The delete icon: a bin, drawn so that it needs no image file. Its button carries the name.
#[component]
pub(super) fn TrashIcon() -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="20"
            height="20"
            aria-hidden="true"
            focusable="false"
        >
            <path
                fill="currentColor"
                d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"
            />
        </svg>
    }
}

/// The sensors of an onboarded Azure subscription, loaded again whenever any sensor changes.
pub(super) fn sensors_of(
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

#[component]
pub(super) fn DeleteSensorDialog(
    subscription_id: String,
    subscription_name: String,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let delete = mutation({
        let name = name.clone();
        move |()| {
            let (api, name, subscription_id) = (api.clone(), name.clone(), subscription_id.clone());
            let customer_id = section.customer_id.get_value();
            async move {
                api.delete_sensor(&customer_id, &subscription_id, &name).await?;
                section.opener.set_value(NOTICE_ID.into());
                section.sensors_changed.update(|n| *n += 1);
                section.done((i18n.t_untracked().defender().sensor_deleted)(&name));
                close_dialog();
                Ok(())
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        delete.dispatch(());
    };
    let (title, effect) = (name.clone(), name);
    view! {
        <Modal title_id="delete-sensor-title" on_close=move || section.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="delete-sensor-title">
                    {move || (t().defender().delete_sensor_named)(&title)}
                </h2>
                <p>{move || (t().defender().delete_sensor_effect)(&effect, &subscription_name)}</p>
                <MutationError mutation=delete />
                <div class="dialog-buttons">
                    <button type="submit" class="button danger" disabled=delete.pending()>
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
pub(super) fn SensorsPanel(
    subscription_id: String,
    name: String,
    can_manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let section = expect_context::<Section>();
    let api = use_api();
    let customer_id = section.customer_id.get_value();
    let key = id_part(&subscription_id);
    let sensors = sensors_of(section, subscription_id.clone());
    let new_name = RwSignal::new(String::new());
    // What the browser's check found; the server's refusal comes from `add`.
    let invalid = RwSignal::new(None::<SensorNameProblem>);
    let (heading_id, input_id, hint_id, error_id) = (
        format!("sensors-{key}"),
        format!("sensor-name-{key}"),
        format!("sensor-hint-{key}"),
        format!("sensor-error-{key}"),
    );

    let add = mutation({
        let (subscription_id, input_id) = (subscription_id.clone(), input_id.clone());
        move |name: String| {
            let (api, customer_id, subscription_id, input_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone(), input_id.clone());
            async move {
                let added = api.add_sensor(&customer_id, &subscription_id, &name).await;
                // Ready for the next one, or to correct this one.
                browser::focus(&input_id);
                let sensor = added?;
                let _ = new_name.try_set(String::new());
                section.sensors_changed.update(|n| *n += 1);
                section.done((i18n.t_untracked().defender().sensor_added)(&sensor.name));
                Ok(())
            }
        }
    });
    let refused = add.failure();
    let problem = move || invalid.with(|p| p.map(|p| i18n.t().sensor_problem(p))).or_else(refused);
    let on_submit = {
        let input_id = input_id.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let typed = new_name.get_untracked();
            match defender::check_sensor_name(&typed) {
                Ok(name) => {
                    invalid.set(None);
                    add.dispatch(name.to_owned());
                }
                Err(p) => {
                    invalid.set(Some(p));
                    add.clear();
                    browser::focus(&input_id);
                }
            }
        }
    };

    let heading = name.clone();
    let section_label = heading_id.clone();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if problem().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
        }
    };
    view! {
        <section class="sensors" aria-labelledby=section_label>
            <h3 id=heading_id>{move || (t().defender().sensors_of)(&heading)}</h3>
            {remote_view(
                sensors,
                move |list| {
                    if list.is_empty() {
                        return view! { <p class="empty">{move || t().defender().no_sensors}</p> }
                            .into_any();
                    }
                    view! {
                        <ul class="sensor-list">
                            {list
                                .into_iter()
                                .map(|sensor| {
                                    let opener = format!(
                                        "delete-sensor-{}-{}",
                                        id_part(&sensor.subscription_id),
                                        id_part(&sensor.name),
                                    );
                                    let dialog = DefenderDialog::DeleteSensor {
                                        subscription_id: sensor.subscription_id.clone(),
                                        subscription_name: name.clone(),
                                        name: sensor.name.clone(),
                                    };
                                    let label = sensor.name.clone();
                                    view! {
                                        <li>
                                            <span>{sensor.name.clone()}</span>
                                            {can_manage
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <button
                                                            type="button"
                                                            id=opener.clone()
                                                            class="icon-button"
                                                            aria-label=move || (t()
                                                                .defender()
                                                                .delete_sensor_named)(&label)
                                                            on:click=move |_| {
                                                                section.open(dialog.clone(), opener.clone())
                                                            }
                                                        >
                                                            <TrashIcon />
                                                        </button>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                },
            )}
            {can_manage
                .then(|| {
                    view! {
                        <form class="add-sensor" on:submit=on_submit novalidate>
                            <div class="field">
                                <label for=input_id
                                    .clone()>{move || t().defender().sensor_name}</label>
                                <input
                                    id=input_id.clone()
                                    type="text"
                                    autocomplete="off"
                                    maxlength=defender::SENSOR_NAME_MAX_LEN.to_string()
                                    bind:value=new_name
                                    aria-invalid=move || problem().is_some().to_string()
                                    aria-describedby=described
                                />
                                <p id=hint_id class="hint">
                                    {move || t().defender().sensor_name_hint}
                                </p>
                                <FieldProblem id=error_id.clone() message=Signal::derive(problem) />
                            </div>
                            <button type="submit" class="button secondary" disabled=add.pending()>
                                {move || t().defender().add_sensor}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}
