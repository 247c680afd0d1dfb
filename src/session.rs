//! Who is signed in, and which customer they are working on. Lives at the root so it survives
//! navigation; route components only read it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::Me;

use crate::api::{ApiClient, ApiError};
use crate::browser;

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server whether the session cookie is still good.
    Checking,
    /// `expired` when a session ended under the user, so sign-in can say why they are there.
    SignedOut {
        expired: bool,
    },
    /// The server could not be asked (offline, down); the shell offers to try again.
    Unavailable(ApiError),
    SignedIn(Me),
}

#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    customer_in_view: RwSignal<Option<String>>,
}

impl Session {
    pub fn provide() -> Self {
        let session = Session {
            state: RwSignal::new(SessionState::Checking),
            customer_in_view: RwSignal::new(None),
        };
        provide_context(session);
        session
    }

    /// Asks the server who the session cookie belongs to.
    pub fn check(&self, api: ApiClient) {
        let session = *self;
        session.state.set(SessionState::Checking);
        spawn_local(async move {
            match api.me().await {
                Ok(me) => session.signed_in(me),
                Err(e) if e.is_session_end() => {
                    session.state.set(SessionState::SignedOut { expired: false })
                }
                Err(e) => session.state.set(SessionState::Unavailable(e)),
            }
        });
    }

    pub fn signed_in(&self, me: Me) {
        let in_view = match &me.customer_id {
            // A customer user always works on their own customer.
            Some(own) => Some(own.clone()),
            None => browser::storage_get(&customer_key(&me.id)),
        };
        self.customer_in_view.set(in_view);
        self.state.set(SessionState::SignedIn(me));
    }

    /// Forgets the user. `expired` only applies to a session that was in use.
    pub fn end(&self, expired: bool) {
        let was_signed_in = matches!(self.state.get_untracked(), SessionState::SignedIn(_));
        if expired && !was_signed_in {
            return;
        }
        self.customer_in_view.set(None);
        self.state.set(SessionState::SignedOut { expired });
    }

    pub fn me(&self) -> Option<Me> {
        match self.state.get() {
            SessionState::SignedIn(me) => Some(me),
            _ => None,
        }
    }

    pub fn me_untracked(&self) -> Option<Me> {
        match self.state.get_untracked() {
            SessionState::SignedIn(me) => Some(me),
            _ => None,
        }
    }

    pub fn customer_in_view(&self) -> Option<String> {
        self.customer_in_view.get()
    }

    pub fn customer_in_view_untracked(&self) -> Option<String> {
        self.customer_in_view.get_untracked()
    }

    /// Partner users choose the customer they work on; the choice is remembered per user.
    pub fn set_customer_in_view(&self, customer_id: Option<String>) {
        if let SessionState::SignedIn(me) = self.state.get_untracked() {
            let key = customer_key(&me.id);
            match &customer_id {
                Some(id) => browser::storage_set(&key, id),
                None => browser::storage_remove(&key),
            }
        }
        self.customer_in_view.set(customer_id);
    }
}

fn customer_key(user_id: &str) -> String {
    format!("portal.customerInView.{user_id}")
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Where sign-in may send the user back to: a path of this app, never another site.
pub fn safe_return_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/signin") =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The sign-in address that comes back to `path` afterwards.
pub fn sign_in_path(path: &str) -> String {
    if path == "/" || path.is_empty() {
        "/signin".to_owned()
    } else {
        format!("/signin?next={}", String::from(js_sys::encode_uri_component(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_return_path(Some("/customers?size=2")), "/customers?size=2");
        assert_eq!(safe_return_path(None), "/");
        for hostile in [
            "https://evil.example",
            "//evil.example/x",
            "/\\evil.example",
            "/signin?next=/",
            "customers",
        ] {
            assert_eq!(safe_return_path(Some(hostile)), "/", "{hostile}");
        }
    }
}
