//! The active cart of the customer in view, in context at the root: the navigation shows its
//! size, the Pricing page adds to it and the Cart page edits it. It is read from the server
//! whenever the customer in view changes, so it follows the user to another browser.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::cart::{Cart, CartLineItemRequest, CartRequest, CartStatus};

use crate::api::{ApiClient, ApiError};
use crate::session::Session;

#[derive(Debug, Clone, PartialEq)]
// One value, held in one signal: its size does not matter (the lint fires on 64-bit only).
#[allow(clippy::large_enum_variant)]
pub enum CartState {
    Loading,
    /// The customer's active cart, if there is one.
    Ready(Option<Cart>),
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct CartContext {
    state: RwSignal<CartState>,
}

impl CartContext {
    pub fn provide(api: ApiClient, session: Session) -> Self {
        let context = CartContext { state: RwSignal::new(CartState::Loading) };
        Effect::new(move |_| {
            let customer = session.customer_in_view();
            // Users who reach only some subscriptions have no carts.
            let signed_in = session.me().is_some_and(|me| !me.is_subscription_scoped());
            context.reload(api.clone(), session, customer.filter(|_| signed_in));
        });
        provide_context(context);
        context
    }

    /// Loads the active cart of `customer` (none when there is no customer in view).
    pub fn reload(&self, api: ApiClient, session: Session, customer: Option<String>) {
        let state = self.state;
        let Some(customer) = customer else {
            state.set(CartState::Ready(None));
            return;
        };
        state.set(CartState::Loading);
        spawn_local(async move {
            let result = api.active_carts(&customer).await;
            // The user may have switched customer while this was loading.
            if session.customer_in_view_untracked().as_deref() != Some(customer.as_str()) {
                return;
            }
            state.set(match result {
                Ok(carts) => CartState::Ready(carts.into_iter().next()),
                Err(e) => CartState::Failed(e),
            });
        });
    }

    pub fn state(&self) -> CartState {
        self.state.get()
    }

    /// Number of lines, for the navigation.
    pub fn line_count(&self) -> usize {
        self.state.with(|s| match s {
            CartState::Ready(Some(cart)) => cart.line_items.len(),
            _ => 0,
        })
    }

    pub fn set(&self, cart: Option<Cart>) {
        self.state.set(CartState::Ready(cart.filter(|c| c.status == CartStatus::Active)));
    }

    /// Adds a line to the active cart, or starts one. A cart that expired meanwhile is replaced.
    pub async fn add(
        &self,
        api: &ApiClient,
        customer: &str,
        line: CartLineItemRequest,
    ) -> Result<Cart, ApiError> {
        let existing = match self.state.get_untracked() {
            CartState::Ready(Some(cart)) => Some(cart),
            _ => None,
        };
        let cart = match existing {
            Some(cart) => {
                let mut line_items: Vec<_> =
                    cart.line_items.iter().map(|l| l.to_request()).collect();
                line_items.push(line.clone());
                match api.update_cart(customer, &cart.id, &CartRequest { line_items }).await {
                    Err(ApiError::NotFound) => {
                        api.create_cart(customer, &CartRequest { line_items: vec![line] }).await?
                    }
                    other => other?,
                }
            }
            None => api.create_cart(customer, &CartRequest { line_items: vec![line] }).await?,
        };
        self.set(Some(cart.clone()));
        Ok(cart)
    }

    /// Saves the cart's lines as given and keeps the answer.
    pub async fn save(
        &self,
        api: &ApiClient,
        customer: &str,
        cart_id: &str,
        line_items: Vec<CartLineItemRequest>,
    ) -> Result<Cart, ApiError> {
        let cart = api.update_cart(customer, cart_id, &CartRequest { line_items }).await?;
        self.set(Some(cart.clone()));
        Ok(cart)
    }
}

pub fn use_cart() -> CartContext {
    expect_context::<CartContext>()
}
