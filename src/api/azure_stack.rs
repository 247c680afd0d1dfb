use portal_domain::Collection;
use portal_domain::azure_stack::{NewRegistration, Registration, RegistrationEvent};
use serde::Deserialize;

use super::{ApiClient, ApiError, encode};

/// Azure's path of a registration under the customer.
pub fn registration_path(
    customer_id: &str,
    azure_subscription_id: &str,
    resource_group: &str,
    name: &str,
) -> String {
    format!(
        "/customers/{}/subscriptions/{}/resourceGroups/{}/providers/Microsoft.AzureStack/registrations/{}",
        encode(customer_id),
        encode(azure_subscription_id),
        encode(resource_group),
        encode(name)
    )
}

impl ApiClient {
    /// The customer's registrations, removed ones too.
    pub async fn azure_stack_registrations(
        &self,
        customer_id: &str,
    ) -> Result<Vec<Registration>, ApiError> {
        let path = format!(
            "/customers/{}/azurestack/registrations?includeRemoved=true",
            encode(customer_id)
        );
        Ok(self.get::<Collection<Registration>>(&path).await?.items)
    }

    /// Registers the deployment, or changes its registration.
    pub async fn register_deployment(
        &self,
        path: &str,
        registration: &NewRegistration,
    ) -> Result<Registration, ApiError> {
        self.put(path, registration).await
    }

    pub async fn remove_registration(&self, path: &str) -> Result<(), ApiError> {
        self.delete(path).await
    }

    pub async fn registration(&self, path: &str) -> Result<Registration, ApiError> {
        self.get(path).await
    }

    pub async fn registration_history(
        &self,
        path: &str,
    ) -> Result<Vec<RegistrationEvent>, ApiError> {
        Ok(self.get::<Collection<RegistrationEvent>>(&format!("{path}/history")).await?.items)
    }

    /// A new activation key for a disconnected deployment (the older one stops working).
    pub async fn activation_key(&self, path: &str) -> Result<String, ApiError> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Answer {
            activation_key: String,
        }
        let answer: Answer = self.post(&format!("{path}/getactivationkey"), &()).await?;
        Ok(answer.activation_key)
    }
}
