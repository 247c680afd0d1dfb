//! This month's budget alerts (usage past 80% or 100% of a customer's budget), in context at the
//! root: the navigation counts the ones the user has not seen, and the usage page shows them.
//! A customer user gets their own customer's; a partner user every customer's.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::usage::UsageAlert;

use crate::api::ApiClient;
use crate::browser;
use crate::session::Session;

#[derive(Clone, Copy)]
pub struct UsageAlerts {
    alerts: RwSignal<Vec<UsageAlert>>,
    /// The latest `raisedAt` the user has seen on the usage page, remembered per user.
    seen_until: RwSignal<Option<String>>,
    api: StoredValue<ApiClient>,
    session: Session,
}

fn seen_key(user_id: &str) -> String {
    format!("portal.alertsSeen.{user_id}")
}

impl UsageAlerts {
    pub fn provide(api: ApiClient, session: Session) -> Self {
        let context = UsageAlerts {
            alerts: RwSignal::new(Vec::new()),
            seen_until: RwSignal::new(None),
            api: StoredValue::new(api),
            session,
        };
        Effect::new(move |_| {
            let user = session.me().map(|me| me.id);
            context
                .seen_until
                .set(user.as_deref().and_then(|id| browser::storage_get(&seen_key(id))));
        });
        provide_context(context);
        context
    }

    /// Asks the server again (after a navigation or a budget change).
    pub fn reload(&self) {
        // Alerts are about the customer's budget, which users who reach only some subscriptions
        // do not see.
        let Some(me) = self.session.me_untracked().filter(|me| !me.is_subscription_scoped()) else {
            self.alerts.set(Vec::new());
            return;
        };
        let (alerts, api) = (self.alerts, self.api.get_value());
        spawn_local(async move {
            let result = match &me.customer_id {
                Some(own) => api.usage_alerts(own, None).await,
                None => api.partner_usage_alerts().await,
            };
            // The badge is a hint: when it cannot be read, the usage page still says it all.
            if let Ok(list) = result {
                alerts.try_set(list);
            }
        });
    }

    /// How many alerts were raised since the user last looked at the usage page.
    pub fn unseen(&self) -> usize {
        let seen = self.seen_until.get();
        self.alerts.with(|alerts| {
            alerts.iter().filter(|a| seen.as_ref().is_none_or(|s| a.raised_at > *s)).count()
        })
    }

    /// Called in an effect by the usage page, which shows every alert: alerts that arrive while
    /// it is open are seen too.
    pub fn mark_seen(&self) {
        let latest = self.alerts.with(|alerts| alerts.iter().map(|a| a.raised_at.clone()).max());
        if let (Some(latest), Some(me)) = (latest, self.session.me_untracked()) {
            browser::storage_set(&seen_key(&me.id), &latest);
            self.seen_until.set(Some(latest));
        }
    }
}

pub fn use_usage_alerts() -> UsageAlerts {
    expect_context::<UsageAlerts>()
}
