use portal_domain::{Collection, Customer};

use super::{ApiClient, ApiError};

/// The largest page the server gives; enough for the switcher until it gets a search box.
const PAGE: u32 = 500;

impl ApiClient {
    pub async fn customers(&self) -> Result<Vec<Customer>, ApiError> {
        let page: Collection<Customer> = self.get(&format!("/customers?size={PAGE}")).await?;
        Ok(page.items)
    }

    pub async fn customer(&self, id: &str) -> Result<Customer, ApiError> {
        self.get(&format!("/customers/{}", encode(id))).await
    }
}

/// Percent-encodes a path segment.
fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}
