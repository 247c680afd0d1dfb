use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

/// What every handler can reach. Cheap to clone; the server keeps no other state, so any number
/// of replicas can run behind a load balancer.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Wakes the provisioning worker after a checkout.
    pub provisioning: Arc<Notify>,
    pub clock: Clock,
}
