//! A subscription's provisioning, an Azure plan's registration for reserved instances, and who
//! supports it (partners change that), each read on its own.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::subscription::{ContactProblem, SupportContact};

use crate::api::use_api;
use crate::browser;
use crate::components::{
    CancelButton, Modal, MutationError, TextField, close_dialog, mutation, refresh_while,
    remote_view,
};
use crate::i18n::{Messages, use_i18n};

fn contact_problem(t: &Messages, problem: ContactProblem) -> &'static str {
    match problem {
        ContactProblem::TenantId => t.subscriptions().problem_support_tenant,
        ContactProblem::MpnId => t.subscriptions().problem_support_mpn,
        ContactProblem::Name => t.subscriptions().problem_support_name,
    }
}

#[component]
pub(super) fn ServiceSection(
    customer_id: String,
    subscription_id: String,
    /// An Azure plan, which can be registered for reserved instances.
    is_plan: bool,
    /// Who may buy for the customer may register it.
    can_register: bool,
    /// Partner staff who may buy set the support contact.
    can_change_contact: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let ids = StoredValue::new((customer_id, subscription_id));

    let provisioning = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, (customer, id)) = (api.clone(), ids.get_value());
            async move { api.provisioning_status(&customer, &id).await }
        }
    });
    refresh_while(provisioning, |p| p.status == "pending");
    let registration = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, (customer, id)) = (api.clone(), ids.get_value());
            async move {
                if is_plan {
                    api.registration_status(&customer, &id).await.map(Some)
                } else {
                    Ok(None)
                }
            }
        }
    });
    refresh_while(registration, |r| r.as_ref().is_some_and(|r| r.status == "registering"));
    let contact = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, (customer, id)) = (api.clone(), ids.get_value());
            async move { api.support_contact(&customer, &id).await }
        }
    });

    let register = mutation({
        let api = api.clone();
        move |()| {
            let (api, (customer, id)) = (api.clone(), ids.get_value());
            async move {
                api.register_plan(&customer, &id).await?;
                registration.refetch();
                Ok(())
            }
        }
    });
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);

    view! {
        <section class="section" aria-labelledby="service-heading">
            <h2 id="service-heading">{move || t().subscriptions().service_title}</h2>
            <dl class="details">
                <dt>{move || t().subscriptions().provisioning_label}</dt>
                <dd>
                    {remote_view(
                        provisioning,
                        move |p| {
                            let said = match p.status.as_str() {
                                "pending" => t().subscriptions().provisioning_pending,
                                "failed" => t().subscriptions().provisioning_failed,
                                _ => t().subscriptions().provisioning_success,
                            };
                            let why = p
                                .reason
                                .map(|reason| {
                                    // Why it failed, and what to do.
                                    view! {
                                        <br />
                                        <span class="hint" data-testid="provisioning-reason">
                                            {move || t().provisioning_failure(reason)}
                                        </span>
                                    }
                                });
                            view! {
                                <span role="status">{said}</span>
                                {why}
                            }
                        },
                    )}
                </dd>
                {is_plan
                    .then(|| {
                        view! {
                            <dt>{move || t().subscriptions().registration_label}</dt>
                            <dd>
                                {remote_view(
                                    registration,
                                    move |r| {
                                        let status = r.map(|r| r.status).unwrap_or_default();
                                        let said = match status.as_str() {
                                            "registered" => t().subscriptions().registration_registered,
                                            "registering" => {
                                                t().subscriptions().registration_registering
                                            }
                                            _ => t().subscriptions().registration_notregistered,
                                        };
                                        let offer = can_register && status == "notregistered";
                                        view! {
                                            <p role="status">{said}</p>
                                            {offer
                                                .then(|| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="button secondary"
                                                            disabled=register.pending()
                                                            on:click=move |_| register.dispatch(())
                                                        >
                                                            {move || t().subscriptions().register_plan}
                                                        </button>
                                                    }
                                                })}
                                        }
                                    },
                                )} <MutationError mutation=register />
                            </dd>
                        }
                    })}
                <dt>{move || t().subscriptions().support_label}</dt>
                <dd>
                    {remote_view(
                        contact,
                        move |c| {
                            view! {
                                <p>
                                    {move || (t()
                                        .subscriptions()
                                        .support_value)(
                                        &c.name,
                                        &c.support_mpn_id,
                                        &c.support_tenant_id,
                                    )}
                                </p>
                            }
                        },
                    )} <p id="support-notice" class="change-notice" role="status" tabindex="-1">
                        {move || notice.get()}
                    </p>
                    {can_change_contact
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    id="change-support"
                                    class="button secondary"
                                    on:click=move |_| {
                                        notice.set(None);
                                        editing.set(true);
                                    }
                                >
                                    {move || t().subscriptions().change_support}
                                </button>
                            }
                        })}
                </dd>
            </dl>
        </section>
        <Show when=move || editing.get()>
            <ContactDialog ids=ids contact=contact editing=editing notice=notice />
        </Show>
    }
}

#[component]
fn ContactDialog(
    ids: StoredValue<(String, String)>,
    contact: crate::components::Remote<SupportContact>,
    editing: RwSignal<bool>,
    notice: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let now = contact.get_untracked().and_then(Result::ok);
    let field = |f: fn(&SupportContact) -> &String| {
        RwSignal::new(now.as_ref().map(|c| f(c).clone()).unwrap_or_default())
    };
    let name = field(|c| &c.name);
    let mpn = field(|c| &c.support_mpn_id);
    let tenant = field(|c| &c.support_tenant_id);
    let problems = RwSignal::new(Vec::<ContactProblem>::new());
    let problem = move |which: ContactProblem| {
        Signal::derive(move || {
            problems
                .with(|all| all.contains(&which))
                .then(|| contact_problem(t(), which).to_owned())
        })
    };

    let save = mutation(move |body: SupportContact| {
        let (api, (customer, id)) = (api.clone(), ids.get_value());
        async move {
            api.set_support_contact(&customer, &id, &body).await?;
            contact.refetch();
            notice.set(Some(i18n.t_untracked().subscriptions().support_changed));
            close_dialog();
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = SupportContact {
            support_tenant_id: tenant.get_untracked().trim().to_owned(),
            support_mpn_id: mpn.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            links: None,
            attributes: None,
        };
        let found = body.problems();
        if let Some(first) = found.first() {
            browser::focus(&format!("support-{}", first.field()));
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        save.dispatch(body);
    };

    view! {
        <Modal
            title_id="support-title"
            on_close=move || {
                editing.set(false);
                let back = if notice.with_untracked(Option::is_some) {
                    "support-notice"
                } else {
                    "change-support"
                };
                browser::focus(back);
            }
        >
            <form on:submit=on_submit novalidate>
                <h2 id="support-title">{move || t().subscriptions().change_support}</h2>
                <TextField
                    id="support-name"
                    label=Signal::derive(move || t().subscriptions().label_support_name)
                    value=name
                    error=problem(ContactProblem::Name)
                />
                <TextField
                    id="support-supportMpnId"
                    label=Signal::derive(move || t().subscriptions().label_support_mpn)
                    value=mpn
                    error=problem(ContactProblem::MpnId)
                />
                <TextField
                    id="support-supportTenantId"
                    label=Signal::derive(move || t().subscriptions().label_support_tenant)
                    value=tenant
                    error=problem(ContactProblem::TenantId)
                />
                <MutationError mutation=save />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=save.pending()>
                        {move || t().save}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}
