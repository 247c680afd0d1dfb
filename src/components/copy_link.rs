//! A link to pass on (an invitation, a password link), to select or copy.

use leptos::prelude::*;

use crate::browser;
use crate::i18n::use_i18n;

/// A link in a read-only field, to select or to copy with the button beside it.
#[component]
pub fn CopyLink(id: &'static str, label: Signal<&'static str>, url: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = {
        let url = url.clone();
        move |_| {
            browser::copy_text(&url);
            copied.set(true);
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input id=id type="text" class="copy-link" readonly=true prop:value=url />
        </div>
        <p>
            <button type="button" class="button secondary" on:click=copy>
                {move || i18n.t().copy_link}
            </button>
            " "
            <span role="status">{move || copied.get().then(|| i18n.t().copied)}</span>
        </p>
    }
}

/// Says whether the link was also emailed to `email` (the server emails when it has SMTP).
#[component]
pub fn EmailedHint(emailed: bool, email: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="hint">
            {move || {
                let t = i18n.t();
                if emailed { (t.link_emailed)(&email) } else { t.link_not_emailed.to_owned() }
            }}
        </p>
    }
}
