//! `/signin`: email and password, checked with the shared rules before any request.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_domain::LoginRequest;
use portal_domain::validation::Violation;

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{LanguageSelect, TextField, mutation, use_page_title};
use crate::i18n::use_i18n;
use crate::session::{SessionState, safe_return_path, use_session};

/// A field the form refuses, and why: by the shared rules, or because the server named it.
#[derive(Clone, PartialEq)]
struct FieldProblem {
    field: &'static str,
    violation: Option<Violation>,
}

#[component]
pub fn SignIn() -> impl IntoView {
    use_page_title(|t| t.sign_in().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let navigate = use_navigate();
    let query = use_query_map();

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());

    let login = mutation(move |request: LoginRequest| {
        let api = api.clone();
        async move {
            match api.login(&request).await {
                Ok(me) => session.signed_in(me),
                // The server refused fields the shared rules let through: mark them.
                Err(ApiError::Validation { fields, .. })
                    if fields.iter().any(|f| matches!(f.field.as_str(), "email" | "password")) =>
                {
                    problems.set(
                        ["email", "password"]
                            .into_iter()
                            .filter(|name| fields.iter().any(|f| f.field == *name))
                            .map(|field| FieldProblem { field, violation: None })
                            .collect(),
                    )
                }
                Err(e) => return Err(e),
            }
            Ok(())
        }
    });

    // Fetch the code of the page signing in leads to (if it is a chunk's) while the user types.
    crate::lazy::prefetch(&safe_return_path(query.read_untracked().get("next").as_deref()));

    // Signed in, now or already (the back button): go where the user was heading.
    Effect::new(move |_| {
        if let SessionState::SignedIn(_) = session.state.get() {
            let next = safe_return_path(query.read_untracked().get("next").as_deref());
            navigate(&next, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request =
            LoginRequest { email: email.get_untracked(), password: password.get_untracked() };
        let found: Vec<FieldProblem> = request
            .violations()
            .into_iter()
            .map(|(field, violation)| FieldProblem { field, violation: Some(violation) })
            .collect();
        if let Some(first) = found.first() {
            browser::focus(first.field);
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        login.dispatch(request);
    };

    let problem_of =
        move |field: &'static str| problems.with(|p| p.iter().find(|p| p.field == field).cloned());
    let field_message = move |field: &'static str| {
        problem_of(field).map(|p| match p.violation {
            Some(v) => t().violation(v),
            None => t().error_invalid_input.to_owned(),
        })
    };
    let refused = login.failure();
    let form_error = move || {
        if problems.with(Vec::is_empty) {
            refused()
        } else {
            Some(t().sign_in().fix_fields.to_owned())
        }
    };
    let session_ended =
        move || matches!(session.state.get(), SessionState::SignedOut { expired: true });

    view! {
        <main id="main" class="sign-in">
            <div class="sign-in-tools">
                <LanguageSelect />
            </div>
            <div class="card sign-in-card">
                <p class="brand">{move || t().app_name}</p>
                <h1>{move || t().sign_in().heading}</h1>
                <Show when=session_ended>
                    <p class="notice info" role="status">
                        {move || t().session_ended}
                    </p>
                </Show>
                <form on:submit=on_submit novalidate>
                    <TextField
                        id="email"
                        label=Signal::derive(move || t().sign_in().email)
                        value=email
                        error=Signal::derive(move || field_message("email"))
                        input_type="email"
                        autocomplete="username"
                        required=true
                    />
                    <TextField
                        id="password"
                        label=Signal::derive(move || t().sign_in().password)
                        value=password
                        error=Signal::derive(move || field_message("password"))
                        input_type="password"
                        autocomplete="current-password"
                        required=true
                    />
                    {move || {
                        form_error()
                            .map(|m| {
                                view! {
                                    <p class="notice error" role="alert">
                                        {m}
                                    </p>
                                }
                            })
                    }}
                    <button
                        type="submit"
                        class="button primary"
                        disabled=move || login.pending().get()
                    >
                        {move || {
                            if login.pending().get() {
                                t().sign_in().signing_in
                            } else {
                                t().sign_in().sign_in
                            }
                        }}
                    </button>
                </form>
            </div>
        </main>
    }
}
