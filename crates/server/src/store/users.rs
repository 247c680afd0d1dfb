use portal_domain::Role;
use sqlx::FromRow;

use crate::db::Db;
use crate::identity::User;
use crate::store::composed;
use crate::store::insert::Insert;

pub(crate) const USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.partner_id, u.customer_id, u.locale";

#[derive(Debug, FromRow)]
struct LoginRow {
    #[sqlx(flatten)]
    user: User,
    password_hash: String,
}

/// A user who may sign in and their password hash. `email` must already be lower-case.
/// Deactivated users and those who have not chosen a password yet are not found: signing in
/// as them fails like an unknown email.
pub async fn find_for_login(db: &Db, email: &str) -> sqlx::Result<Option<(User, String)>> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, u.password_hash FROM users u
         WHERE u.email = $1 AND u.deactivated_at IS NULL AND u.password_hash <> ''"
    );
    let row: Option<LoginRow> =
        sqlx::query_as(composed(&sql)).bind(email).fetch_optional(db).await?;
    match row {
        Some(LoginRow { user, password_hash }) => {
            Ok(Some((with_roles(db, user).await?, password_hash)))
        }
        None => Ok(None),
    }
}

/// Reads the user's roles into `user.roles`.
pub(crate) async fn with_roles(db: &Db, mut user: User) -> sqlx::Result<User> {
    let roles: Vec<(String,)> = sqlx::query_as("SELECT role FROM user_roles WHERE user_id = $1")
        .bind(&user.id)
        .fetch_all(db)
        .await?;
    // A role this build does not know (written by a newer one) grants nothing.
    user.roles = roles.iter().filter_map(|(r,)| r.parse().ok()).collect();
    user.roles.sort();
    Ok(user)
}

pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub partner_id: Option<&'a str>,
    pub customer_id: Option<&'a str>,
    pub locale: &'a str,
    pub roles: &'a [Role],
}

pub async fn exists(db: &Db, email: &str) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

pub async fn insert(
    tx: &mut sqlx::AnyConnection,
    user: &NewUser<'_>,
    now: &str,
) -> sqlx::Result<()> {
    Insert::into("users")
        .value("id", user.id)
        .value("email", user.email.to_lowercase())
        .value("display_name", user.display_name)
        .value("password_hash", user.password_hash)
        .value("partner_id", user.partner_id)
        .value("customer_id", user.customer_id)
        .value("locale", user.locale)
        .value("created_at", now)
        .execute(&mut *tx)
        .await?;
    for role in user.roles {
        Insert::into("user_roles")
            .value("user_id", user.id)
            .value("role", role.as_str())
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
