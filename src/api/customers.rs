use portal_domain::Customer;
use portal_domain::customer::NewCustomer;

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// All the customers the user may see, in name order (the server's largest pages).
    pub async fn customers(&self) -> Result<Vec<Customer>, ApiError> {
        self.get_all("/customers?size=500").await
    }

    /// The customers created by the partner whose relationship is not accepted yet.
    pub async fn pending_customers(&self) -> Result<Vec<Customer>, ApiError> {
        self.get_all("/customers?relationshipStatus=pending&size=500").await
    }

    pub async fn create_customer(&self, customer: &NewCustomer) -> Result<Customer, ApiError> {
        self.post("/customers", customer).await
    }

    pub async fn customer(&self, id: &str) -> Result<Customer, ApiError> {
        self.get(&format!("/customers/{}", encode(id))).await
    }
}
