//! The root: language, configuration, session, API client and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiClient;
use crate::cart_state::CartContext;
use crate::components::{Loading, Shell};
use crate::config::{self, RuntimeConfig};
use crate::i18n::{I18n, use_i18n};
use crate::lazy::{
    Account, Activity, ApiKeys, AzureStack, CartPage, CustomerDetail, Customers, InvitationPage,
    InvoiceDetail, Invoices, OrderDetail, Orders, PartnerRequest, PartnerUsers, Pricing,
    RegistrationDetail, SetPassword, SubscriptionDetail, Subscriptions, Unbilled, Usage,
};
use crate::pages::{NotFound, Overview, SignIn};
use crate::session::Session;
use crate::usage_alerts::UsageAlerts;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let config = LocalResource::new(config::load);
    move || match config.get() {
        None => view! {
            <main class="centered">
                <Loading />
            </main>
        }
        .into_any(),
        Some(Ok(config)) => view! { <Portal config=config /> }.into_any(),
        Some(Err(())) => view! {
            <main class="centered">
                <p class="notice error" role="alert">
                    {move || i18n.t().error_config}
                </p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Portal(config: RuntimeConfig) -> impl IntoView {
    let session = Session::provide();
    let api = ApiClient::new(&config.api_base_url, session, use_i18n());
    provide_context(api.clone());
    CartContext::provide(api.clone(), session);
    UsageAlerts::provide(api.clone(), session);
    session.check(api);

    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/signin") view=SignIn />
                // Opened from an email by someone without an account yet.
                <Route path=path!("/invitation") view=InvitationPage />
                <Route path=path!("/set-password") view=SetPassword />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=Overview />
                    <Route path=path!("/customers") view=Customers />
                    <Route path=path!("/customers/:id") view=CustomerDetail />
                    <Route path=path!("/pricing") view=Pricing />
                    <Route path=path!("/cart") view=CartPage />
                    <Route path=path!("/orders") view=Orders />
                    <Route path=path!("/orders/:id") view=OrderDetail />
                    <Route path=path!("/subscriptions") view=Subscriptions />
                    <Route path=path!("/subscriptions/:id") view=SubscriptionDetail />
                    <Route path=path!("/usage") view=Usage />
                    <Route path=path!("/azure-stack") view=AzureStack />
                    <Route
                        path=path!("/azure-stack/:subscription/:group/:name")
                        view=RegistrationDetail
                    />
                    <Route path=path!("/invoices") view=Invoices />
                    <Route path=path!("/invoices/unbilled") view=Unbilled />
                    <Route path=path!("/invoices/:id") view=InvoiceDetail />
                    <Route path=path!("/settings/api-keys") view=ApiKeys />
                    <Route path=path!("/settings/users") view=PartnerUsers />
                    <Route path=path!("/settings/activity") view=Activity />
                    <Route path=path!("/account") view=Account />
                    <Route path=path!("/partner-request/:partner_id") view=PartnerRequest />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
