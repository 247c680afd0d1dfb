//! Sign-in attempts per email address in a window: the account lockout.
//!
//! An attempt is counted *before* its password is checked, in one statement, so however many
//! sign-ins for one account arrive at once, at most [`MAX_ATTEMPTS`] passwords are checked in a
//! window. A successful sign-in clears the count.

use chrono::{DateTime, TimeDelta, Utc};

use crate::db::Db;
use crate::timestamp;

/// Password checks per account and window; the next attempt is refused until the window ends.
pub const MAX_ATTEMPTS: i64 = 5;
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);

/// What the count says about this attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Counted; the password may be checked.
    Allowed,
    /// The account has had its checks for this window; try again after this long.
    Locked(TimeDelta),
}

/// Counts one sign-in attempt for `email` (lower-case) and says whether its password may be
/// checked. An attempt after the window has ended starts a new window.
pub async fn take_attempt(db: &Db, email: &str, now: DateTime<Utc>) -> anyhow::Result<Attempt> {
    let window_ended = timestamp::to_text(now - WINDOW);
    // Guesses at made-up addresses each leave a row; drop the ones whose window has passed.
    sqlx::query("DELETE FROM login_throttle WHERE window_started_at <= $1")
        .bind(&window_ended)
        .execute(db)
        .await?;
    let (attempts, started): (i64, String) = sqlx::query_as(
        "INSERT INTO login_throttle (email, failed_attempts, window_started_at) VALUES ($1, 1, $2)
         ON CONFLICT (email) DO UPDATE SET
           failed_attempts = CASE WHEN login_throttle.window_started_at <= $3
                                  THEN 1 ELSE login_throttle.failed_attempts + 1 END,
           window_started_at = CASE WHEN login_throttle.window_started_at <= $3
                                    THEN $2 ELSE login_throttle.window_started_at END
         RETURNING failed_attempts, window_started_at",
    )
    .bind(email)
    .bind(timestamp::to_text(now))
    .bind(&window_ended)
    .fetch_one(db)
    .await?;
    if attempts <= MAX_ATTEMPTS {
        return Ok(Attempt::Allowed);
    }
    let window_ends = timestamp::parse(&started)? + WINDOW;
    Ok(Attempt::Locked((window_ends - now).max(TimeDelta::seconds(1))))
}

pub async fn clear(db: &Db, email: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE email = $1").bind(email).execute(db).await?;
    Ok(())
}
