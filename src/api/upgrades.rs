//! Product upgrades: moving a customer from a legacy Microsoft Azure (MS-AZR-0145P) subscription
//! to an Azure plan.

use portal_domain::upgrade::{
    AZURE, ProductUpgradeRequest, ProductUpgradesEligibility, ProductUpgradesStatus,
};

use super::{ApiClient, ApiError, encode};

fn request(customer_id: &str) -> ProductUpgradeRequest {
    ProductUpgradeRequest { customer_id: customer_id.to_owned(), product_family: AZURE.to_owned() }
}

impl ApiClient {
    pub async fn upgrade_eligibility(
        &self,
        customer_id: &str,
    ) -> Result<ProductUpgradesEligibility, ApiError> {
        self.post("/productUpgrades/eligibility", &request(customer_id)).await
    }

    /// Starts the upgrade; the answer is its status, in progress.
    pub async fn start_upgrade(
        &self,
        customer_id: &str,
    ) -> Result<ProductUpgradesStatus, ApiError> {
        self.post("/productUpgrades", &request(customer_id)).await
    }

    pub async fn upgrade_status(
        &self,
        customer_id: &str,
        upgrade_id: &str,
    ) -> Result<ProductUpgradesStatus, ApiError> {
        let path = format!("/productUpgrades/{}/status", encode(upgrade_id));
        self.post(&path, &request(customer_id)).await
    }
}
