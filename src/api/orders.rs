use portal_domain::Collection;
use portal_domain::order::{Order, OrderFailure};
use portal_domain::subscription::Subscription;

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// The orders of the partner's customers that could not be provisioned.
    pub async fn order_failures(&self) -> Result<Vec<OrderFailure>, ApiError> {
        Ok(self.get::<Collection<OrderFailure>>("/orders/failures").await?.items)
    }

    pub async fn orders(&self, customer_id: &str) -> Result<Vec<Order>, ApiError> {
        let page: Collection<Order> = self
            .get(&format!("/customers/{}/orders?include_price=true", encode(customer_id)))
            .await?;
        Ok(page.items)
    }

    pub async fn order(&self, customer_id: &str, order_id: &str) -> Result<Order, ApiError> {
        self.get(&format!(
            "/customers/{}/orders/{}?include_price=true",
            encode(customer_id),
            encode(order_id)
        ))
        .await
    }

    pub async fn subscriptions_of_order(
        &self,
        customer_id: &str,
        order_id: &str,
    ) -> Result<Vec<Subscription>, ApiError> {
        let path = format!(
            "/customers/{}/subscriptions?order_id={}",
            encode(customer_id),
            encode(order_id)
        );
        let page: Collection<Subscription> = self.get(&path).await?;
        Ok(page.items)
    }
}
