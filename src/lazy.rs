//! Pages fetched when first visited. Each route below names the chunk its code is split into
//! (`#[wasm_split]`; the build's `scripts/build-wasm.sh` cuts the wasm at these functions), so the
//! first screen downloads only the shell, sign-in and the overview. A chunk that cannot be fetched
//! (offline, a deploy replaced it) shows an error with a retry instead of taking the app down:
//! the split functions are `fallible`, and a failed fetch is not remembered. Pointing at or
//! tabbing to a link of the navigation starts fetching its page's chunk (`prefetch`).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
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

type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// Shows the page `load` fetches, a spinner while it comes, and an error with a retry if it
/// cannot.
#[component]
fn Chunk(load: fn() -> PageFuture) -> impl IntoView {
    let i18n = use_i18n();
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=Loading>
            {move || {
                attempt.track();
                Suspend::new(
                    SendWrapper::new(async move {
                        match load().await {
                            Ok(page) => page,
                            Err(ChunkError) => {
                                view! {
                                    <div class="notice error" role="alert">
                                        <p>{move || i18n.t().page_not_loaded}</p>
                                        <button
                                            type="button"
                                            on:click=move |_| attempt.update(|n| *n += 1)
                                        >
                                            {move || i18n.t().try_again}
                                        </button>
                                    </div>
                                }
                                    .into_any()
                            }
                        }
                    }),
                )
            }}
        </Suspense>
    }
}

/// One route component per page: `Name => chunk: page component`. Pages that share most of
/// their code (a list and its detail) share a chunk.
macro_rules! lazy_pages {
    ($($route:ident => $chunk:ident : $page:path),* $(,)?) => {
        /// The split points: calling one fetches its chunk first (once).
        #[allow(non_snake_case)]
        mod load {
            use super::*;
            $(
                #[wasm_split($chunk, fallible)]
                pub fn $route() -> Result<AnyView, ChunkError> {
                    Ok(view! { <$page /> }.into_any())
                }
            )*
        }
        $(
            #[component]
            pub fn $route() -> impl IntoView {
                view! { <Chunk load=|| Box::pin(load::$route()) /> }
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
    type Preload = Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;
    // `wasm_split` names each split function's preload `__wasm_split_preload_<function>`; one
    // function per chunk will do, since they fetch the same file.
    let preload: Preload = match path.trim_start_matches('/').split(['/', '?']).next() {
        Some("customers") => Box::pin(load::__wasm_split_preload_Customers()),
        Some("pricing" | "cart" | "orders") => Box::pin(load::__wasm_split_preload_Pricing()),
        Some("subscriptions" | "azure-stack") => {
            Box::pin(load::__wasm_split_preload_Subscriptions())
        }
        Some("usage") => Box::pin(load::__wasm_split_preload_Usage()),
        Some("invoices") => Box::pin(load::__wasm_split_preload_Invoices()),
        Some("settings" | "account") => Box::pin(load::__wasm_split_preload_ApiKeys()),
        _ => return,
    };
    // The browser's own executor: this also runs before Leptos has set up its own (main.rs).
    wasm_bindgen_futures::spawn_local(async move {
        let _ = preload.await;
    });
}
