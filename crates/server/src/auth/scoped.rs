//! Users who reach only some subscriptions: a customer user with no directory role, holding
//! Owner, Contributor or Reader on subscriptions (`subscription_role_assignments`).
//!
//! Deny by default: for such a user, [`restrict`] lets through only who they are (`/me`, signing
//! out), their organization's record, the lists and usage summaries that cover its subscriptions
//! (each counting only theirs, by [`SubscriptionScope`]) and everything under a subscription
//! they hold a role on, with the rights of that role for that request (Owner and Contributor
//! change it as a customer admin would, a Reader reads it as a customer reader would). Every
//! other API path answers 404, as for something that does not exist.

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_domain::Role;
use portal_domain::users::SubscriptionRole;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::role_assignments;

/// The subscriptions a scoped user reaches (in the request's extensions when they are one).
#[derive(Debug, Clone)]
pub struct SubscriptionScope {
    user_id: String,
    held: Vec<(String, SubscriptionRole)>,
}

impl SubscriptionScope {
    pub fn reaches(&self, subscription_id: &str) -> bool {
        self.role_on(subscription_id).is_some()
    }

    /// Whose roles these are: queries that add up a customer's subscriptions keep to the ones
    /// this user holds a role on.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    fn role_on(&self, subscription_id: &str) -> Option<SubscriptionRole> {
        self.held.iter().find(|(id, _)| id == subscription_id).map(|(_, role)| *role)
    }
}

/// The user whose subscriptions a sum keeps to: `Some` for a scoped user, `None` (everything
/// the customer has) for everyone else.
pub fn held_by(scope: &Option<axum::Extension<SubscriptionScope>>) -> Option<&str> {
    scope.as_ref().map(|axum::Extension(scope)| scope.user_id())
}

/// What a scoped user may ask for at `path` (with or without its `/v1`).
#[derive(Debug, PartialEq, Eq)]
enum Reach<'a> {
    /// Not about their organization's data: who they are, signing in and out.
    Own,
    /// Their organization's record, the list of its subscriptions, or its usage summaries:
    /// the handlers count only the user's subscriptions.
    Organization,
    /// Something of this subscription.
    Subscription(&'a str),
    /// Anything else.
    Nothing,
}

fn reach<'a>(path: &'a str, customer_id: &str) -> Reach<'a> {
    let path = path.strip_prefix("/v1").unwrap_or(path);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["me"] | ["auth", ..] => Reach::Own,
        ["customers"] => Reach::Organization,
        ["customers", id]
        | ["customers", id, "subscriptions" | "usagesummary"]
        | ["customers", id, "usagesummary", "daily"]
        | ["customers", id, "subscriptions", "usagerecords"]
            if *id == customer_id =>
        {
            Reach::Organization
        }
        // Who holds roles on it is for administrators.
        ["customers", _, "subscriptions", _, "roleassignments", ..] => Reach::Nothing,
        ["customers", id, "subscriptions", subscription, ..] if *id == customer_id => {
            Reach::Subscription(subscription)
        }
        _ => Reach::Nothing,
    }
}

/// Middleware on every `/v1` route: see the module documentation. Requests without a session,
/// and every other user's, pass untouched.
pub async fn restrict(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let current = CurrentUser::from_request_parts(&mut parts, &state).await.ok();
    let Some(mut current) = current.filter(|c| c.user.to_me().is_subscription_scoped()) else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let customer_id = current.user.customer_id.clone().unwrap_or_default();
    let scope = match role_assignments::of_user(&state.db, &current.user.id).await {
        Ok(held) => SubscriptionScope { user_id: current.user.id.clone(), held },
        Err(e) => return AppError::from(e).into_response(),
    };
    let path = parts.uri.path().to_owned();
    match reach(&path, &customer_id) {
        Reach::Own | Reach::Organization => {}
        Reach::Subscription(id) => match scope.role_on(id) {
            // The role's rights, for this request only.
            Some(role) => {
                let rights =
                    if role.may_change() { Role::CustomerAdmin } else { Role::CustomerReader };
                current.user.roles = vec![rights];
                parts.extensions.insert(current);
            }
            None => return not_found(),
        },
        Reach::Nothing => return not_found(),
    }
    parts.extensions.insert(scope);
    next.run(Request::from_parts(parts, body)).await
}

fn not_found() -> Response {
    AppError::new(
        portal_domain::ErrorCode::NotFound,
        "This does not exist, or you do not have access to it: you reach only the subscriptions you hold a role on.",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scoped_user_reaches_their_subscriptions_and_nothing_else() {
        let c = "c1";
        assert_eq!(reach("/v1/me", c), Reach::Own);
        assert_eq!(reach("/v1/customers", c), Reach::Organization);
        assert_eq!(reach("/v1/customers/c1", c), Reach::Organization);
        assert_eq!(reach("/v1/customers/c1/subscriptions", c), Reach::Organization);
        for summed in [
            "/v1/customers/c1/usagesummary",
            "/v1/customers/c1/usagesummary/daily",
            "/v1/customers/c1/subscriptions/usagerecords",
        ] {
            assert_eq!(reach(summed, c), Reach::Organization, "{summed}");
        }
        assert_eq!(reach("/v1/customers/c2/usagesummary", c), Reach::Nothing);
        assert_eq!(reach("/v1/customers/c1/subscriptions/s1", c), Reach::Subscription("s1"));
        assert_eq!(
            reach("/v1/customers/c1/subscriptions/s1/history", c),
            Reach::Subscription("s1")
        );
        assert_eq!(reach("/v1/customers/c1/subscriptions/s1/roleassignments", c), Reach::Nothing);
        assert_eq!(reach("/v1/customers/c2/subscriptions/s1", c), Reach::Nothing);
        for elsewhere in [
            "/v1/customers/c1/carts",
            "/v1/invoices",
            "/v1/customers/c1/usagebudget",
            "/v1/customers/c1/usagealerts",
            "/v1/customers/c1/users",
        ] {
            assert_eq!(reach(elsewhere, c), Reach::Nothing, "{elsewhere}");
        }
    }
}
