//! `/settings/activity`: the activity log, for the partner's global admins and admin agents
//! (their partner's and their customers') and customer admins (their own): narrowed by kind of
//! change, customer and dates, newest first, and exported as CSV.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::activity::{ACTION_GROUPS, ActivityEntry};

use crate::api::use_api;
use crate::components::{Head, MutationError, TableHead, mutation, remote_view, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

/// What the log is narrowed to, as the form holds it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Narrowing {
    action: String,
    customer_id: String,
    since: String,
    until: String,
}

impl Narrowing {
    /// The query string (`&action=…`), values encoded.
    fn query(&self) -> String {
        [
            ("action", &self.action),
            ("customerId", &self.customer_id),
            ("since", &self.since),
            ("until", &self.until),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("&{k}={}", js_sys::encode_uri_component(v)))
        .collect()
    }
}

#[component]
pub fn Activity() -> impl IntoView {
    use_page_title(|t| t.activity().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let me = session.me();
    let allowed = me.as_ref().is_some_and(|me| me.administers_customers());
    let is_partner = me.as_ref().is_some_and(|me| me.is_partner_user());
    if !allowed {
        return view! {
            <h1>{move || t().activity().title}</h1>
            <p class="notice info">{move || t().users().admins_only}</p>
        }
        .into_any();
    }
    let form = RwSignal::new(Narrowing::default());
    let shown = RwSignal::new(Narrowing::default());
    let pages = RwSignal::new(1_usize);
    let log = LocalResource::new({
        let api = api.clone();
        move || {
            let (query, pages) = (shown.get().query(), pages.get());
            let api = api.clone();
            async move { api.activity(&query, pages).await }
        }
    });
    let customers = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { if is_partner { api.customers().await } else { Ok(Vec::new()) } }
        }
    });
    let export = mutation(move |query: String| {
        let api = api.clone();
        async move { api.export_activity(&query).await }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        pages.set(1);
        shown.set(form.get_untracked());
    };
    let field = move |get: fn(&Narrowing) -> &String, set: fn(&mut Narrowing, String)| {
        (
            move || get(&form.read()).clone(),
            move |ev| form.update(|f| set(f, event_target_value(&ev))),
        )
    };
    let (action_value, on_action) = field(|f| &f.action, |f, v| f.action = v);
    let (customer_value, on_customer) = field(|f| &f.customer_id, |f, v| f.customer_id = v);
    let (since_value, on_since) = field(|f| &f.since, |f, v| f.since = v);
    let (until_value, on_until) = field(|f| &f.until, |f, v| f.until = v);
    view! {
        <h1>{move || t().activity().title}</h1>
        <p class="lead">
            {move || {
                if is_partner {
                    t().activity().intro_partner
                } else {
                    t().activity().intro_customer
                }
            }}
        </p>
        <form class="filters" on:submit=on_submit>
            <div class="field">
                <label for="activity-kind">{move || t().activity().kind}</label>
                <select id="activity-kind" prop:value=action_value on:change=on_action>
                    <option value="">{move || t().activity().all}</option>
                    {ACTION_GROUPS
                        .into_iter()
                        .map(|group| {
                            view! {
                                <option value=group>
                                    {move || t().activity_group(group).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {is_partner
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="activity-customer">{move || t().activity().customer}</label>
                            <select
                                id="activity-customer"
                                prop:value=customer_value
                                on:change=on_customer
                            >
                                <option value="">{move || t().activity().all_customers}</option>
                                {move || {
                                    customers
                                        .get()
                                        .and_then(Result::ok)
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <option value=c.id>{c.company_profile.company_name}</option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                    }
                })}
            <div class="field">
                <label for="activity-since">{move || t().activity().since}</label>
                <input id="activity-since" type="date" prop:value=since_value on:change=on_since />
            </div>
            <div class="field">
                <label for="activity-until">{move || t().activity().until}</label>
                <input id="activity-until" type="date" prop:value=until_value on:change=on_until />
            </div>
            <div class="field">
                <button type="submit" class="button secondary">
                    {move || t().activity().apply}
                </button>
            </div>
            <div class="field">
                <button
                    type="button"
                    class="button secondary"
                    disabled=export.pending()
                    on:click=move |_| export.dispatch(shown.get_untracked().query())
                >
                    {move || {
                        if export.pending().get() {
                            t().activity().exporting
                        } else {
                            t().activity().export
                        }
                    }}
                </button>
            </div>
        </form>
        <MutationError mutation=export />
        {remote_view(
            log,
            move |(entries, more)| {
                if entries.is_empty() {
                    return view! { <p class="empty">{move || t().activity().empty}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table>
                            <caption class="visually-hidden">
                                {move || t().activity().caption}
                            </caption>
                            <TableHead columns=[
                                Head::text(|t| t.activity().col_when),
                                Head::text(|t| t.activity().col_who),
                                Head::text(|t| t.activity().col_what),
                                Head::text(|t| t.activity().col_object),
                                Head::text(|t| t.activity().col_change),
                                Head::text(|t| t.activity().col_request),
                            ] />
                            <tbody>
                                {entries
                                    .into_iter()
                                    .map(|e| view! { <EntryRow entry=e /> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {more
                        .then(|| {
                            view! {
                                <p>
                                    <button
                                        type="button"
                                        class="button secondary"
                                        on:click=move |_| pages.update(|n| *n += 1)
                                    >
                                        {move || t().activity().more}
                                    </button>
                                </p>
                            }
                        })}
                }
                    .into_any()
            },
        )}
    }
    .into_any()
}

#[component]
fn EntryRow(entry: ActivityEntry) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let ActivityEntry {
        at,
        actor,
        company_name,
        action,
        target_name,
        before,
        after,
        request_id,
        ..
    } = entry;
    let change = match (before, after) {
        (Some(before), Some(after)) => format!("{before} → {after}"),
        (None, Some(after)) => after,
        (Some(before), None) => format!("{before} → —"),
        (None, None) => String::new(),
    };
    let object = match company_name {
        Some(company) if company != target_name => format!("{target_name} ({company})"),
        _ => target_name,
    };
    view! {
        <tr>
            <td>{move || format::date_time(&i18n.format_tag(), &at)}</td>
            <td>{actor}</td>
            <th scope="row">{move || t().activity_action(&action).to_owned()}</th>
            <td>{object}</td>
            <td>{change}</td>
            <td class="identifier">{request_id}</td>
        </tr>
    }
}
