use portal_domain::Collection;
use portal_domain::invoice::BillingLineItem;
use portal_domain::subscription::{
    AzureEntitlement, BillingType, EndingTerm, ProvisioningStatus, RegistrationStatus,
    Subscription, SubscriptionEvent, SubscriptionPatch, SubscriptionStatus, SupportContact,
};
use serde::Serialize;

use super::{ApiClient, ApiError, encode};

fn path(customer_id: &str, subscription_id: &str) -> String {
    format!("/customers/{}/subscriptions/{}", encode(customer_id), encode(subscription_id))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewAzureSubscription<'a> {
    friendly_name: &'a str,
}

impl ApiClient {
    /// The partner's customers' terms ending within 30 days that stop or renew for a year.
    pub async fn terms_ending(&self) -> Result<Vec<EndingTerm>, ApiError> {
        Ok(self.get::<Collection<EndingTerm>>("/subscriptions/termsending").await?.items)
    }

    pub async fn subscriptions(&self, customer_id: &str) -> Result<Vec<Subscription>, ApiError> {
        let page: Collection<Subscription> =
            self.get(&format!("/customers/{}/subscriptions", encode(customer_id))).await?;
        Ok(page.items)
    }

    pub async fn subscription(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<Subscription, ApiError> {
        self.get(&path(customer_id, subscription_id)).await
    }

    /// Applies `patch` if the subscription is still as the user saw it (`subscription`'s etag);
    /// otherwise fails with [`ApiError::PreconditionFailed`].
    pub async fn change_subscription(
        &self,
        customer_id: &str,
        subscription: &Subscription,
        patch: &SubscriptionPatch,
    ) -> Result<Subscription, ApiError> {
        let etag = format!("\"{}\"", subscription.attributes.etag.as_deref().unwrap_or_default());
        self.patch(&path(customer_id, &subscription.id), patch, &etag).await
    }

    pub async fn subscription_history(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<Vec<SubscriptionEvent>, ApiError> {
        let page: Collection<SubscriptionEvent> =
            self.get(&format!("{}/history", path(customer_id, subscription_id))).await?;
        Ok(page.items)
    }

    /// Every line the customer's invoices and notes charged for the subscription, newest first.
    pub async fn subscription_invoice_lines(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<Vec<BillingLineItem>, ApiError> {
        let path = format!("{}/invoicelineitems?size=2000", path(customer_id, subscription_id));
        self.get_all_by_offset(&path).await
    }

    /// The customer's active Azure subscriptions under its active Azure plans, by name.
    pub async fn active_azure_subscriptions(
        &self,
        customer_id: &str,
    ) -> Result<Vec<AzureEntitlement>, ApiError> {
        let mut found = Vec::new();
        for plan in self.subscriptions(customer_id).await? {
            if plan.billing_type != BillingType::Usage || plan.status != SubscriptionStatus::Active
            {
                continue;
            }
            let azure = self.azure_subscriptions(customer_id, &plan.id).await?;
            for a in azure.into_iter().filter(|a| a.status == SubscriptionStatus::Active) {
                // By name, kept in order as they come (cheaper in the bundle than a sort).
                let at = found
                    .partition_point(|f: &AzureEntitlement| f.friendly_name <= a.friendly_name);
                found.insert(at, a);
            }
        }
        Ok(found)
    }

    pub async fn azure_subscriptions(
        &self,
        customer_id: &str,
        plan_id: &str,
    ) -> Result<Vec<AzureEntitlement>, ApiError> {
        let page: Collection<AzureEntitlement> =
            self.get(&format!("{}/azureEntitlements", path(customer_id, plan_id))).await?;
        Ok(page.items)
    }

    /// `request_id` identifies the user's request: sent again after a lost answer, it returns
    /// the Azure subscription the first one created.
    pub async fn add_azure_subscription(
        &self,
        customer_id: &str,
        plan_id: &str,
        name: &str,
        request_id: &str,
    ) -> Result<AzureEntitlement, ApiError> {
        let body = NewAzureSubscription { friendly_name: name };
        let path = format!("{}/azureEntitlements", path(customer_id, plan_id));
        self.post_once(&path, &body, request_id).await
    }

    /// Cancelling one that is already cancelled answers it as it is, so a retry is harmless.
    pub async fn cancel_azure_subscription(
        &self,
        customer_id: &str,
        plan_id: &str,
        azure_subscription_id: &str,
        request_id: &str,
    ) -> Result<AzureEntitlement, ApiError> {
        let path = format!(
            "{}/azureEntitlements/{}/cancel",
            path(customer_id, plan_id),
            encode(azure_subscription_id)
        );
        self.post_idempotent(&path, request_id).await
    }

    pub async fn provisioning_status(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<ProvisioningStatus, ApiError> {
        self.get(&format!("{}/provisioningstatus", path(customer_id, subscription_id))).await
    }

    pub async fn registration_status(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<RegistrationStatus, ApiError> {
        self.get(&format!("{}/registrationstatus", path(customer_id, subscription_id))).await
    }

    /// Asks for an Azure plan's registration (for reserved instances); asking again changes
    /// nothing.
    pub async fn register_plan(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<(), ApiError> {
        self.post_empty(&format!("{}/registrations", path(customer_id, subscription_id))).await
    }

    pub async fn support_contact(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<SupportContact, ApiError> {
        self.get(&format!("{}/supportcontact", path(customer_id, subscription_id))).await
    }

    pub async fn set_support_contact(
        &self,
        customer_id: &str,
        subscription_id: &str,
        contact: &SupportContact,
    ) -> Result<SupportContact, ApiError> {
        self.put(&format!("{}/supportcontact", path(customer_id, subscription_id)), contact).await
    }
}
