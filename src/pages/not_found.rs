use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::use_page_title;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    use_page_title(|t| t.not_found_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <main id="main" class="centered">
            <div class="card">
                <h1>{move || t().not_found_title}</h1>
                <p>{move || t().not_found_body}</p>
                <A href="/">{move || t().back_to_overview}</A>
            </div>
        </main>
    }
}
