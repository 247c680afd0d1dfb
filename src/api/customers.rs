use portal_domain::Customer;
use portal_domain::customer::{CustomerSummary, NewCustomer};

use super::{ApiClient, ApiError, encode};

/// Customers per page of the customers list.
const CUSTOMER_PAGE: usize = 50;

impl ApiClient {
    /// All the customers the user may see, in name order (the server's largest pages).
    pub async fn customers(&self) -> Result<Vec<Customer>, ApiError> {
        self.get_all("/customers?size=500").await
    }

    /// The first `pages` pages of the partner's customers whose relationship has one of
    /// `statuses` (comma-separated) and whose name, domain or Microsoft ID contains `search`;
    /// whether more follow.
    pub async fn find_customers(
        &self,
        search: &str,
        statuses: &str,
        pages: usize,
    ) -> Result<(Vec<Customer>, bool), ApiError> {
        let mut path =
            format!("/customers?size={CUSTOMER_PAGE}&relationshipStatus={}", encode(statuses));
        if !search.trim().is_empty() {
            path.push_str(&format!("&q={}", encode(search.trim())));
        }
        self.get_pages(&path, pages).await
    }

    /// Sent with `request_id`: a retry after a lost answer creates the customer once.
    pub async fn create_customer(
        &self,
        customer: &NewCustomer,
        request_id: &str,
    ) -> Result<Customer, ApiError> {
        self.post_once("/customers", customer, request_id).await
    }

    /// How many customers the partner has in each relationship status.
    pub async fn customer_summary(&self) -> Result<CustomerSummary, ApiError> {
        self.get("/customers/summary").await
    }

    pub async fn customer(&self, id: &str) -> Result<Customer, ApiError> {
        self.get(&format!("/customers/{}", encode(id))).await
    }
}
