use portal_domain::Collection;
use portal_domain::catalog::Availability;

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// Everything the customer can buy, each with its product and SKU (our extension).
    pub async fn purchasable(&self, customer_id: &str) -> Result<Vec<Availability>, ApiError> {
        let page: Collection<Availability> =
            self.get(&format!("/customers/{}/availabilities", encode(customer_id))).await?;
        Ok(page.items)
    }
}
