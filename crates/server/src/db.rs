//! The connection pool: one code path for SQLite and PostgreSQL through sqlx's Any driver.
//!
//! Queries use `$1` placeholders (both backends accept them), BIGINT integers and TEXT timestamps;
//! see the first migration for the conventions.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub type Db = AnyPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
        }
    }

    /// The database a pooled connection talks to, for the few statements whose SQL differs.
    pub fn of_connection(conn: &sqlx::AnyConnection) -> Self {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Opens the pool, creating the SQLite file (and its folder) on first use.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of_url(url)?;
    let url = match backend {
        Backend::Sqlite => prepare_sqlite_url(url)?,
        Backend::Postgres => url.to_owned(),
    };
    let options = AnyConnectOptions::from_str(&url).context("DATABASE_URL is not a valid URL")?;
    AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // WAL lets readers proceed while one writer writes; the busy timeout makes a
                    // second writer wait instead of failing; SQLite leaves foreign keys off unless asked.
                    // Under WAL, `synchronous = NORMAL` syncs at checkpoints instead of at every
                    // commit: a crash of the process loses nothing, a power cut may lose the last
                    // commits before it (never corrupts the file). PostgreSQL is the database
                    // where that matters (README, "Deploying").
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .context("could not connect to the database")
}

/// Makes sure the folder exists and that SQLite may create the file.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        anyhow::bail!("DATABASE_URL must name a SQLite file, e.g. sqlite://data/portal.db");
    }
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create the database folder {}", dir.display()))?;
    }
    Ok(if rest.contains("mode=") {
        url.to_owned()
    } else if rest.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
/// a deferred transaction that reads first and writes later can fail with SQLITE_BUSY instead of
/// waiting for a concurrent writer.
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    if db.connect_options().database_url.scheme().starts_with("sqlite") {
        db.begin_with("BEGIN IMMEDIATE").await
    } else {
        db.begin().await
    }
}

pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations").run(db).await.context("database migration failed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/sub/portal.db", dir.path().display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.path().join("sub").is_dir());
        let explicit = format!("sqlite://{}/p.db?mode=ro", dir.path().display());
        assert_eq!(prepare_sqlite_url(&explicit).unwrap(), explicit);
    }

    #[tokio::test]
    async fn sqlite_runs_with_wal_normal_sync_a_busy_timeout_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&format!("sqlite://{}/p.db", dir.path().display())).await.unwrap();
        let (mode,): (String,) =
            sqlx::query_as("PRAGMA journal_mode").fetch_one(&db).await.unwrap();
        let (timeout,): (i64,) =
            sqlx::query_as("PRAGMA busy_timeout").fetch_one(&db).await.unwrap();
        let (foreign_keys,): (i64,) =
            sqlx::query_as("PRAGMA foreign_keys").fetch_one(&db).await.unwrap();
        // 1 is NORMAL (2 is FULL, the default).
        let (synchronous,): (i64,) =
            sqlx::query_as("PRAGMA synchronous").fetch_one(&db).await.unwrap();
        assert_eq!((mode.as_str(), timeout, foreign_keys, synchronous), ("wal", 5000, 1, 1));
    }

    #[test]
    fn refuses_unknown_backends_and_memory() {
        assert!(Backend::of_url("mysql://x").is_err());
        assert!(prepare_sqlite_url("sqlite::memory:").is_err());
        assert_eq!(Backend::of_url("postgresql://x").unwrap(), Backend::Postgres);
    }
}
