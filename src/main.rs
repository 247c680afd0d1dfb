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
    leptos::mount::mount_to_body(app::App);
}
