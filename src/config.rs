//! Runtime configuration, read from `/config.json` when the app starts, so one build of `dist/`
//! can be deployed to any static host against any API origin.

use gloo_net::http::Request;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    /// Origin of the REST API, e.g. `https://api.example.com`; empty for the page's own origin.
    #[serde(default)]
    pub api_base_url: String,
}

pub async fn load() -> Result<RuntimeConfig, ()> {
    let response = Request::get("/config.json").send().await.map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    response.json().await.map_err(|_| ())
}
