//! Signing in and out, and recognising a session from its cookie. The cookie holds a random secret; the
//! database holds only its SHA-256, with an idle timeout and an absolute lifetime.

use super::{Actor, caller, password, throttle, users};
use crate::{
    ServiceError, ServiceResult,
    audit::{self, AuditEntry, RequestMeta},
    entity::user_session,
};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
    sea_query::{Expr, IntoColumnRef, Query},
};
use sha2::{Digest, Sha256};

/// How long sessions live.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: Duration,
    /// Signed out this long after signing in, whatever the activity.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle: Duration::minutes(30), absolute: Duration::hours(12) }
    }
}

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown user, wrong password or deactivated account: one answer for all, so none can be told apart.
    #[error("wrong username or password")]
    Invalid,
    /// Too many failures; try again after this long.
    #[error("too many attempts; retry after {0} s")]
    Throttled(u64),
    /// Something else failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sea_orm::DbErr> for SignInError {
    fn from(err: sea_orm::DbErr) -> Self {
        SignInError::Service(err.into())
    }
}

/// A new session: the secret for the cookie (shown once) and who signed in.
#[derive(Debug)]
pub struct SignedIn {
    /// The cookie value.
    pub token: String,
    /// The user.
    pub actor: Actor,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Checks the credentials, subject to throttling, and opens a session; a session the browser already had is
/// ended, so the session id changes at sign-in. Every outcome is audited.
pub async fn sign_in(
    db: &DatabaseConnection,
    username: &str,
    candidate: &str,
    previous_token: Option<&str>,
    meta: &RequestMeta,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<SignedIn, SignInError> {
    let account = username.trim().to_lowercase().chars().take(64).collect::<String>();
    let client = meta.client_addr.as_deref().unwrap_or("-");
    // The narrowest key first: a client refused for one account counts nothing against the account's ceiling.
    let keys = [
        (format!("pair:{account}|{client}"), throttle::ACCOUNT_FROM_CLIENT),
        (format!("user:{account}"), throttle::ACCOUNT),
        (format!("addr:{client}"), throttle::CLIENT),
    ];
    let mut attempts = Vec::with_capacity(keys.len());
    for (key, rule) in &keys {
        match throttle::attempt(db, key, *rule, now).await? {
            Ok(attempt) => attempts.push(attempt),
            Err(wait) => {
                tracing::warn!(%key, "sign-in throttled");
                return Err(SignInError::Throttled(u64::try_from(wait.num_seconds()).unwrap_or(0).max(1)));
            }
        }
    }
    let user = users::find_by_username(db, username).await?;
    let valid = password::verify(user.as_ref().map(|u| u.password_hash.clone()), candidate).await;
    let txn = db.begin().await?;
    match user.filter(|u| valid && u.active) {
        Some(user) => {
            let actor = users::load_actor(&txn, &user).await?;
            let token = new_token();
            user_session::ActiveModel {
                id: Set(token_hash(&token)),
                user_id: Set(user.id),
                created_at: Set(now),
                last_seen_at: Set(now),
                expires_at: Set(now + policy.absolute),
                client_addr: Set(meta.client_addr.clone()),
            }
            .insert(&txn)
            .await?;
            if let Some(previous) = previous_token {
                user_session::Entity::delete_by_id(token_hash(previous)).exec(&txn).await?;
            }
            for attempt in &attempts {
                throttle::succeeded(&txn, attempt).await?;
            }
            audit::record(
                &txn,
                AuditEntry::new(Some(&actor), "auth.sign_in", "user", Some(user.id.to_string())),
                meta,
                now,
            )
            .await?;
            txn.commit().await?;
            Ok(SignedIn { token, actor })
        }
        None => {
            for attempt in &attempts {
                throttle::failed(&txn, attempt, now).await?;
            }
            let mut entry = AuditEntry::new(None, "auth.sign_in_failed", "user", None);
            entry.claimed_actor = Some(username.trim());
            audit::record(&txn, entry, meta, now).await?;
            txn.commit().await?;
            tracing::info!(username = %username.trim(), client = ?meta.client_addr, "sign-in failed");
            Err(SignInError::Invalid)
        }
    }
}

/// The actor of a session cookie, if the session is live; extends its idle timeout.
pub async fn actor_for_token(
    db: &DatabaseConnection,
    token: &str,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> ServiceResult<Option<Actor>> {
    use user_session::Column as S;
    let mut select = Query::select();
    select
        .from(user_session::Entity)
        .expr_as(Expr::col((user_session::Entity, S::Id)), "session_id")
        .expr_as(Expr::col((user_session::Entity, S::LastSeenAt)), "last_seen_at")
        .expr_as(Expr::col((user_session::Entity, S::ExpiresAt)), "expires_at")
        .and_where(S::Id.eq(token_hash(token)));
    caller::join_actor(&mut select, (user_session::Entity, S::UserId).into_column_ref());
    let rows = db.query_all(&select).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let id: String = first.try_get("", "session_id")?;
    let last_seen_at: DateTime<Utc> = first.try_get("", "last_seen_at")?;
    let expires_at: DateTime<Utc> = first.try_get("", "expires_at")?;
    if expires_at <= now || now - last_seen_at > policy.idle {
        user_session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let Some(actor) = caller::actor_of(&rows)? else { return Ok(None) };
    // Touch at most once a minute, so reads do not each write.
    if now - last_seen_at > Duration::minutes(1) {
        user_session::Entity::update_many()
            .col_expr(S::LastSeenAt, Expr::value(now))
            .filter(S::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(Some(actor))
}

/// Ends the session of this cookie on the server.
pub async fn sign_out(
    db: &DatabaseConnection,
    token: &str,
    actor: &Actor,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let txn = db.begin().await?;
    user_session::Entity::delete_many().filter(user_session::Column::Id.eq(token_hash(token))).exec(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::new(Some(actor), "auth.sign_out", "user", Some(actor.user_id.to_string())),
        meta,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
