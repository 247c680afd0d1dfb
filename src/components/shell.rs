//! The signed-in frame around every page: the session guard, the header with navigation, the
//! customer switcher, the language list and sign-out.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};
use portal_domain::Me;

use super::{CustomerSwitcher, ErrorNotice, LanguageSelect, Loading, mutation};
use crate::api::use_api;
use crate::browser;
use crate::cart_state::use_cart;
use crate::i18n::{format, use_i18n};
use crate::session::{SessionState, sign_in_path, use_session};
use crate::usage_alerts::use_usage_alerts;

/// Parent route of every page that needs a session. Without one it sends the user to sign-in,
/// which brings them back here afterwards.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let navigate = use_navigate();
    let location = use_location();

    Effect::new(move |_| {
        if let SessionState::SignedOut { .. } = session.state.get() {
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            navigate(&sign_in_path(&here), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    move || match session.state.get() {
        SessionState::SignedIn(me) => view! { <Layout me=me /> }.into_any(),
        SessionState::Unavailable(error) => {
            let api = api.clone();
            let retry = Callback::new(move |()| session.check(api.clone()));
            view! {
                <main class="centered">
                    <ErrorNotice error=error retry=retry />
                </main>
            }
            .into_any()
        }
        SessionState::Checking | SessionState::SignedOut { .. } => view! {
            <main class="centered">
                <Loading />
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Layout(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let t = move || i18n.t();
    let cart = use_cart();
    let is_partner = me.is_partner_user();
    let manages_keys = me.manages_api_keys();
    // Reaches only the subscriptions it holds a role on: those and their usage, nothing else.
    let scoped = me.is_subscription_scoped();
    let reads_activity = me.administers_customers();
    // Budget alerts are asked for again on every navigation, so the badge stays current.
    let alerts = use_usage_alerts();
    let location = use_location();
    // On a narrow screen the navigation and the user's controls sit behind a menu button.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        let _ = location.pathname.get();
        alerts.reload();
        menu_open.set(false);
    });
    let toggle_menu = move |_| {
        let opening = !menu_open.get_untracked();
        menu_open.set(opening);
        if opening {
            request_animation_frame(|| browser::focus_first_in("site-menu"));
        }
    };
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            browser::focus("menu-button");
        }
    };
    let role = me.roles.first().copied();
    let name = me.display_name.clone();
    // The page a link leads to starts loading as soon as the pointer or focus is on the link.
    fn prefetch_link(ev: &leptos::ev::Event) {
        if let Some(href) = browser::link_under(ev) {
            crate::lazy::prefetch(&href);
        }
    }
    let focus_main = move |ev: leptos::ev::MouseEvent| {
        // The router would treat `#main` as a navigation; move focus ourselves instead.
        ev.prevent_default();
        browser::focus("main");
    };
    view! {
        <a class="skip-link" href="#main" on:click=focus_main>
            {move || t().skip_to_content}
        </a>
        <header class="topbar" on:keydown=close_on_escape>
            <div class="topbar-row">
                <A href="/" exact=true>
                    <span class="brand">{move || t().app_name}</span>
                </A>
                <button
                    type="button"
                    id="menu-button"
                    class="menu-button button secondary"
                    aria-controls="site-menu"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=toggle_menu
                >
                    {move || t().menu}
                </button>
                <div id="site-menu" class="site-menu" class:open=move || menu_open.get()>
                    <nav
                        aria-label=move || t().main_navigation
                        on:pointerover=move |ev| prefetch_link(&ev)
                        on:focusin=move |ev| prefetch_link(&ev)
                    >
                        <ul class="nav-links">
                            <li>
                                <A href="/" exact=true>
                                    {move || t().nav_overview}
                                </A>
                            </li>
                            {(!scoped)
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/pricing">{move || t().nav_pricing}</A>
                                        </li>
                                        <li>
                                            <A href="/cart">
                                                {move || (t().cart_link)(t().nav_cart, cart.line_count())}
                                            </A>
                                        </li>
                                        <li>
                                            <A href="/orders">{move || t().nav_orders}</A>
                                        </li>
                                    }
                                })}
                            <li>
                                <A href="/subscriptions">{move || t().nav_subscriptions}</A>
                            </li>
                            <li>
                                <A href="/usage">
                                    {move || t().nav_usage}
                                    {move || {
                                        let unseen = alerts.unseen();
                                        (unseen > 0)
                                            .then(|| {
                                                view! {
                                                    <span class="badge alert" data-testid="usage-alert-badge">
                                                        <span aria-hidden="true">
                                                            {format::integer(&i18n.format_tag(), unseen as i64)}
                                                        </span>
                                                        <span class="visually-hidden">
                                                            {(t().usage_alerts_unseen)(unseen as i64)}
                                                        </span>
                                                    </span>
                                                }
                                            })
                                    }}
                                </A>
                            </li>
                            {(!scoped)
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/invoices">{move || t().nav_invoices}</A>
                                        </li>
                                        <li>
                                            <A href="/azure-stack">{move || t().nav_azure_stack}</A>
                                        </li>
                                    }
                                })}
                            {is_partner
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/customers">{move || t().nav_customers}</A>
                                        </li>
                                    }
                                })}
                            {(!is_partner && !scoped)
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/account">{move || t().nav_account}</A>
                                        </li>
                                    }
                                })}
                            {reads_activity
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/settings/activity">{move || t().nav_activity}</A>
                                        </li>
                                    }
                                })}
                            {manages_keys
                                .then(|| {
                                    view! {
                                        <li>
                                            <A href="/settings/users">{move || t().nav_users}</A>
                                        </li>
                                        <li>
                                            <A href="/settings/api-keys">{move || t().nav_api_keys}</A>
                                        </li>
                                    }
                                })}
                        </ul>
                    </nav>
                    <div class="user-area">
                        <p class="user">
                            {move || (t()
                                .signed_in_as)(
                                &name,
                                role.map(|r| t().role(r)).unwrap_or_default(),
                            )}
                        </p>
                        <SignOutButton />
                    </div>
                    <div class="tools">
                        {is_partner.then(|| view! { <CustomerSwitcher /> })} <LanguageSelect />
                    </div>
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1">
            // Announced while requests wait out the customer's rate limit (429); they are sent
            // again on their own.
            <div role="status">
                {move || {
                    let wait = api.rate_limit_wait.get();
                    (wait.calls > 0)
                        .then(|| {
                            view! {
                                <p class="notice info">
                                    {move || (t().rate_limit_waiting)(&wait.seconds.to_string())}
                                </p>
                            }
                        })
                }}
            </div>
            <Outlet />
        </main>
    }
}

/// Ends the session on the server first: a sign-out that only forgot the user in this tab would
/// leave a live cookie behind.
#[component]
fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let navigate = use_navigate();
    let sign_out = mutation(move |()| {
        let (api, navigate) = (api.clone(), navigate.clone());
        async move {
            match api.logout().await {
                Ok(()) => {
                    navigate("/signin", NavigateOptions::default());
                    session.end(false);
                    Ok(())
                }
                // Already ended on the server: the app has already signed itself out.
                Err(e) if e.is_session_end() => Ok(()),
                Err(e) => Err(e),
            }
        }
    });
    let failure = sign_out.failure();
    view! {
        <button
            type="button"
            class="button secondary"
            on:click=move |_| sign_out.dispatch(())
            disabled=sign_out.pending()
        >
            {move || i18n.t().sign_out}
        </button>
        {move || {
            failure()
                .map(|message| {
                    view! {
                        <p class="inline-error" role="alert">
                            {message}
                        </p>
                    }
                })
        }}
    }
}
