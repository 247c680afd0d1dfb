//! Pages fetched when first visited. Each route below names the chunk its code is split into
//! (`#[wasm_split]`; the build's `scripts/build-wasm.sh` cuts the wasm at these functions), so the
//! first screen downloads only the shell, sign-in and the overview. A chunk that cannot be fetched
//! (offline, a deploy replaced it) shows an error with a retry instead of taking the app down:
//! the split functions are `fallible`, and a failed fetch is not remembered. Pointing at or
//! tabbing to a link of the navigation starts fetching its page's chunk (`prefetch`).

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

/// One route component per page: `Name => chunk: page component`. Each is a split function in
/// a module of its own named after the route, with `fetch` to fetch its chunk without showing it.
macro_rules! lazy_pages {
    ($($route:ident => $chunk:ident : $page:path),* $(,)?) => {
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
    };
}

// Few chunks rather than one per page: code two chunks share goes to a chunk of its own, so
// every extra split multiplies the small files a page needs.
lazy_pages! {
    Customers => customers: pages::Customers,
    CustomerDetail => customers: pages::CustomerDetail,
    Pricing => buying: pages::Pricing,
    CartPage => buying: pages::CartPage,
    Orders => buying: pages::Orders,
    OrderDetail => buying: pages::OrderDetail,
    Subscriptions => subscriptions: pages::Subscriptions,
    SubscriptionDetail => subscriptions: pages::SubscriptionDetail,
    AzureStack => subscriptions: pages::AzureStack,
    RegistrationDetail => subscriptions: pages::RegistrationDetail,
    Usage => usage: pages::Usage,
    Invoices => invoices: pages::Invoices,
    Unbilled => invoices: pages::Unbilled,
    InvoiceDetail => invoices: pages::InvoiceDetail,
    ApiKeys => settings: pages::ApiKeys,
    PartnerUsers => settings: pages::PartnerUsers,
    Activity => settings: pages::Activity,
    Account => settings: pages::Account,
    PartnerRequest => settings: pages::PartnerRequest,
    InvitationPage => settings: pages::InvitationPage,
    SetPassword => settings: pages::SetPassword,
}

/// Starts fetching the chunk of the page at `path` (a link's `href`), so that it is likely there
/// by the time the link is followed. Failures are ignored: following the link fetches again.
pub fn prefetch(path: &str) {
    // One page of each chunk will do: its pages share the file.
    let fetch: Fetch = match path.trim_start_matches('/').split(['/', '?']).next() {
        Some("customers") => Box::pin(Customers::fetch()),
        Some("pricing" | "cart" | "orders") => Box::pin(Pricing::fetch()),
        Some("subscriptions" | "azure-stack") => Box::pin(Subscriptions::fetch()),
        Some("usage") => Box::pin(Usage::fetch()),
        Some("invoices") => Box::pin(Invoices::fetch()),
        Some("settings" | "account") => Box::pin(ApiKeys::fetch()),
        _ => return,
    };
    // The browser's own executor: this also runs before Leptos has set up its own (main.rs).
    wasm_bindgen_futures::spawn_local(async move {
        let _ = fetch.await;
    });
}
