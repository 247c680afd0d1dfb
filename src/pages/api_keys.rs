//! `/settings/api-keys`: the keys meters and billing systems send usage with. Partner global
//! admins create them (the key is shown once), see them and revoke them.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::Customer;
use portal_domain::usage::{ApiKey, NewApiKey, check_key_name};

use crate::api::use_api;
use crate::browser;
use crate::components::{
    CancelButton, Head, Modal, MutationError, TableHead, TextField, close_dialog, mutation,
    remote_view, use_page_title,
};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub fn ApiKeys() -> impl IntoView {
    use_page_title(|t| t.api_keys().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let allowed = move || session.me().is_some_and(|me| me.manages_api_keys());
    view! {
        <h1>{move || t().api_keys().title}</h1>
        {move || {
            if allowed() {
                view! { <KeysSection /> }.into_any()
            } else {
                view! { <p class="notice info">{move || t().api_keys().only_global_admins}</p> }
                    .into_any()
            }
        }}
    }
}

#[component]
fn KeysSection() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let changed = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        let api = api.clone();
        let _ = changed.get();
        async move { futures::try_join!(api.api_keys(), api.customers()) }
    });
    // The key just created, shown until the user leaves the page: it cannot be read again.
    let created = RwSignal::new(None::<ApiKey>);
    let revoking = RwSignal::new(None::<ApiKey>);
    let notice = RwSignal::new(None::<String>);
    view! {
        <p>{move || t().api_keys().intro}</p>
        <div role="status">
            {move || {
                notice
                    .get()
                    .map(|n| {
                        view! {
                            <p class="notice info" id="api-keys-notice" tabindex="-1">
                                {n}
                            </p>
                        }
                    })
            }}
        </div>
        {move || created.get().map(|key| view! { <NewKeyShown key=key /> })}
        {remote_view(
            data,
            move |(keys, customers)| {
                let on_created = Callback::new(move |key: ApiKey| {
                    created.set(Some(key));
                    changed.update(|n| *n += 1);
                });
                view! {
                    <CreateKeyForm customers=customers.clone() on_created=on_created />
                    <KeyTable keys=keys customers=customers revoking=revoking />
                }
            },
        )}
        {move || {
            revoking
                .get()
                .map(|key| {
                    let on_revoked = Callback::new(move |name: String| {
                        notice.set(Some((i18n.t_untracked().api_keys().revoked)(&name)));
                        changed.update(|n| *n += 1);
                    });
                    view! { <RevokeDialog key=key revoking=revoking on_revoked=on_revoked /> }
                })
        }}
    }
}

/// The new key, once: with a button that copies it.
#[component]
fn NewKeyShown(key: ApiKey) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let secret = key.key.clone().unwrap_or_default();
    let copied = RwSignal::new(false);
    // Focus moves to the key as it appears, so screen readers announce it.
    Effect::new(move |_| browser::focus("new-key-title"));
    let copy = {
        let secret = secret.clone();
        move |_| {
            browser::copy_text(&secret);
            copied.set(true);
        }
    };
    view! {
        <section class="notice success new-key" aria-labelledby="new-key-title">
            <h2 id="new-key-title" tabindex="-1">
                {move || (t().api_keys().created)(&key.name)}
            </h2>
            <p>{move || t().api_keys().shown_once}</p>
            <p>
                <code class="secret" data-testid="new-api-key">
                    {secret}
                </code>
                <button type="button" class="button secondary" on:click=copy>
                    {move || t().api_keys().copy}
                </button>
            </p>
            <p role="status">{move || copied.get().then(|| t().api_keys().copied)}</p>
        </section>
    }
}

#[component]
fn CreateKeyForm(customers: Vec<Customer>, on_created: Callback<ApiKey>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let create = mutation(move |body: NewApiKey| {
        let api = api.clone();
        async move {
            let key = api.create_api_key(&body).await?;
            name.try_set(String::new());
            on_created.run(key);
            Ok(())
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        let checked = match check_key_name(&typed) {
            Ok(valid) => valid.to_owned(),
            Err(violation) => {
                name_error.set(Some(t().violation(violation)));
                browser::focus("api-key-name");
                return;
            }
        };
        name_error.set(None);
        create.dispatch(NewApiKey {
            name: checked,
            customer_id: Some(scope.get_untracked()).filter(|s| !s.is_empty()),
        });
    };
    view! {
        <section aria-labelledby="create-key-title">
            <h2 id="create-key-title">{move || t().api_keys().create_title}</h2>
            <form class="stacked-form" on:submit=submit novalidate>
                <TextField
                    id="api-key-name"
                    label=Signal::derive(move || t().api_keys().name)
                    value=name
                    error=name_error
                    required=true
                />
                <div class="field">
                    <label for="api-key-scope">{move || t().api_keys().scope}</label>
                    <select
                        id="api-key-scope"
                        on:change=move |ev| scope.set(event_target_value(&ev))
                    >
                        <option value="">{move || t().api_keys().scope_partner}</option>
                        {customers
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c
                                        .id
                                        .clone()>{c.company_profile.company_name.clone()}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button" disabled=create.pending()>
                    {move || t().api_keys().create}
                </button>
                <MutationError mutation=create />
            </form>
        </section>
    }
}

#[component]
fn KeyTable(
    keys: Vec<ApiKey>,
    customers: Vec<Customer>,
    revoking: RwSignal<Option<ApiKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if keys.is_empty() {
        return view! { <p class="empty">{move || t().api_keys().none}</p> }.into_any();
    }
    let scope_name = move |key: &ApiKey| -> Option<String> {
        let id = key.customer_id.as_ref()?;
        Some(
            customers
                .iter()
                .find(|c| c.id == *id)
                .map_or_else(|| id.clone(), |c| c.company_profile.company_name.clone()),
        )
    };
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || t().api_keys().caption}</caption>
                <TableHead columns=[
                    Head::text(|t| t.col_name),
                    Head::text(|t| t.api_keys().prefix),
                    Head::text(|t| t.api_keys().scope),
                    Head::text(|t| t.api_keys().col_created),
                    Head::text(|t| t.col_status),
                    Head::unseen(|t| t.col_actions),
                ] />
                <tbody>
                    {keys
                        .into_iter()
                        .map(|key| {
                            let scope = scope_name(&key);
                            let (created_at, created_by) = (
                                key.created_at.clone(),
                                key.created_by.clone(),
                            );
                            let revoked_at = key.revoked_at.clone();
                            let opener = format!("revoke-{}", key.id);
                            let label = key.name.clone();
                            view! {
                                <tr>
                                    <th scope="row">{key.name.clone()}</th>
                                    <td>
                                        <code>{format!("{}…", key.prefix)}</code>
                                    </td>
                                    <td>
                                        {move || {
                                            scope
                                                .clone()
                                                .unwrap_or_else(|| t().api_keys().scope_partner.to_owned())
                                        }}
                                    </td>
                                    <td>
                                        {move || (t()
                                            .api_keys()
                                            .created_by_on)(
                                            &format::date_time(&i18n.format_tag(), &created_at),
                                            &created_by,
                                        )}
                                    </td>
                                    <td>
                                        {match revoked_at.clone() {
                                            Some(at) => {
                                                view! {
                                                    <span class="badge stopped">
                                                        {move || (t()
                                                            .api_keys()
                                                            .revoked_on)(&format::date_time(&i18n.format_tag(), &at))}
                                                    </span>
                                                }
                                                    .into_any()
                                            }
                                            None => {
                                                view! {
                                                    <span class="badge done">
                                                        {move || t().api_keys().active}
                                                    </span>
                                                }
                                                    .into_any()
                                            }
                                        }}
                                    </td>
                                    <td>
                                        {revoked_at
                                            .is_none()
                                            .then(|| {
                                                let key = key.clone();
                                                let label = label.clone();
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button secondary"
                                                        id=opener.clone()
                                                        aria-label=move || (t().api_keys().revoke_named)(&label)
                                                        on:click=move |_| revoking.set(Some(key.clone()))
                                                    >
                                                        {move || t().api_keys().revoke}
                                                    </button>
                                                }
                                            })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn RevokeDialog(
    key: ApiKey,
    revoking: RwSignal<Option<ApiKey>>,
    on_revoked: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let revoked = StoredValue::new(false);
    let opener = format!("revoke-{}", key.id);
    let on_close = Callback::new(move |()| {
        revoking.set(None);
        // The key's button is gone once it is revoked: focus goes to what the page says.
        browser::focus(if revoked.get_value() { "api-keys-notice" } else { &opener });
    });
    let (id, name) = (key.id.clone(), key.name.clone());
    let revoke = mutation(move |()| {
        let (api, id, name) = (api.clone(), id.clone(), name.clone());
        async move {
            api.revoke_api_key(&id).await?;
            revoked.set_value(true);
            on_revoked.run(name);
            close_dialog();
            Ok(())
        }
    });
    let name = key.name.clone();
    view! {
        <Modal title_id="revoke-key-title" on_close=on_close>
            <h2 id="revoke-key-title">{move || (t().api_keys().revoke_title)(&name)}</h2>
            <p>{move || t().api_keys().revoke_warning}</p>
            <MutationError mutation=revoke />
            <div class="actions">
                <button
                    type="button"
                    class="button danger"
                    disabled=revoke.pending()
                    on:click=move |_| revoke.dispatch(())
                >
                    {move || t().api_keys().revoke}
                </button>
                <CancelButton safe_choice=true />
            </div>
        </Modal>
    }
}
