//! A subscription's "Access control" (the seed's steps): who holds Owner, Contributor or Reader
//! on it alone, and giving or taking that, for the customer's and the partner's admins.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::users::{NewRoleAssignment, RoleAssignment, SubscriptionRole};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{Head, MutationError, TableHead, mutation, remote_view};
use crate::i18n::use_i18n;

#[component]
pub(super) fn AccessControl(customer_id: String, subscription_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let reloads = RwSignal::new(0_u32);
    let notice = RwSignal::new(None::<String>);
    // The holders, and the customer's users to choose from.
    let data = LocalResource::new({
        let (api, customer_id, subscription_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone());
        move || {
            let _ = reloads.get();
            let (api, customer_id, subscription_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone());
            async move {
                let holders = api.role_assignments(&customer_id, &subscription_id).await?;
                let users = api.customer_users(&customer_id).await?;
                Ok::<_, ApiError>((holders, users))
            }
        }
    });
    let chosen_user = RwSignal::new(String::new());
    let chosen_role = RwSignal::new(SubscriptionRole::Reader.as_str().to_owned());
    let give = mutation({
        let (api, customer_id, subscription_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone());
        move |assignment: NewRoleAssignment| {
            let (api, customer_id, subscription_id) =
                (api.clone(), customer_id.clone(), subscription_id.clone());
            async move {
                let given = api.assign_role(&customer_id, &subscription_id, &assignment).await?;
                notice.set(Some((i18n.t_untracked().users().access_given)(&given.display_name)));
                reloads.update(|n| *n += 1);
                Ok(())
            }
        }
    });
    let remove = mutation(move |holder: RoleAssignment| {
        let (api, customer_id, subscription_id) =
            (api.clone(), customer_id.clone(), subscription_id.clone());
        async move {
            api.remove_role_assignment(&customer_id, &subscription_id, &holder.user_id).await?;
            notice.set(Some((i18n.t_untracked().users().access_removed)(&holder.display_name)));
            reloads.update(|n| *n += 1);
            browser::focus("access-notice");
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let user_id = chosen_user.get_untracked();
        let Ok(role) = chosen_role.get_untracked().parse() else { return };
        if user_id.is_empty() {
            browser::focus("access-user");
            return;
        }
        give.dispatch(NewRoleAssignment { user_id, role });
    };
    view! {
        <section aria-labelledby="access-title">
            <h2 id="access-title">{move || t().users().access_title}</h2>
            <p class="hint">{move || t().users().access_intro}</p>
            <p id="access-notice" class="change-notice" role="status" tabindex="-1">
                {move || notice.get()}
            </p>
            <MutationError mutation=remove />
            {remote_view(
                data,
                move |(holders, users)| {
                    let table = if holders.is_empty() {
                        view! { <p class="empty">{move || t().users().no_access}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <caption class="visually-hidden">
                                        {move || t().users().access_title}
                                    </caption>
                                    <TableHead columns=[
                                        Head::text(|t| t.users().col_user),
                                        Head::text(|t| t.users().col_email),
                                        Head::text(|t| t.users().col_role),
                                        Head::text(|t| t.actions),
                                    ] />
                                    <tbody>
                                        {holders
                                            .into_iter()
                                            .map(|holder| {
                                                let role = holder.role;
                                                let name = holder.display_name.clone();
                                                view! {
                                                    <tr>
                                                        <th scope="row">{holder.display_name.clone()}</th>
                                                        <td>{holder.user_principal_name.clone()}</td>
                                                        <td>{move || t().subscription_role(role)}</td>
                                                        <td>
                                                            <button
                                                                type="button"
                                                                class="button secondary small"
                                                                aria-label=move || {
                                                                    (t().users().remove_access_for)(&name)
                                                                }
                                                                on:click=move |_| remove.dispatch(holder.clone())
                                                            >
                                                                {move || t().users().remove}
                                                            </button>
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
                    };
                    view! {
                        {table}
                        <form class="filters" on:submit=on_submit>
                            <div class="field">
                                <label for="access-user">{move || t().users().col_user}</label>
                                <select
                                    id="access-user"
                                    on:change=move |ev| chosen_user.set(event_target_value(&ev))
                                >
                                    <option value="">{"—"}</option>
                                    {users
                                        .into_iter()
                                        .map(|u| {
                                            view! {
                                                <option value=u
                                                    .id>
                                                    {format!("{} ({})", u.display_name, u.user_principal_name)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="access-role">{move || t().users().col_role}</label>
                                <select
                                    id="access-role"
                                    prop:value=move || chosen_role.get()
                                    on:change=move |ev| chosen_role.set(event_target_value(&ev))
                                >
                                    {SubscriptionRole::ALL
                                        .into_iter()
                                        .map(|role| {
                                            view! {
                                                <option value=role
                                                    .as_str()>{move || t().subscription_role(role)}</option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <button
                                    type="submit"
                                    class="button secondary"
                                    disabled=give.pending()
                                >
                                    {move || {
                                        if give.pending().get() {
                                            t().users().giving
                                        } else {
                                            t().users().give_access
                                        }
                                    }}
                                </button>
                            </div>
                        </form>
                        <MutationError mutation=give />
                    }
                },
            )}
        </section>
    }
}
