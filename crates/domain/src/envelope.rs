//! The envelope every Partner Center resource and collection carries (reference §1.3, §1.5).

use serde::{Deserialize, Serialize};

/// `attributes` on every resource: its type name and, where it supports concurrency control, its etag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    pub object_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

impl Attributes {
    pub fn of(object_type: &str) -> Self {
        Self { object_type: object_type.to_owned(), etag: None }
    }
}

/// A header the client must send when following a link (e.g. `MS-ContinuationToken`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkHeader {
    pub key: String,
    pub value: String,
}

/// A named link. URIs are relative to the API root and omit `/v1`, as Partner Center does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub uri: String,
    pub method: String,
    #[serde(default)]
    pub headers: Vec<LinkHeader>,
}

impl Link {
    pub fn get(uri: impl Into<String>) -> Self {
        Self { uri: uri.into(), method: "GET".to_owned(), headers: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Link>,
}

/// A Partner Center collection. `totalCount` is the number of items in this page (reference §1.5,
/// §7.7), not a grand total. Seek-paged collections add `continuationToken`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    pub total_count: usize,
    pub items: Vec<T>,
    pub links: CollectionLinks,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuation_token: Option<String>,
    pub attributes: Attributes,
}

impl<T> Collection<T> {
    /// One page of items; `self_uri` is the relative URI that produced it.
    pub fn page(items: Vec<T>, self_uri: impl Into<String>) -> Self {
        Self {
            total_count: items.len(),
            items,
            links: CollectionLinks { self_link: Link::get(self_uri), next: None, previous: None },
            continuation_token: None,
            attributes: Attributes::of("Collection"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_serialises_in_partner_center_shape() {
        let page = Collection::page(vec![1, 2], "/customers");
        let json = serde_json::to_value(&page).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "totalCount": 2,
                "items": [1, 2],
                "links": { "self": { "uri": "/customers", "method": "GET", "headers": [] } },
                "attributes": { "objectType": "Collection" }
            })
        );
    }

    #[test]
    fn etag_is_omitted_when_absent() {
        let json = serde_json::to_value(Attributes::of("Customer")).unwrap();
        assert_eq!(json, serde_json::json!({ "objectType": "Customer" }));
    }
}
