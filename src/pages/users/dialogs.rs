//! The dialogs of a user directory: adding a user, their roles, deactivating them, and the
//! password link to pass on.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::users::PasswordLink;
use portal_domain::validation::Violation;
use portal_domain::{ErrorCode, Role};

use super::{Directory, Member, NewMember};
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    CancelButton, CloseButton, CopyLink, EmailedHint, FieldProblem, Modal, MutationError,
    TextField, close_dialog, mutation,
};
use crate::i18n::{format, use_i18n};

/// Role checkboxes, one per role the directory offers.
#[component]
fn RoleChoices(
    directory: Directory,
    chosen: RwSignal<Vec<Role>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <fieldset
            class="field"
            id="user-roles"
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=move || error.with(Option::is_some).then_some("user-roles-error")
        >
            <legend>{move || t().users().roles}</legend>
            {directory
                .roles()
                .iter()
                .map(|role| {
                    let role = *role;
                    let id = format!("role-{}", role.as_str());
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&role))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen
                                        .update(|c| {
                                            c.retain(|r| *r != role);
                                            if on {
                                                c.push(role);
                                                c.sort();
                                            }
                                        });
                                }
                            />
                            <label for=id>{move || t().role(role)}</label>
                        </div>
                    }
                })
                .collect_view()}
            <FieldProblem id="user-roles-error" message=error />
        </fieldset>
    }
}

/// The form's fields and the elements that show them (`role-`: the first role's checkbox).
const FIELDS: [(&str, &str); 4] = [
    ("firstName", "user-first-name"),
    ("lastName", "user-last-name"),
    ("email", "user-email"),
    ("roles", "role-"),
];

#[component]
pub(super) fn AddUserDialog(
    directory: Directory,
    on_close: Callback<()>,
    on_added: Callback<(Member, Option<PasswordLink>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    // A field's problem: by the shared rules, or (None) the email taken.
    let problems = RwSignal::new(Vec::<(&'static str, Option<Violation>)>::new());
    let first_role = directory.roles()[0].as_str();
    let show = move |found: Vec<(&'static str, Option<Violation>)>| {
        if let Some((field, _)) = found.first() {
            match FIELDS.iter().find(|(f, _)| f == field).map(|(_, id)| *id) {
                Some("role-") => browser::focus(&format!("role-{first_role}")),
                Some(id) => browser::focus(id),
                None => browser::focus("user-first-name"),
            }
        }
        problems.set(found);
    };
    let add = mutation({
        let directory = directory.clone();
        move |new: NewMember| {
            let (api, directory) = (api.clone(), directory.clone());
            async move {
                match directory.add(&api, &new).await {
                    Ok(added) => {
                        on_added.run(added);
                        Ok(())
                    }
                    Err(ApiError::Conflict { code, .. })
                        if code == ErrorCode::AccountExists.code() =>
                    {
                        show(vec![("email", None)]);
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        }
    });
    let on_submit = {
        let directory = directory.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let new = NewMember {
                first_name: first_name.get_untracked(),
                last_name: last_name.get_untracked(),
                email: email.get_untracked(),
                roles: roles.get_untracked(),
            };
            let found: Vec<_> =
                directory.check(&new).into_iter().map(|(f, v)| (f, Some(v))).collect();
            if found.is_empty() {
                problems.set(Vec::new());
                add.dispatch(new);
            } else {
                show(found);
            }
        }
    };
    let message = move |field: &'static str| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter().find(|(f, _)| *f == field).map(|(_, v)| match v {
                    Some(v) => i18n.t().violation(*v),
                    None => i18n.t().users().email_taken.to_owned(),
                })
            })
        })
    };
    view! {
        <Modal title_id="add-user-title" on_close=on_close>
            <form on:submit=on_submit novalidate class="stacked-form">
                <h2 id="add-user-title">{move || t().users().add_user}</h2>
                <TextField
                    id="user-first-name"
                    label=Signal::derive(move || t().users().first_name)
                    value=first_name
                    error=message("firstName")
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="user-last-name"
                    label=Signal::derive(move || t().users().last_name)
                    value=last_name
                    error=message("lastName")
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="user-email"
                    label=Signal::derive(move || t().users().email)
                    value=email
                    error=message("email")
                    input_type="email"
                    autocomplete="off"
                    required=true
                />
                <RoleChoices directory=directory chosen=roles error=message("roles") />
                <MutationError mutation=add />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=add.pending()>
                        {move || {
                            if add.pending().get() { t().users().adding } else { t().users().add }
                        }}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub(super) fn RolesDialog(
    directory: Directory,
    member: Member,
    on_close: Callback<()>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let roles = RwSignal::new(member.roles.clone());
    let problem = RwSignal::new(None::<Violation>);
    let first_role = directory.roles()[0].as_str();
    let no_role_allowed = directory.allows_no_role();
    let name = member.name.clone();
    let save = mutation({
        let directory = directory.clone();
        move |chosen: Vec<Role>| {
            let (api, directory, member) = (api.clone(), directory.clone(), member.clone());
            async move {
                directory.set_roles(&api, &member, &chosen).await?;
                on_saved.run((i18n.t_untracked().users().changed)(&member.name));
                close_dialog();
                Ok(())
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = roles.get_untracked();
        if chosen.is_empty() && !no_role_allowed {
            problem.set(Some(Violation::Required));
            browser::focus(&format!("role-{first_role}"));
            return;
        }
        problem.set(None);
        save.dispatch(chosen);
    };
    let last_admin = move || {
        save.error().is_some_and(
            |e| matches!(e, ApiError::Conflict { code, .. } if code == ErrorCode::LastAdmin.code()),
        )
    };
    view! {
        <Modal title_id="roles-title" on_close=on_close>
            <form on:submit=on_submit novalidate class="stacked-form">
                <h2 id="roles-title">{move || (t().users().roles_title)(&name)}</h2>
                <RoleChoices
                    directory=directory
                    chosen=roles
                    error=Signal::derive(move || problem.get().map(|v| i18n.t().violation(v)))
                />
                {move || {
                    if last_admin() {
                        view! {
                            <p class="notice error" role="alert">
                                {move || t().users().last_admin}
                            </p>
                        }
                            .into_any()
                    } else {
                        view! { <MutationError mutation=save /> }.into_any()
                    }
                }}
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=save.pending()>
                        {move || {
                            if save.pending().get() { t().users().saving } else { t().users().save }
                        }}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub(super) fn DeactivateDialog(
    directory: Directory,
    member: Member,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let name = member.name.clone();
    let off = mutation(move |member: Member| {
        let (api, directory) = (api.clone(), directory.clone());
        async move {
            directory.set_active(&api, &member, false).await?;
            on_done.run((i18n.t_untracked().users().changed)(&member.name));
            close_dialog();
            Ok(())
        }
    });
    let last_admin = move || {
        off.error().is_some_and(
            |e| matches!(e, ApiError::Conflict { code, .. } if code == ErrorCode::LastAdmin.code()),
        )
    };
    view! {
        <Modal title_id="deactivate-title" on_close=on_close>
            <h2 id="deactivate-title">{move || (t().users().deactivate_title)(&name)}</h2>
            <p>{move || t().users().deactivate_body}</p>
            {move || {
                if last_admin() {
                    view! {
                        <p class="notice error" role="alert">
                            {move || t().users().last_admin}
                        </p>
                    }
                        .into_any()
                } else {
                    view! { <MutationError mutation=off /> }.into_any()
                }
            }}
            <div class="dialog-buttons">
                <button
                    type="button"
                    class="button danger"
                    disabled=off.pending()
                    on:click=move |_| off.dispatch(member.clone())
                >
                    {move || {
                        if off.pending().get() {
                            t().users().deactivating
                        } else {
                            t().users().deactivate
                        }
                    }}
                </button>
                <CancelButton safe_choice=true />
            </div>
        </Modal>
    }
}

/// The link a user chooses a password with, to pass on.
#[component]
pub(super) fn LinkDialog(
    member: Member,
    link: PasswordLink,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (name, email, expires_at) = (member.name, member.email, link.expires_at);
    let intro = {
        let email = email.clone();
        move || {
            let date = format::timestamp_date(&i18n.format_tag(), &expires_at);
            (t().users().link_intro)(&email, &date)
        }
    };
    view! {
        <Modal title_id="link-title" on_close=on_close>
            <h2 id="link-title">{move || (t().users().link_title)(&name)}</h2>
            <p>{intro}</p>
            <CopyLink
                id="password-link"
                label=Signal::derive(move || t().users().new_link)
                url=link.url
            />
            <EmailedHint emailed=link.emailed email=email />
            <CloseButton />
        </Modal>
    }
}
