//! Azure Stack Hub registrations, their history, and the key registration tokens are signed
//! with.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use portal_domain::azure_stack::{BillingModel, Connection, RegistrationStatus};
use sqlx::FromRow;

use crate::db::Db;
use crate::store::composed;
use crate::store::insert::Insert;

/// The key named `name`, made on first use from two random UUIDs (244 random bits). Replicas
/// racing to make it all read the one that was written first.
pub async fn signing_key(db: &Db, name: &str, now: &str) -> sqlx::Result<Vec<u8>> {
    let read = || async {
        let found: Option<(String,)> =
            sqlx::query_as("SELECT secret FROM signing_keys WHERE name = $1")
                .bind(name)
                .fetch_optional(db)
                .await?;
        found
            .map(|(stored,)| {
                STANDARD
                    .decode(stored)
                    .map_err(|e| crate::store::unreadable("signing_keys.secret", e))
            })
            .transpose()
    };
    if let Some(key) = read().await? {
        return Ok(key);
    }
    let mut secret = uuid::Uuid::new_v4().as_bytes().to_vec();
    secret.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    Insert::into("signing_keys")
        .value("name", name)
        .value("secret", STANDARD.encode(&secret))
        .value("created_at", now)
        .then("ON CONFLICT (name) DO NOTHING")
        .execute(db)
        .await?;
    read().await?.ok_or(sqlx::Error::RowNotFound)
}

#[derive(Debug, Clone, FromRow)]
pub struct RegistrationRow {
    pub id: String,
    pub customer_id: String,
    pub azure_subscription_id: String,
    pub azure_subscription_name: String,
    pub resource_group: String,
    pub resource_group_location: String,
    pub name: String,
    pub cloud_id: String,
    #[sqlx(try_from = "String")]
    pub connection: Connection,
    #[sqlx(try_from = "String")]
    pub billing_model: BillingModel,
    pub agreement_number: Option<String>,
    pub node_count: i64,
    pub cores: i64,
    #[sqlx(try_from = "String")]
    pub status: RegistrationStatus,
    /// The hash of the last registration token it was made or changed with (disconnected).
    pub token_hash: Option<String>,
    pub version: i64,
    pub registered_at: String,
    pub registered_by: String,
    pub activated_at: Option<String>,
    pub last_reported_at: Option<String>,
    pub removed_at: Option<String>,
}

const SELECT: &str = "SELECT r.id, r.customer_id, r.azure_subscription_id, e.friendly_name AS azure_subscription_name, \
     r.resource_group, r.resource_group_location, r.name, r.cloud_id, r.connection, r.billing_model, r.agreement_number, r.node_count, r.cores, \
     r.status, r.token_hash, r.version, r.registered_at, r.registered_by, r.activated_at, r.last_reported_at, r.removed_at \
     FROM azure_stack_registrations r JOIN azure_entitlements e ON e.id = r.azure_subscription_id";

/// The live (not removed) registration `name` in the resource group; names compare without
/// case, as Azure's.
pub async fn find<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
    azure_subscription_id: &str,
    resource_group: &str,
    name: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    let sql = format!(
        "{SELECT} WHERE r.customer_id = $1 AND r.azure_subscription_id = $2
           AND LOWER(r.resource_group) = LOWER($3) AND LOWER(r.name) = LOWER($4) AND r.status <> 'removed'"
    );
    sqlx::query_as(composed(&sql))
        .bind(customer_id)
        .bind(azure_subscription_id)
        .bind(resource_group)
        .bind(name)
        .fetch_optional(db)
        .await
}

/// The customer's registrations, live ones first, newest first; removed ones too when asked.
pub async fn list(
    db: &Db,
    customer_id: &str,
    with_removed: bool,
) -> sqlx::Result<Vec<RegistrationRow>> {
    let sql = format!(
        "{SELECT} WHERE r.customer_id = $1 AND ($2 OR r.status <> 'removed')
         ORDER BY CASE WHEN r.status = 'removed' THEN 1 ELSE 0 END, r.registered_at DESC, r.id"
    );
    sqlx::query_as(composed(&sql)).bind(customer_id).bind(with_removed).fetch_all(db).await
}

/// The live registration of the deployment `cloud_id`, whatever its name.
pub async fn live_for_cloud<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    cloud_id: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    let sql = format!("{SELECT} WHERE LOWER(r.cloud_id) = LOWER($1) AND r.status <> 'removed'");
    sqlx::query_as(composed(&sql)).bind(cloud_id).fetch_optional(db).await
}

/// What a registration is made with.
pub struct NewRegistration<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub azure_subscription_id: &'a str,
    pub resource_group: &'a str,
    pub resource_group_location: &'a str,
    pub name: &'a str,
    pub cloud_id: &'a str,
    pub connection: Connection,
    pub billing_model: BillingModel,
    pub agreement_number: Option<&'a str>,
    pub node_count: i64,
    pub cores: i64,
    pub status: RegistrationStatus,
    pub token_hash: Option<&'a str>,
    pub now: &'a str,
    pub actor: &'a str,
}

/// Writes the registration; `Ok(None)` when a unique index refuses it (the name or the
/// deployment is registered already, or the token was used), which the caller tells apart.
pub async fn insert(
    tx: &mut sqlx::AnyConnection,
    new: &NewRegistration<'_>,
) -> sqlx::Result<Option<()>> {
    use crate::store::OnDuplicate;
    let activated_at = (new.status == RegistrationStatus::Activated).then_some(new.now);
    let done = Insert::into("azure_stack_registrations")
        .value("id", new.id)
        .value("customer_id", new.customer_id)
        .value("azure_subscription_id", new.azure_subscription_id)
        .value("resource_group", new.resource_group)
        .value("resource_group_location", new.resource_group_location)
        .value("name", new.name)
        .value("cloud_id", new.cloud_id)
        .value("connection", new.connection.as_str())
        .value("billing_model", new.billing_model.as_str())
        .value("agreement_number", new.agreement_number)
        .value("node_count", new.node_count)
        .value("cores", new.cores)
        .value("status", new.status.as_str())
        .value("token_hash", new.token_hash)
        .value("version", 1_i64)
        .value("registered_at", new.now)
        .value("registered_by", new.actor)
        .value("activated_at", activated_at)
        .execute(&mut *tx)
        .await
        .unless_duplicate()?;
    if done.is_none() {
        return Ok(None);
    }
    event(tx, new.id, new.now, new.actor, "registered").await?;
    Ok(Some(()))
}

/// Notes what just happened to the registration, with its terms as they now are.
pub async fn event(
    tx: &mut sqlx::AnyConnection,
    registration_id: &str,
    now: &str,
    actor: &str,
    change: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO azure_stack_registration_events
             (id, registration_id, at, actor, change, billing_model, agreement_number, node_count, cores)
         SELECT $1, id, $2, $3, $4, billing_model, agreement_number, node_count, cores
         FROM azure_stack_registrations WHERE id = $5",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(now)
    .bind(actor)
    .bind(change)
    .bind(registration_id)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn by_id<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: &str,
) -> sqlx::Result<RegistrationRow> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    sqlx::query_as(composed(&sql)).bind(id).fetch_one(db).await
}

/// New terms for a live registration.
pub struct Change<'a> {
    pub billing_model: BillingModel,
    pub agreement_number: Option<&'a str>,
    pub node_count: i64,
    pub cores: i64,
    /// The new token of a disconnected deployment (each is used once).
    pub token_hash: Option<&'a str>,
}

/// Applies the terms to `row` (still at its version); false when the token was used already or
/// the registration changed meanwhile. An expired Capacity registration renewed is active again.
pub async fn change(
    tx: &mut sqlx::AnyConnection,
    row: &RegistrationRow,
    change: &Change<'_>,
    now: &str,
    actor: &str,
) -> sqlx::Result<bool> {
    use crate::store::OnDuplicate;
    let done = sqlx::query(
        "UPDATE azure_stack_registrations
         SET billing_model = $1, agreement_number = $2, node_count = $3, cores = $4,
             token_hash = COALESCE($5, token_hash),
             status = CASE WHEN status <> 'expired' THEN status
                           WHEN activated_at IS NULL THEN 'registered' ELSE 'activated' END,
             version = version + 1
         WHERE id = $6 AND version = $7 AND status <> 'removed'",
    )
    .bind(change.billing_model.as_str())
    .bind(change.agreement_number)
    .bind(change.node_count)
    .bind(change.cores)
    .bind(change.token_hash)
    .bind(&row.id)
    .bind(row.version)
    .execute(&mut *tx)
    .await
    .unless_duplicate()?;
    if done.is_none_or(|d| d.rows_affected() == 0) {
        return Ok(false);
    }
    event(tx, &row.id, now, actor, "changed").await?;
    Ok(true)
}

/// The physical cores the customer's active Azure Stack Hub capacity subscriptions cover.
pub async fn capacity_cores(db: &Db, customer_id: &str) -> sqlx::Result<i64> {
    let (cores,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM subscriptions
         WHERE customer_id = $1 AND product_id = $2 AND status = 'active'",
    )
    .bind(customer_id)
    .bind(portal_domain::azure_stack::CAPACITY_PRODUCT_ID)
    .fetch_one(db)
    .await?;
    Ok(cores)
}

/// Marks expired the customer's live Capacity registrations that its active Azure Stack Hub
/// capacity no longer covers (after a capacity subscription ended, was suspended or reduced):
/// each stays expired until it is renewed with covering capacity.
pub async fn expire_uncovered(
    tx: &mut sqlx::AnyConnection,
    customer_id: &str,
    now: &str,
    actor: &str,
) -> sqlx::Result<()> {
    let expiring: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM azure_stack_registrations
         WHERE customer_id = $1 AND billing_model = 'Capacity' AND status IN ('registered', 'activated')
           AND cores > (SELECT COALESCE(SUM(quantity), 0) FROM subscriptions
                        WHERE customer_id = $1 AND product_id = $2 AND status = 'active')",
    )
    .bind(customer_id)
    .bind(portal_domain::azure_stack::CAPACITY_PRODUCT_ID)
    .fetch_all(&mut *tx)
    .await?;
    for (id,) in expiring {
        sqlx::query(
            "UPDATE azure_stack_registrations SET status = 'expired', version = version + 1 WHERE id = $1",
        )
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        event(tx, &id, now, actor, "expired").await?;
    }
    Ok(())
}

/// Marks the registration removed, if it is still live at `version`; false otherwise.
pub async fn remove(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    version: i64,
    now: &str,
    actor: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE azure_stack_registrations SET status = 'removed', removed_at = $1, version = version + 1
         WHERE id = $2 AND version = $3 AND status <> 'removed'",
    )
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    event(tx, id, now, actor, "removed").await?;
    Ok(true)
}

/// Whether the registration's terms were set (registered or changed) after `issued_at`: a token
/// issued before then is stale, even if it was never used.
pub async fn terms_newer_than<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: &str,
    issued_at: &str,
) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM azure_stack_registration_events
         WHERE registration_id = $1 AND change IN ('registered', 'changed') AND at > $2 LIMIT 1",
    )
    .bind(id)
    .bind(issued_at)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// One line of a registration's history.
#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub change: String,
    #[sqlx(try_from = "String")]
    pub billing_model: BillingModel,
    pub agreement_number: Option<String>,
    pub node_count: i64,
    pub cores: i64,
}

pub async fn events(db: &Db, registration_id: &str) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT at, actor, change, billing_model, agreement_number, node_count, cores
         FROM azure_stack_registration_events WHERE registration_id = $1 ORDER BY at, id",
    )
    .bind(registration_id)
    .fetch_all(db)
    .await
}

/// Gives the disconnected registration a new activation key (only its hash is kept; a newer key
/// replaces the older). False when it is not a live disconnected registration.
pub async fn set_activation_key(db: &Db, id: &str, key_hash: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE azure_stack_registrations SET activation_key_hash = $1
         WHERE id = $2 AND connection = 'disconnected' AND status <> 'removed'",
    )
    .bind(key_hash)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The live registration this activation key was issued for.
pub async fn by_activation_key<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    key_hash: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    let sql = format!("{SELECT} WHERE r.activation_key_hash = $1 AND r.status <> 'removed'");
    sqlx::query_as(composed(&sql)).bind(key_hash).fetch_optional(db).await
}

/// Marks the registration activated by its deployment (once; presenting the key again changes
/// nothing).
pub async fn activate(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    now: &str,
    actor: &str,
) -> sqlx::Result<()> {
    let done = sqlx::query(
        "UPDATE azure_stack_registrations SET status = 'activated', activated_at = $1, version = version + 1
         WHERE id = $2 AND status = 'registered'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        event(tx, id, now, actor, "activated").await?;
    }
    Ok(())
}

/// Notes that the deployment reported in.
pub async fn reported(db: &Db, id: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE azure_stack_registrations SET last_reported_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// The customer's live registration of the deployment `cloud_id`.
pub async fn live_for_customer_cloud<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
    cloud_id: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    let sql = format!(
        "{SELECT} WHERE r.customer_id = $1 AND LOWER(r.cloud_id) = LOWER($2) AND r.status <> 'removed'"
    );
    sqlx::query_as(composed(&sql)).bind(customer_id).bind(cloud_id).fetch_optional(db).await
}
