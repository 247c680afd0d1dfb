//! How a page shows what it reads from the server, the same way everywhere.

use std::time::Duration;

use leptos::prelude::*;

use super::{ErrorNotice, Loading};
use crate::api::ApiError;
use crate::i18n::use_i18n;

/// Data read from the server.
pub type Remote<T> = LocalResource<Result<T, ApiError>>;

/// How every page shows data it reads: loading at first, then the error with a way to try
/// again, or `ready` with the data. While it reloads, the previous data stays on screen.
pub fn remote_view<T, V>(
    data: Remote<T>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    remote_view_with(ViewFn::from(Loading), data, ready)
}

/// [`remote_view`] with its own loading state (nothing, for a banner that only sometimes
/// has something to say).
pub fn remote_view_with<T, V>(
    loading: ViewFn,
    data: Remote<T>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || {
            loading.run()
        }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(value) => ready(value).into_any(),
                        Err(error) => {
                            let retry = Callback::new(move |()| data.refetch());
                            view! { <ErrorNotice error=error retry=retry /> }.into_any()
                        }
                    })
            }}
        </Transition>
    }
}

/// Data about the customer in view; `None` when no customer is in view.
pub type CustomerData<T> = Remote<Option<T>>;

/// [`remote_view`] for a page about the customer in view, which says "choose a customer
/// first" when there is none.
pub fn customer_view<T, V>(
    data: CustomerData<T>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    remote_view(data, move |value| match value {
        Some(value) => ready(value).into_any(),
        None => {
            view! { <p class="notice info">{move || i18n.t().choose_customer_first}</p> }.into_any()
        }
    })
}

/// How often a page showing something being provisioned asks again.
const REFRESH: Duration = Duration::from_secs(2);

/// Refetches `resource` every `REFRESH` while `waiting` says so of what it read; stops when the
/// page goes.
pub fn refresh_while<T: Clone + 'static>(
    resource: Remote<T>,
    waiting: impl Fn(&T) -> bool + 'static,
) {
    Effect::new(move |_| {
        let again = resource.with(|value| matches!(value, Some(Ok(data)) if waiting(data)));
        if again && let Ok(handle) = set_timeout_with_handle(move || resource.refetch(), REFRESH) {
            on_cleanup(move || handle.clear());
        }
    });
}
