use portal_domain::{LoginRequest, Me};

use super::{ApiClient, ApiError};

impl ApiClient {
    pub async fn login(&self, request: &LoginRequest) -> Result<Me, ApiError> {
        self.post("/auth/login", request).await
    }

    pub async fn logout(&self) -> Result<(), ApiError> {
        self.post_empty("/auth/logout").await
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get("/me").await
    }
}
