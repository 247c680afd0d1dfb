//! Pages opened from a link someone was sent (an invitation, a password link): outside the
//! shell, in a card like sign-in's, the link's secret read from the address's `#` fragment,
//! which browsers never send to a server.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::LanguageSelect;
use super::async_data::Remote;
use crate::api::{ApiClient, ApiError, use_api};
use crate::i18n::use_i18n;

/// The token after `#` in the address.
pub fn link_token() -> String {
    use_location().hash.get_untracked().trim_start_matches('#').to_owned()
}

/// What `token` opens, read once with `open`: `None` when the address has no token or the
/// server knows none (404), so the page can say the link is not right.
pub fn open_link<T, Fut>(
    token: &str,
    open: impl Fn(ApiClient, String) -> Fut + Copy + 'static,
) -> Remote<Option<T>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let token = token.to_owned();
    LocalResource::new(move || {
        let (api, token) = (api.clone(), token.clone());
        async move {
            if token.is_empty() {
                return Ok(None);
            }
            match open(api, token).await {
                Ok(found) => Ok(Some(found)),
                Err(ApiError::NotFound) => Ok(None),
                Err(e) => Err(e),
            }
        }
    })
}

/// The card a link's page shows; `wide` for one that explains more than a form.
#[component]
pub fn LinkCard(#[prop(optional)] wide: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let class = if wide { "card invitation-card" } else { "card sign-in-card" };
    view! {
        <main id="main" class="sign-in">
            <div class="sign-in-tools">
                <LanguageSelect />
            </div>
            <div class=class>
                <p class="brand">{move || i18n.t().app_name}</p>
                {children()}
            </div>
        </main>
    }
}
