use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};

/// The language list; the choice is remembered in this browser.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field inline">
            <label for="language">{move || i18n.t().language}</label>
            <select
                id="language"
                prop:value=move || i18n.locale().code()
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(locale) = Locale::ALL.into_iter().find(|l| l.code() == code) {
                        i18n.set(locale);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.code() lang=locale.code()>
                                {locale.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
