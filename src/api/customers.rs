use portal_domain::Customer;

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// All the customers the user may see, in name order (the server's largest pages).
    pub async fn customers(&self) -> Result<Vec<Customer>, ApiError> {
        self.get_all("/customers?size=500").await
    }

    pub async fn customer(&self, id: &str) -> Result<Customer, ApiError> {
        self.get(&format!("/customers/{}", encode(id))).await
    }
}
