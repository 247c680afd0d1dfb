//! Pages fetched when first visited. Each route below names the chunk its code is split into
//! (`#[wasm_split]`; the build's `scripts/build-wasm.sh` cuts the wasm at these functions), so the
//! first screen downloads only the shell, sign-in and the overview. (The overview as a chunk
//! too was measured: the code it shares with other pages became 43 more small files, and the
//! first screen grew by 59 KB.) A chunk that cannot be fetched (offline, a deploy replaced it)
//! shows an error with a retry instead of taking the app down: the split functions are
//! `fallible`, and a failed fetch is not remembered. Pointing at or tabbing to a link of the
//! navigation starts fetching its page's chunk (`prefetch`).

use std::future::Future;
use std::pin::Pin;

use futures::FutureExt;
use leptos::prelude::*;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use crate::components::Loading;
use crate::i18n::use_i18n;
use crate::pages;

/// A chunk's code could not be fetched or instantiated (the browser's console says why).
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}

type Fetch = Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

#[derive(Clone, Copy, PartialEq)]
enum ChunkState {
    Fetching,
    Failed,
    Fetched,
}

/// Fetches a page's chunk (`fetch`), showing a spinner meanwhile and an error with a retry if it
/// cannot, then shows the page (`page`, which runs at once since its chunk is there). No
/// Suspense: a Suspense here would also wait on every resource the page reads, and put its
/// spinner in place of the whole page (dialogs, focus and all) each time one reloads.
#[component]
fn Chunk(fetch: fn() -> Fetch, page: fn() -> Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(ChunkState::Fetching);
    let start = move || {
        let mut fetching = fetch();
        // A chunk fetched before (or prefetched) is there already: no spinner for a frame.
        match (&mut fetching).now_or_never() {
            Some(result) => {
                state.set(if result.is_ok() { ChunkState::Fetched } else { ChunkState::Failed })
            }
            None => {
                state.set(ChunkState::Fetching);
                leptos::task::spawn_local(async move {
                    let fetched = fetching.await.is_ok();
                    // The user may have left the page meanwhile.
                    state.try_set(if fetched { ChunkState::Fetched } else { ChunkState::Failed });
                });
            }
        }
    };
    start();
    let failed = move || {
        view! {
            <div class="notice error" role="alert">
                <p>{move || i18n.t().page_not_loaded}</p>
                <button type="button" on:click=move |_| start()>
                    {move || i18n.t().try_again}
                </button>
            </div>
        }
        .into_any()
    };
    move || match state.get() {
        ChunkState::Fetching => view! { <Loading /> }.into_any(),
        // The page's own reads must not make this closure run again (and build a new page).
        ChunkState::Fetched => untrack(page).unwrap_or_else(failed),
        ChunkState::Failed => failed(),
    }
}

/// One route component per page: `Name at "/path" => chunk: page component`, where the path is
/// the route's (app.rs) up to its first parameter. Each is a split function in a module of its
/// own named after the route, with `fetch` to fetch its chunk without showing it; `prefetch`
/// finds a path's route in the same rows.
macro_rules! lazy_pages {
    ($($route:ident at $path:literal => $chunk:ident : $page:path),* $(,)?) => {
        $(
            #[allow(non_snake_case)]
            mod $route {
                use super::*;
                #[wasm_split($chunk, fallible, preload(fetch))]
                pub fn $route() -> Result<AnyView, ChunkError> {
                    Ok(view! { <$page /> }.into_any())
                }
            }
            #[component]
            pub fn $route() -> impl IntoView {
                view! {
                    <Chunk
                        fetch=|| Box::pin($route::fetch())
                        page=|| $route::$route().now_or_never().and_then(Result::ok)
                    />
                }
            }
        )*

        /// Starts fetching the chunk of the page at `path` (a link's `href`), so that it is
        /// likely there by the time the link is followed. Failures are ignored: following the
        /// link fetches again.
        pub fn prefetch(path: &str) {
            let fetch: Fetch = $(if leads_to(path, $path) { Box::pin($route::fetch()) } else)* {
                return;
            };
            // The browser's own executor: this also runs before Leptos has set up its own
            // (main.rs).
            wasm_bindgen_futures::spawn_local(async move {
                let _ = fetch.await;
            });
        }
    };
}

/// Whether `path` is `route_path` or a path below it (`/customers/abc`, `/customers?page=2`).
fn leads_to(path: &str, route_path: &str) -> bool {
    path.strip_prefix(route_path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
}

// Few chunks rather than one per page: code two chunks share goes to a chunk of its own, so
// every extra split multiplies the small files a page needs.
lazy_pages! {
    Customers at "/customers" => customers: pages::Customers,
    CustomerDetail at "/customers" => customers: pages::CustomerDetail,
    Pricing at "/pricing" => buying: pages::Pricing,
    CartPage at "/cart" => buying: pages::CartPage,
    Orders at "/orders" => buying: pages::Orders,
    OrderDetail at "/orders" => buying: pages::OrderDetail,
    Subscriptions at "/subscriptions" => subscriptions: pages::Subscriptions,
    SubscriptionDetail at "/subscriptions" => subscriptions: pages::SubscriptionDetail,
    AzureStack at "/azure-stack" => subscriptions: pages::AzureStack,
    RegistrationDetail at "/azure-stack" => subscriptions: pages::RegistrationDetail,
    Usage at "/usage" => usage: pages::Usage,
    Invoices at "/invoices" => invoices: pages::Invoices,
    Unbilled at "/invoices/unbilled" => invoices: pages::Unbilled,
    InvoiceDetail at "/invoices" => invoices: pages::InvoiceDetail,
    ApiKeys at "/settings/api-keys" => settings: pages::ApiKeys,
    PartnerUsers at "/settings/users" => settings: pages::PartnerUsers,
    Activity at "/settings/activity" => settings: pages::Activity,
    Account at "/account" => settings: pages::Account,
    PartnerRequest at "/partner-request" => settings: pages::PartnerRequest,
    InvitationPage at "/invitation" => settings: pages::InvitationPage,
    SetPassword at "/set-password" => settings: pages::SetPassword,
}

#[cfg(test)]
mod tests {
    use super::leads_to;

    #[test]
    fn a_path_leads_to_its_route_and_the_paths_below_it() {
        for path in ["/customers", "/customers/abc", "/customers?page=2"] {
            assert!(leads_to(path, "/customers"), "{path}");
        }
        for path in ["/customer", "/customers-old", "/", "/cart"] {
            assert!(!leads_to(path, "/customers"), "{path}");
        }
    }
}
