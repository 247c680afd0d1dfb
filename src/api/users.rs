use portal_domain::relationship::InvitationToken;
use portal_domain::users::{
    CustomerUser, CustomerUserPatch, NewCustomerUser, NewPartnerUser, NewRoleAssignment,
    PartnerUser, PartnerUserPatch, PasswordLink, PasswordLinkDetails, RoleAssignment,
    UsePasswordLink, UserMember,
};
use portal_domain::{Collection, Me, Role};

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    pub async fn partner_users(&self) -> Result<Vec<PartnerUser>, ApiError> {
        self.get::<Collection<PartnerUser>>("/users").await.map(|c| c.items)
    }

    pub async fn add_partner_user(&self, user: &NewPartnerUser) -> Result<PartnerUser, ApiError> {
        self.post("/users", user).await
    }

    pub async fn change_partner_user(
        &self,
        user_id: &str,
        patch: &PartnerUserPatch,
    ) -> Result<PartnerUser, ApiError> {
        self.patch_unversioned(&format!("/users/{}", encode(user_id)), patch).await
    }

    pub async fn reset_partner_user(&self, user_id: &str) -> Result<PasswordLink, ApiError> {
        self.post(&format!("/users/{}/passwordreset", encode(user_id)), &()).await
    }

    pub async fn customer_users(&self, customer_id: &str) -> Result<Vec<CustomerUser>, ApiError> {
        let path = format!("/customers/{}/users", encode(customer_id));
        self.get::<Collection<CustomerUser>>(&path).await.map(|c| c.items)
    }

    pub async fn add_customer_user(
        &self,
        customer_id: &str,
        user: &NewCustomerUser,
    ) -> Result<CustomerUser, ApiError> {
        self.post(&format!("/customers/{}/users", encode(customer_id)), user).await
    }

    /// Restores a deactivated user (`state: active`).
    pub async fn change_customer_user(
        &self,
        customer_id: &str,
        user_id: &str,
        patch: &CustomerUserPatch,
    ) -> Result<CustomerUser, ApiError> {
        let path = format!("/customers/{}/users/{}", encode(customer_id), encode(user_id));
        self.patch_unversioned(&path, patch).await
    }

    /// Deactivates the user (Partner Center's delete, restorable).
    pub async fn remove_customer_user(
        &self,
        customer_id: &str,
        user_id: &str,
    ) -> Result<(), ApiError> {
        self.delete(&format!("/customers/{}/users/{}", encode(customer_id), encode(user_id))).await
    }

    pub async fn reset_customer_user(
        &self,
        customer_id: &str,
        user_id: &str,
    ) -> Result<PasswordLink, ApiError> {
        let path =
            format!("/customers/{}/users/{}/passwordreset", encode(customer_id), encode(user_id));
        self.post(&path, &()).await
    }

    /// Gives the customer's user `role` (a directory role).
    pub async fn add_role_member(
        &self,
        customer_id: &str,
        role: Role,
        user_id: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/customers/{}/directoryroles/{}/usermembers",
            encode(customer_id),
            role.as_str()
        );
        let member = UserMember { id: user_id.to_owned(), ..UserMember::default() };
        self.post::<_, UserMember>(&path, &member).await.map(|_| ())
    }

    pub async fn remove_role_member(
        &self,
        customer_id: &str,
        role: Role,
        user_id: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/customers/{}/directoryroles/{}/usermembers/{}",
            encode(customer_id),
            role.as_str(),
            encode(user_id)
        );
        self.delete(&path).await
    }

    pub async fn open_password_link(&self, token: &str) -> Result<PasswordLinkDetails, ApiError> {
        self.post("/passwordlinks/open", &InvitationToken { token: token.to_owned() }).await
    }

    /// Chooses the password; the answer is the user, signed in.
    pub async fn use_password_link(&self, body: &UsePasswordLink) -> Result<Me, ApiError> {
        self.post("/passwordlinks/use", body).await
    }
}

impl ApiClient {
    /// Who holds a role on the subscription alone.
    pub async fn role_assignments(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<Vec<RoleAssignment>, ApiError> {
        let path = format!(
            "/customers/{}/subscriptions/{}/roleassignments",
            encode(customer_id),
            encode(subscription_id)
        );
        self.get::<Collection<RoleAssignment>>(&path).await.map(|c| c.items)
    }

    pub async fn assign_role(
        &self,
        customer_id: &str,
        subscription_id: &str,
        assignment: &NewRoleAssignment,
    ) -> Result<RoleAssignment, ApiError> {
        let path = format!(
            "/customers/{}/subscriptions/{}/roleassignments",
            encode(customer_id),
            encode(subscription_id)
        );
        self.post(&path, assignment).await
    }

    pub async fn remove_role_assignment(
        &self,
        customer_id: &str,
        subscription_id: &str,
        user_id: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/customers/{}/subscriptions/{}/roleassignments/{}",
            encode(customer_id),
            encode(subscription_id),
            encode(user_id)
        );
        self.delete(&path).await
    }
}

impl ApiClient {
    /// The first `pages` pages of the activity log for `query` (`action=…&since=…`, already
    /// encoded), newest first; whether older entries follow.
    pub async fn activity(
        &self,
        query: &str,
        pages: usize,
    ) -> Result<(Vec<portal_domain::activity::ActivityEntry>, bool), ApiError> {
        self.get_pages(&format!("/activity?size=100{query}"), pages).await
    }

    /// Saves the activity log for `query` as `activity.csv`.
    pub async fn export_activity(&self, query: &str) -> Result<(), ApiError> {
        let query = query.strip_prefix('&').unwrap_or(query);
        self.download(&format!("/activity/export?{query}"), "activity.csv", |_| ()).await
    }
}
