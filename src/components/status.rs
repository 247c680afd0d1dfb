use leptos::prelude::*;

use portal_domain::subscription::SubscriptionStatus;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// A visible, announced loading state.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="status loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {move || i18n.t().loading}
        </p>
    }
}

/// An error in the user's language, announced, with a way to try again when that can help.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = error.clone();
    view! {
        <div class="notice error" role="alert">
            <p>{move || message.message(i18n.t())}</p>
            {retry
                .map(|retry| {
                    view! {
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| retry.run(())
                        >
                            {move || i18n.t().try_again}
                        </button>
                    }
                })}
        </div>
    }
}

/// A subscription's status as a badge; the colour only repeats what the word says.
pub fn subscription_badge(status: SubscriptionStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        SubscriptionStatus::Active => "badge done",
        SubscriptionStatus::Pending => "badge pending",
        SubscriptionStatus::Suspended | SubscriptionStatus::Deleted => "badge stopped",
    };
    view! { <span class=class>{move || i18n.t().subscription_status(status)}</span> }
}
