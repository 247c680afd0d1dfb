//! `/azure-stack/{azureSubscriptionId}/{resourceGroup}/{name}`: one registration, the seed's
//! verification (activated, or what is missing), its history, and what can be done with it:
//! change it, give a disconnected deployment its activation key, remove it.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::azure_stack::{Connection, Registration, RegistrationEvent, RegistrationStatus};

use super::{Dialog, PageState, dialog_view, model_text, size_text};
use crate::api::azure_stack::registration_path;
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    CloseButton, CopyLink, Head, Modal, MutationError, TableHead, customer_view, mutation,
    use_page_title,
};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// Days after which a registration never activated is flagged.
const ACTIVATION_GRACE_DAYS: i64 = 7;

#[component]
pub fn RegistrationDetail() -> impl IntoView {
    use_page_title(|t| t.azure_stack().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let params = use_params_map();
    let reloads = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        let _ = reloads.get();
        let param = |name: &str| params.read().get(name).unwrap_or_default();
        let (azure, group, name) = (param("subscription"), param("group"), param("name"));
        async move {
            let Some(customer) = customer else { return Ok(None) };
            let path = registration_path(&customer, &azure, &group, &name);
            // A registration removed (here or elsewhere) is no longer found: said plainly.
            let registration = match api.registration(&path).await {
                Err(ApiError::NotFound) => return Ok(Some((customer, None))),
                found => found?,
            };
            let history = api.registration_history(&path).await?;
            Ok::<_, ApiError>(Some((customer, Some((registration, history)))))
        }
    });
    let dialog = RwSignal::new(None::<Dialog>);
    let notice = RwSignal::new(None::<String>);
    let can_act = move || session.me().is_some_and(|me| me.administers_customers());
    // Provided here, and the dialog drawn here, outside what reloads after a change: a reload
    // must not draw the dialog anew while it is closing.
    let page = PageState {
        customer_id: StoredValue::new(String::new()),
        dialog,
        notice,
        reloads,
        after_removal: Some("/azure-stack"),
    };
    provide_context(page);

    view! {
        <p>
            <A href="/azure-stack">{move || t().azure_stack().all_registrations}</A>
        </p>
        <h1 id="azs-title" tabindex="-1">
            {move || params.read().get("name").unwrap_or_default()}
        </h1>
        <p id="azs-notice" class="change-notice" role="status" tabindex="-1">
            {move || notice.get()}
        </p>
        {customer_view(
            data,
            move |(customer_id, found)| {
                let Some((registration, history)) = found else {
                    return view! {
                        <p class="notice info">{move || t().azure_stack().not_found}</p>
                    }
                        .into_any();
                };
                page.customer_id.set_value(customer_id);
                view! {
                    <Facts registration=registration.clone() />
                    <Verification registration=registration.clone() />
                    {can_act().then(|| view! { <Actions registration=registration /> })}
                    <History history=history />
                }
                    .into_any()
            },
        )}
        {move || dialog.get().map(dialog_view)}
    }
}

#[component]
fn Facts(registration: Registration) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let r = registration;
    let p = r.properties.clone();
    let tag = move || i18n.format_tag();
    let model = move || model_text(t(), p.billing_model, p.agreement_number.as_deref());
    let connection = move || match r.properties.connection {
        Connection::Connected => t().azure_stack().connected,
        Connection::Disconnected => t().azure_stack().disconnected,
    };
    let (nodes, cores) = (r.properties.node_count, r.properties.cores);
    let registered = r.properties.registered_at.clone();
    let activated = r.properties.activated_at.clone();
    let reported = r.properties.last_reported_at.clone();
    let status = r.properties.status;
    let fact = |label: fn(&Messages) -> &'static str,
                value: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <dt>{move || label(t())}</dt>
            <dd>{value}</dd>
        }
    };
    view! {
        <section aria-labelledby="azs-facts-title">
            <h2 id="azs-facts-title">{move || t().azure_stack().facts_title}</h2>
            <dl class="facts">
                {fact(
                    |t| t.col_status,
                    Box::new(move || t().registration_status(status).to_owned()),
                )} {fact(|t| t.azure_stack().col_billing_model, Box::new(model))}
                {fact(
                    |t| t.azure_stack().col_connection,
                    Box::new(move || connection().to_owned()),
                )}
                {fact(
                    |t| t.azure_stack().col_azure_subscription,
                    Box::new({
                        let name = r.azure_subscription_name.clone();
                        move || name.clone()
                    }),
                )}
                {fact(
                    |t| t.azure_stack().label_resource_group,
                    Box::new({
                        let group = r.resource_group.clone();
                        move || group.clone()
                    }),
                )}
                {fact(
                    |t| t.azure_stack().label_region,
                    Box::new({
                        let region = r.resource_group_location.clone();
                        move || region.clone()
                    }),
                )}
                {fact(
                    |t| t.azure_stack().label_cloud_id,
                    Box::new({
                        let cloud = r.properties.cloud_id.clone();
                        move || cloud.clone()
                    }),
                )}
                {fact(
                    |t| t.azure_stack().col_size,
                    Box::new(move || size_text(t(), &tag(), nodes, cores)),
                )}
                {fact(
                    |t| t.azure_stack().col_registered,
                    Box::new(move || format::date_time(&tag(), &registered)),
                )}
                {fact(
                    |t| t.azure_stack().label_registered_by,
                    Box::new({
                        let by = r.properties.registered_by.clone();
                        move || by.clone()
                    }),
                )}
                {activated
                    .map(|at| {
                        fact(
                            |t| t.azure_stack().label_activated,
                            Box::new(move || format::date_time(&tag(), &at)),
                        )
                    })}
                {fact(
                    |t| t.azure_stack().label_last_report,
                    Box::new(move || match &reported {
                        Some(at) => format::date_time(&tag(), at),
                        None => t().azure_stack().never_reported.to_owned(),
                    }),
                )}
            </dl>
        </section>
    }
}

/// The seed's "Verify Azure Stack registration", from what the portal knows.
#[component]
fn Verification(registration: Registration) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let p = registration.properties;
    let registered_on = p.registered_at.get(..10).and_then(|d| d.parse::<NaiveDate>().ok());
    let waited = registered_on.map(|day| (format::today_utc() - day).num_days()).unwrap_or(0);
    let (class, text): (&str, Box<dyn Fn() -> String + Send + Sync>) = match p.status {
        RegistrationStatus::Activated => {
            ("notice success", Box::new(move || t().azure_stack().verify_activated.to_owned()))
        }
        RegistrationStatus::Registered if waited >= ACTIVATION_GRACE_DAYS => (
            "notice warning",
            Box::new(move || (t().azure_stack().verify_never_activated)(&waited.to_string())),
        ),
        RegistrationStatus::Registered => {
            ("notice info", Box::new(move || t().azure_stack().verify_not_activated.to_owned()))
        }
        RegistrationStatus::Expired => {
            ("notice warning", Box::new(move || t().azure_stack().verify_expired.to_owned()))
        }
        RegistrationStatus::Removed => {
            ("notice info", Box::new(move || t().azure_stack().not_found.to_owned()))
        }
    };
    view! {
        <section aria-labelledby="azs-verify-title">
            <h2 id="azs-verify-title">{move || t().azure_stack().verify_title}</h2>
            <p class=class>{text}</p>
        </section>
    }
}

#[component]
fn Actions(registration: Registration) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let open = move |dialog: Dialog| page.open(dialog);
    let disconnected = registration.properties.connection == Connection::Disconnected;
    let r = StoredValue::new(registration);
    view! {
        <div class="actions">
            <button
                type="button"
                class="button"
                on:click=move |_| open(Dialog::Change(Box::new(r.get_value())))
            >
                {move || t().azure_stack().change}
            </button>
            {disconnected
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| open(Dialog::ActivationKey(Box::new(r.get_value())))
                        >
                            {move || t().azure_stack().get_activation_key}
                        </button>
                    }
                })}
            <button
                type="button"
                class="button danger"
                on:click=move |_| open(Dialog::Remove(Box::new(r.get_value())))
            >
                {move || (t().azure_stack().remove)(&r.with_value(|r| r.name.clone()))}
            </button>
        </div>
    }
}

fn change_name(t: &Messages, change: &str) -> &'static str {
    match change {
        "registered" => t.azure_stack().change_registered,
        "activated" => t.azure_stack().change_activated,
        "removed" => t.azure_stack().change_removed,
        "expired" => t.azure_stack().change_expired,
        _ => t.azure_stack().change_changed,
    }
}

#[component]
fn History(history: Vec<RegistrationEvent>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section aria-labelledby="azs-history-title">
            <h2 id="azs-history-title">{move || t().azure_stack().history_title}</h2>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">
                        {move || t().azure_stack().history_title}
                    </caption>
                    <TableHead columns=[
                        Head::text(|t| t.subscriptions().col_when),
                        Head::text(|t| t.azure_stack().col_change),
                        Head::text(|t| t.azure_stack().col_terms),
                        Head::text(|t| t.azure_stack().label_registered_by),
                    ] />
                    <tbody>
                        {history
                            .into_iter()
                            .map(|e| {
                                let (at, change) = (e.at.clone(), e.change.clone());
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {move || format::date_time(&i18n.format_tag(), &at)}
                                        </th>
                                        <td>{move || change_name(t(), &change)}</td>
                                        <td>
                                            {move || {
                                                let t = t();
                                                let model = e.agreement_number.as_deref();
                                                format!(
                                                    "{} · {}",
                                                    model_text(t, e.billing_model, model),
                                                    size_text(t, &i18n.format_tag(), e.node_count, e.cores),
                                                )
                                            }}
                                        </td>
                                        <td>{e.actor.clone()}</td>
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

/// A new activation key for the disconnected deployment, shown to copy or download.
#[component]
pub(super) fn ActivationKeyDialog(registration: Registration) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let api = use_api();
    let path = registration_path(
        &page.customer_id.get_value(),
        &registration.azure_subscription_id,
        &registration.resource_group,
        &registration.name,
    );
    let key = RwSignal::new(None::<String>);
    let ask = mutation(move |()| {
        let (api, path) = (api.clone(), path.clone());
        async move {
            key.set(Some(api.activation_key(&path).await?));
            Ok(())
        }
    });
    ask.dispatch(());
    let file_name = format!("{}-activation-key.txt", registration.name);
    view! {
        <Modal title_id="azs-key-title" on_close=move || page.closed()>
            <h2 id="azs-key-title">{move || t().azure_stack().activation_key_title}</h2>
            <p>{move || t().azure_stack().activation_key_intro}</p>
            <MutationError mutation=ask />
            {move || {
                key.get()
                    .map(|key| {
                        let download = {
                            let (key, file_name) = (key.clone(), file_name.clone());
                            move |_| {
                                browser::download_text(&file_name, "text/plain", &key);
                            }
                        };
                        view! {
                            <CopyLink
                                id="azs-activation-key"
                                label=Signal::derive(move || t().azure_stack().activation_key_label)
                                url=key
                            />
                            <button type="button" class="button secondary" on:click=download>
                                {move || t().azure_stack().download_key}
                            </button>
                        }
                    })
            }}
            <div class="actions">
                <CloseButton />
            </div>
        </Modal>
    }
}
