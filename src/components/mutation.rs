//! Changes the user starts (save, delete, add, place…), as Leptos actions of one shape.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// A change sent to the server: `pending()` while it runs, `value()` its last outcome.
///
/// Every mutation in the app has this one type, input `()` and output `Result<(), ApiError>`:
/// the closure reads what it sends from its signals and does what success means (close the
/// dialog, refetch, announce) before returning. An `Action`'s cost in the bundle is per
/// input/output pair (about 2 KB gzip each, measured), not per use, so one shape keeps the
/// twenty-odd mutations at the price of one.
pub type Mutation = Action<(), Result<(), ApiError>>;

/// A [`Mutation`] running `send` each time it is dispatched.
pub fn mutation<Fu>(send: impl Fn() -> Fu + 'static) -> Mutation
where
    Fu: Future<Output = Result<(), ApiError>> + 'static,
{
    Action::new_local(move |_: &()| send())
}

/// The last run's failure in the user's language, or `None` (never run, succeeded, or running
/// again: a new attempt hides the old failure, so a repeated one is announced again).
pub fn failure(mutation: Mutation) -> impl Fn() -> Option<String> + Copy {
    let i18n = use_i18n();
    move || {
        if mutation.pending().get() {
            return None;
        }
        mutation.value().with(|outcome| match outcome {
            Some(Err(e)) => Some(e.message(i18n.t())),
            _ => None,
        })
    }
}

/// The last run's failure, announced, where the form shows it (nothing otherwise).
#[component]
pub fn MutationError(mutation: Mutation) -> impl IntoView {
    let message = failure(mutation);
    move || {
        message().map(|m| {
            view! {
                <p class="notice error" role="alert">
                    {m}
                </p>
            }
        })
    }
}
