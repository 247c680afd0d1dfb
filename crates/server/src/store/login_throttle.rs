//! Failed sign-ins per email address in a sliding window.

use time::OffsetDateTime;

use crate::db::Db;
use crate::timestamp;

/// Failed attempts after which sign-in is refused until the window ends.
pub const MAX_FAILURES: i64 = 5;
pub const WINDOW: time::Duration = time::Duration::minutes(15);

/// When the address is locked out, how long until it may try again.
pub async fn locked_for(
    db: &Db,
    email: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Option<time::Duration>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT failed_attempts, window_started_at FROM login_throttle WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db)
    .await?;
    let Some((failures, started)) = row else {
        return Ok(None);
    };
    let window_ends = timestamp::parse(&started)? + WINDOW;
    Ok((failures >= MAX_FAILURES && window_ends > now).then(|| window_ends - now))
}

/// Counts one failure; a failure after the window has ended starts a new window.
/// One statement, so concurrent failures are all counted.
pub async fn record_failure(db: &Db, email: &str, now: OffsetDateTime) -> sqlx::Result<()> {
    // Guesses at made-up addresses each leave a row; drop the ones whose window has passed.
    sqlx::query("DELETE FROM login_throttle WHERE window_started_at <= $1")
        .bind(timestamp::to_text(now - WINDOW))
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO login_throttle (email, failed_attempts, window_started_at) VALUES ($1, 1, $2)
         ON CONFLICT (email) DO UPDATE SET
           failed_attempts = CASE WHEN login_throttle.window_started_at <= $3
                                  THEN 1 ELSE login_throttle.failed_attempts + 1 END,
           window_started_at = CASE WHEN login_throttle.window_started_at <= $3
                                    THEN $2 ELSE login_throttle.window_started_at END",
    )
    .bind(email)
    .bind(timestamp::to_text(now))
    .bind(timestamp::to_text(now - WINDOW))
    .execute(db)
    .await?;
    Ok(())
}

pub async fn clear(db: &Db, email: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE email = $1").bind(email).execute(db).await?;
    Ok(())
}
