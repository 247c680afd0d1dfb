use portal_domain::Collection;
use portal_domain::cart::{Cart, CartCheckoutResult, CartRequest};

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// The user's active carts for the customer, newest first.
    pub async fn active_carts(&self, customer_id: &str) -> Result<Vec<Cart>, ApiError> {
        let page: Collection<Cart> =
            self.get(&format!("/customers/{}/carts", encode(customer_id))).await?;
        Ok(page.items)
    }

    pub async fn create_cart(
        &self,
        customer_id: &str,
        request: &CartRequest,
    ) -> Result<Cart, ApiError> {
        self.post(&format!("/customers/{}/carts", encode(customer_id)), request).await
    }

    pub async fn update_cart(
        &self,
        customer_id: &str,
        cart_id: &str,
        request: &CartRequest,
    ) -> Result<Cart, ApiError> {
        self.put(&format!("/customers/{}/carts/{}", encode(customer_id), encode(cart_id)), request)
            .await
    }

    /// `request_id` identifies this checkout: sending it again after a lost answer returns the
    /// same result instead of ordering twice.
    pub async fn checkout(
        &self,
        customer_id: &str,
        cart_id: &str,
        request_id: &str,
    ) -> Result<CartCheckoutResult, ApiError> {
        let path = format!("/customers/{}/carts/{}/checkout", encode(customer_id), encode(cart_id));
        self.post_idempotent(&path, request_id).await
    }
}
