//! The billing portal's single-page app. This file only mounts it; see `app.rs`.

mod api;
mod app;
mod browser;
mod cart_state;
mod components;
mod config;
mod i18n;
mod lazy;
mod pages;
mod session;
mod usage_alerts;

fn main() {
    console_error_panic_hook::set_once();
    // A deep link's page is fetched while the configuration and the session are being read,
    // rather than after. (Asking for the session first, before the page's dozen or so small
    // files, was measured too: no faster, since the page waits on those files either way.)
    if let Some(path) = browser::pathname() {
        lazy::prefetch(&path);
    }
    leptos::mount::mount_to_body(app::App);
}
