//! Personal API tokens for integrations: `Authorization: Bearer bdy_<secret>`. Only the SHA-256 of the secret is
//! stored; the owner sees the secret once, when creating the token.

use super::{Actor, caller};
use crate::{
    ServiceError, ServiceResult,
    audit::{self, AuditEntry, RequestMeta},
    entity::api_token,
};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use domain::{account::ApiTokenView, field::Problem, ids::ApiTokenId, text::Name};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
    sea_query::{Expr, IntoColumnRef, Query},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

const PREFIX: &str = "bdy_";

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn view(row: api_token::Model) -> ApiTokenView {
    ApiTokenView {
        id: ApiTokenId::from_uuid(row.id),
        name: row.name,
        prefix: row.prefix,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    }
}

/// Creates a token for the actor; returns it with its secret (shown once).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<(ApiTokenView, String)> {
    let name = Name::parse(name).map_err(|err| ServiceError::field("name", Problem::Text(err)))?;
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    let secret = format!("{PREFIX}{}", hex::encode(bytes));
    let txn = db.begin().await?;
    let row = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(actor.user_id.into_uuid()),
        name: Set(name.to_string()),
        token_hash: Set(hash(&secret)),
        prefix: Set(secret.chars().take(PREFIX.len() + 6).collect()),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let mut entry = AuditEntry::new(Some(actor), "token.create", "api_token", Some(row.id.to_string()));
    entry.after = Some(serde_json::json!({ "name": row.name, "prefix": row.prefix }));
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok((view(row), secret))
}

/// The actor's own tokens, newest first.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> ServiceResult<Vec<ApiTokenView>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(actor.user_id.into_uuid()))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Revokes one of the actor's own tokens; anyone else's token is "not found".
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ApiTokenId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let txn = db.begin().await?;
    let row = api_token::Entity::find_by_id(id.into_uuid())
        .filter(api_token::Column::UserId.eq(actor.user_id.into_uuid()))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.revoked_at.is_none() {
        let mut active: api_token::ActiveModel = row.into();
        active.revoked_at = Set(Some(now));
        active.update(&txn).await?;
        audit::record(&txn, AuditEntry::new(Some(actor), "token.revoke", "api_token", Some(id.to_string())), meta, now)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The actor a bearer secret stands for, if the token is live and its owner active.
pub async fn actor_for_secret(
    db: &DatabaseConnection,
    secret: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Option<Actor>> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    use api_token::Column as T;
    let mut select = Query::select();
    select
        .from(api_token::Entity)
        .expr_as(Expr::col((api_token::Entity, T::Id)), "token_id")
        .expr_as(Expr::col((api_token::Entity, T::LastUsedAt)), "last_used_at")
        .and_where(T::TokenHash.eq(hash(secret)))
        .and_where(T::RevokedAt.is_null());
    caller::join_actor(&mut select, (api_token::Entity, T::UserId).into_column_ref());
    let rows = db.query_all(&select).await?;
    let Some(actor) = caller::actor_of(&rows)? else { return Ok(None) };
    let Some(first) = rows.first() else { return Ok(None) };
    let id: Uuid = first.try_get("", "token_id")?;
    let last_used_at: Option<DateTime<Utc>> = first.try_get("", "last_used_at")?;
    // Recorded at most once a minute, so reads do not each write.
    if last_used_at.is_none_or(|used| now - used > Duration::minutes(1)) {
        api_token::Entity::update_many()
            .col_expr(T::LastUsedAt, Expr::value(Some(now)))
            .filter(T::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(Some(actor))
}
