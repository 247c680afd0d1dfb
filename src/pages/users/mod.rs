//! Users and their roles: the partner's staff on `/settings/users`, and a customer's users on
//! its account page (for its admins) and on the partner's page about it. One table and one set
//! of dialogs for both (`dialogs.rs`); [`Directory`] says whose users they are and which API
//! calls reach them. `/set-password` (`set_password.rs`) is where a new user, or one whose
//! password was reset, chooses a password.

mod dialogs;
mod set_password;

pub use set_password::SetPassword;

use leptos::prelude::*;
use portal_domain::Role;
use portal_domain::users::{
    CustomerUser, CustomerUserPatch, NewCustomerUser, NewPartnerUser, PartnerUser,
    PartnerUserPatch, PasswordLink, UserState,
};
use portal_domain::validation::{NAME_MAX_LEN, Violation, check_email, check_text};

use dialogs::{AddUserDialog, DeactivateDialog, LinkDialog, RolesDialog};

use crate::api::{ApiClient, ApiError, use_api};
use crate::browser;
use crate::components::{Head, MutationError, TableHead, mutation, remote_view, use_page_title};
use crate::i18n::use_i18n;
use crate::session::use_session;

/// Whose users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directory {
    /// The signed-in user's partner.
    Partner,
    /// A customer, with its country (new users' usage location).
    Customer { id: String, country: String },
}

/// A user as the table shows them, whichever the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub state: UserState,
}

impl From<PartnerUser> for Member {
    fn from(u: PartnerUser) -> Self {
        Member { id: u.id, name: u.display_name, email: u.email, roles: u.roles, state: u.state }
    }
}

impl From<CustomerUser> for Member {
    fn from(u: CustomerUser) -> Self {
        Member {
            id: u.id,
            name: u.display_name,
            email: u.user_principal_name,
            roles: u.roles,
            state: u.state,
        }
    }
}

/// A user to add, as the form has them.
#[derive(Debug, Clone, Default)]
pub struct NewMember {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

impl NewMember {
    fn display_name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_owned()
    }
}

impl Directory {
    /// The roles its users can hold.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Directory::Partner => {
                &[Role::GlobalAdmin, Role::AdminAgent, Role::SalesAgent, Role::BillingAdmin]
            }
            Directory::Customer { .. } => &[Role::CustomerAdmin, Role::CustomerReader],
        }
    }

    async fn list(&self, api: &ApiClient) -> Result<Vec<Member>, ApiError> {
        Ok(match self {
            Directory::Partner => api.partner_users().await?.into_iter().map(Into::into).collect(),
            Directory::Customer { id, .. } => {
                api.customer_users(id).await?.into_iter().map(Into::into).collect()
            }
        })
    }

    /// Whether a user may hold no role here: a customer's user may, and then reaches only the
    /// subscriptions they are given a role on.
    pub fn allows_no_role(&self) -> bool {
        matches!(self, Directory::Customer { .. })
    }

    /// The new user's problems by the shared rules, by the form's field names.
    fn check(&self, new: &NewMember) -> Vec<(&'static str, Violation)> {
        let roles = if new.roles.is_empty() && !self.allows_no_role() {
            Err(Violation::Required)
        } else if new.roles.iter().all(|r| self.roles().contains(r)) {
            Ok(())
        } else {
            Err(Violation::NotARole)
        };
        [
            ("firstName", check_text(&new.first_name, NAME_MAX_LEN)),
            ("lastName", check_text(&new.last_name, NAME_MAX_LEN)),
            ("email", check_email(&new.email)),
            ("roles", roles),
        ]
        .into_iter()
        .filter_map(|(field, result)| result.err().map(|v| (field, v)))
        .collect()
    }

    async fn add(
        &self,
        api: &ApiClient,
        new: &NewMember,
    ) -> Result<(Member, Option<PasswordLink>), ApiError> {
        match self {
            Directory::Partner => {
                let request = NewPartnerUser {
                    email: new.email.trim().to_owned(),
                    display_name: new.display_name(),
                    roles: new.roles.clone(),
                };
                let mut user = api.add_partner_user(&request).await?;
                let link = user.password_link.take();
                Ok((user.into(), link))
            }
            Directory::Customer { id, country } => {
                let request = NewCustomerUser {
                    user_principal_name: new.email.trim().to_owned(),
                    first_name: new.first_name.trim().to_owned(),
                    last_name: new.last_name.trim().to_owned(),
                    display_name: new.display_name(),
                    usage_location: country.clone(),
                    password_profile: None,
                };
                let mut user = api.add_customer_user(id, &request).await?;
                let link = user.password_link.take();
                let mut member: Member = user.into();
                // New customer users are readers; the roles asked for replace that.
                self.set_roles(api, &member, &new.roles).await?;
                member.roles = new.roles.clone();
                Ok((member, link))
            }
        }
    }

    async fn set_roles(
        &self,
        api: &ApiClient,
        member: &Member,
        roles: &[Role],
    ) -> Result<(), ApiError> {
        match self {
            Directory::Partner => {
                let patch = PartnerUserPatch { roles: Some(roles.to_vec()), state: None };
                api.change_partner_user(&member.id, &patch).await.map(|_| ())
            }
            Directory::Customer { id, .. } => {
                // Added first, so that a user never holds no role in between.
                for role in roles.iter().filter(|r| !member.roles.contains(r)) {
                    api.add_role_member(id, *role, &member.id).await?;
                }
                for role in member.roles.iter().filter(|r| !roles.contains(r)) {
                    api.remove_role_member(id, *role, &member.id).await?;
                }
                Ok(())
            }
        }
    }

    async fn set_active(
        &self,
        api: &ApiClient,
        member: &Member,
        active: bool,
    ) -> Result<(), ApiError> {
        match self {
            Directory::Partner => {
                let state = if active { UserState::Active } else { UserState::Deactivated };
                let patch = PartnerUserPatch { roles: None, state: Some(state) };
                api.change_partner_user(&member.id, &patch).await.map(|_| ())
            }
            Directory::Customer { id, .. } if active => {
                let patch =
                    CustomerUserPatch { display_name: None, state: Some(UserState::Active) };
                api.change_customer_user(id, &member.id, &patch).await.map(|_| ())
            }
            Directory::Customer { id, .. } => api.remove_customer_user(id, &member.id).await,
        }
    }

    async fn reset(&self, api: &ApiClient, member: &Member) -> Result<PasswordLink, ApiError> {
        match self {
            Directory::Partner => api.reset_partner_user(&member.id).await,
            Directory::Customer { id, .. } => api.reset_customer_user(id, &member.id).await,
        }
    }
}

/// `/settings/users`: the partner's staff, for its global admins.
#[component]
pub fn PartnerUsers() -> impl IntoView {
    use_page_title(|t| t.users().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let allowed = session.me().is_some_and(|me| me.manages_api_keys());
    view! {
        <h1>{move || t().users().title}</h1>
        {if allowed {
            view! {
                <p class="lead">{move || t().users().intro_partner}</p>
                <UserDirectory directory=Directory::Partner />
            }
                .into_any()
        } else {
            view! { <p class="notice info">{move || t().users().admins_only}</p> }.into_any()
        }}
    }
}

/// What a dialog is open for.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Add,
    Roles(Member),
    Deactivate(Member),
    Link(Member, PasswordLink),
}

/// The users of `directory`, with adding, roles, deactivation and password links.
#[component]
pub fn UserDirectory(directory: Directory) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let session = use_session();
    let me = session.me().map(|me| me.id).unwrap_or_default();
    let reloads = RwSignal::new(0_u32);
    let members = LocalResource::new({
        let (api, directory) = (api.clone(), directory.clone());
        move || {
            let _ = reloads.get();
            let (api, directory) = (api.clone(), directory.clone());
            async move { directory.list(&api).await }
        }
    });
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    // Where focus goes back to when a dialog closes.
    let return_to = RwSignal::new(String::from("add-user"));
    let done = Callback::new(move |message: String| {
        notice.set(Some(message));
        reloads.update(|n| *n += 1);
    });
    let restore = mutation({
        let (api, directory) = (api.clone(), directory.clone());
        move |member: Member| {
            let (api, directory) = (api.clone(), directory.clone());
            async move {
                directory.set_active(&api, &member, true).await?;
                done.run((i18n.t_untracked().users().changed)(&member.name));
                browser::focus("users-notice");
                Ok(())
            }
        }
    });
    let reset = mutation({
        let (api, directory) = (api.clone(), directory.clone());
        move |member: Member| {
            let (api, directory) = (api.clone(), directory.clone());
            async move {
                let link = directory.reset(&api, &member).await?;
                open.set(Some(Open::Link(member, link)));
                Ok(())
            }
        }
    });
    let on_close = Callback::new(move |()| {
        open.set(None);
        browser::focus(&return_to.get_untracked());
    });
    let row = move |member: Member| {
        let t = i18n.t_untracked();
        let is_me = member.id == me;
        let name = member.name.clone();
        let state = member.state;
        let roles = member.roles.clone();
        let id = member.id.clone();
        let (m_roles, m_off, m_on, m_link) =
            (member.clone(), member.clone(), member.clone(), member.clone());
        view! {
            <tr>
                <th scope="row">{name.clone()}</th>
                <td>{member.email.clone()}</td>
                <td>
                    {move || {
                        roles.iter().map(|r| i18n.t().role(*r)).collect::<Vec<_>>().join(", ")
                    }}
                </td>
                <td>
                    {move || match state {
                        UserState::Active => i18n.t().users().state_active,
                        UserState::Invited => i18n.t().users().state_invited,
                        UserState::Deactivated => i18n.t().users().state_deactivated,
                    }}
                </td>
                <td class="action-buttons">
                    <button
                        type="button"
                        id=format!("roles-{id}")
                        class="button secondary small"
                        aria-label=(t.users().edit_roles_for)(&name)
                        on:click=move |_| {
                            return_to.set(format!("roles-{}", m_roles.id));
                            open.set(Some(Open::Roles(m_roles.clone())));
                        }
                    >
                        {move || i18n.t().users().edit_roles}
                    </button>
                    {if state == UserState::Deactivated {
                        view! {
                            <button
                                type="button"
                                class="button secondary small"
                                aria-label=(t.users().restore_for)(&name)
                                on:click=move |_| restore.dispatch(m_on.clone())
                            >
                                {move || i18n.t().users().restore}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                id=format!("link-{id}")
                                class="button secondary small"
                                aria-label=(t.users().new_link_for)(&name)
                                on:click=move |_| {
                                    return_to.set(format!("link-{}", m_link.id));
                                    reset.dispatch(m_link.clone())
                                }
                            >
                                {move || i18n.t().users().new_link}
                            </button>
                            {(!is_me)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            id=format!("off-{id}")
                                            class="button danger small"
                                            aria-label=(t.users().deactivate_for)(&name)
                                            on:click=move |_| {
                                                return_to.set(format!("off-{}", m_off.id));
                                                open.set(Some(Open::Deactivate(m_off.clone())));
                                            }
                                        >
                                            {move || i18n.t().users().deactivate}
                                        </button>
                                    }
                                })}
                        }
                            .into_any()
                    }}
                </td>
            </tr>
        }
    };
    view! {
        <div class="actions">
            <button
                type="button"
                id="add-user"
                class="button primary"
                on:click=move |_| {
                    return_to.set("add-user".to_owned());
                    open.set(Some(Open::Add));
                }
            >
                {move || t().users().add_user}
            </button>
        </div>
        <p id="users-notice" class="change-notice" role="status" tabindex="-1">
            {move || notice.get()}
        </p>
        <MutationError mutation=restore />
        <MutationError mutation=reset />
        {remote_view(
            members,
            move |list| {
                view! {
                    <div class="table-wrap">
                        <table>
                            <caption>{move || t().users().caption}</caption>
                            <TableHead columns=[
                                Head::text(|t| t.users().display_name),
                                Head::text(|t| t.users().col_email),
                                Head::text(|t| t.users().col_roles),
                                Head::text(|t| t.col_status),
                                Head::text(|t| t.actions),
                            ] />
                            <tbody>{list.into_iter().map(&row).collect_view()}</tbody>
                        </table>
                    </div>
                }
            },
        )}
        {move || {
            open.get()
                .map(|dialog| match dialog {
                    Open::Add => {
                        view! {
                            <AddUserDialog
                                directory=directory.clone()
                                on_close=on_close
                                on_added=Callback::new(move |
                                    (member, link): (Member, Option<PasswordLink>)|
                                {
                                    done.run((i18n.t_untracked().users().added)(&member.name));
                                    match link {
                                        Some(link) => open.set(Some(Open::Link(member, link))),
                                        None => {
                                            open.set(None);
                                            browser::focus("users-notice");
                                        }
                                    }
                                })
                            />
                        }
                            .into_any()
                    }
                    Open::Roles(member) => {
                        // Next: the link for the new user to choose a password.
                        view! {
                            <RolesDialog
                                directory=directory.clone()
                                member=member
                                on_close=on_close
                                on_saved=done
                            />
                        }
                            .into_any()
                    }
                    Open::Deactivate(member) => {
                        view! {
                            <DeactivateDialog
                                directory=directory.clone()
                                member=member
                                on_close=on_close
                                on_done=done
                            />
                        }
                            .into_any()
                    }
                    Open::Link(member, link) => {
                        view! { <LinkDialog member=member link=link on_close=on_close /> }
                            .into_any()
                    }
                })
        }}
    }
}
