//! The audit trail: every change, sign-in and download, appended in the same transaction as what it records,
//! each row carrying the SHA-256 of the previous one so any later edit, deletion or reordering is detectable.

use crate::{
    ServiceError, ServiceResult,
    access::{Actor, Scope},
    entity::{audit_event, audit_head, org_unit},
};
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use domain::{account::AuditEventView, org::Timezone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
    sea_query::{Expr, ExprTrait, Query},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Where a request came from, for the trail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestMeta {
    /// The `x-request-id` of the HTTP request.
    pub request_id: Option<String>,
    /// The client's address.
    pub client_addr: Option<String>,
}

/// One thing that happened.
#[derive(Clone, Debug)]
pub struct AuditEntry<'a> {
    /// Who did it; `None` for the system (CLI, start-up, jobs).
    pub actor: Option<&'a Actor>,
    /// For failed sign-ins: the name that was tried, since there is no actor.
    pub claimed_actor: Option<&'a str>,
    /// What happened, e.g. `user.create`, `auth.sign_in`.
    pub action: &'a str,
    /// The kind of object, e.g. `user`, `org_unit`.
    pub object_type: &'a str,
    /// The object's id.
    pub object_id: Option<String>,
    /// The Pemda the object belongs to (tenant key).
    pub pemda_id: Option<Uuid>,
    /// The object before the change.
    pub before: Option<serde_json::Value>,
    /// The object after the change.
    pub after: Option<serde_json::Value>,
}

impl<'a> AuditEntry<'a> {
    /// An entry for `action` on an object, by `actor`, with no before/after yet.
    pub fn new(actor: Option<&'a Actor>, action: &'a str, object_type: &'a str, object_id: Option<String>) -> Self {
        Self { actor, claimed_actor: None, action, object_type, object_id, pemda_id: None, before: None, after: None }
    }

    /// An entry by `actor` on a tenant's object: `object_type` `id` of the Pemda `pemda_id`.
    pub fn by(actor: &'a Actor, action: &'a str, object_type: &'a str, id: Uuid, pemda_id: Uuid) -> Self {
        Self { pemda_id: Some(pemda_id), ..Self::new(Some(actor), action, object_type, Some(id.to_string())) }
    }
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn link_hash(row: &audit_event::Model) -> String {
    let fields = [
        row.id.to_string(),
        row.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        row.actor_id.map(|id| id.to_string()).unwrap_or_default(),
        row.actor.clone(),
        row.action.clone(),
        row.object_type.clone(),
        row.object_id.clone().unwrap_or_default(),
        row.pemda_id.map(|id| id.to_string()).unwrap_or_default(),
        row.before.clone().unwrap_or_default(),
        row.after.clone().unwrap_or_default(),
        row.request_id.clone().unwrap_or_default(),
        row.client_addr.clone().unwrap_or_default(),
    ];
    let mut hasher = Sha256::new();
    hasher.update(row.prev_hash.as_bytes());
    for field in fields {
        // Length-prefixed so no two different rows serialise to the same bytes.
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Appends `entry`. Call it inside the transaction of the change it records: the head row's update takes the
/// write lock, so concurrent appends queue up instead of forking the chain.
pub async fn record(
    txn: &impl ConnectionTrait,
    entry: AuditEntry<'_>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::LastSeq, Expr::col(audit_head::Column::LastSeq).add(1))
        .filter(audit_head::Column::Id.eq(1))
        .exec(txn)
        .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::Invalid("audit head row is missing".into()))?;
    let actor = match (entry.actor, entry.claimed_actor) {
        (Some(actor), _) => actor.username.clone(),
        (None, Some(claimed)) => claimed.chars().take(64).collect(),
        (None, None) => "sistem".to_owned(),
    };
    let mut row = audit_event::Model {
        id: head.last_seq,
        occurred_at: now.trunc_subsecs(6),
        actor_id: entry.actor.map(|a| a.user_id.into_uuid()),
        actor,
        action: entry.action.to_owned(),
        object_type: entry.object_type.to_owned(),
        object_id: entry.object_id,
        pemda_id: entry.pemda_id,
        before: entry.before.map(|v| v.to_string()),
        after: entry.after.map(|v| v.to_string()),
        request_id: meta.request_id.clone(),
        client_addr: meta.client_addr.clone(),
        prev_hash: head.last_hash.clone(),
        hash: String::new(),
    };
    row.hash = link_hash(&row);
    let hash = row.hash.clone();
    audit_event::ActiveModel::from(row).insert(txn).await?;
    let mut head: audit_head::ActiveModel = head.into();
    head.last_hash = Set(hash);
    head.update(txn).await?;
    Ok(())
}

/// Which events to list.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only this action.
    pub action: Option<String>,
    /// Only objects of this type.
    pub object_type: Option<String>,
    /// Only this object.
    pub object_id: Option<String>,
    /// Only this actor (username).
    pub actor: Option<String>,
    /// Only events older than this sequence number (keyset paging, newest first).
    pub before: Option<i64>,
}

/// Events about Pemdas inside `scope` (all events for an install-wide scope), newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &AuditFilter,
    limit: u64,
) -> ServiceResult<Vec<AuditEventView>> {
    let mut query = audit_event::Entity::find().order_by_desc(audit_event::Column::Id).limit(limit);
    if !scope.is_install_wide() {
        let within = scope.condition(org_unit::Column::Path);
        let pemdas = Query::select().column(org_unit::Column::Id).from(org_unit::Entity).cond_where(within).to_owned();
        query = query.filter(audit_event::Column::PemdaId.in_subquery(pemdas));
    }
    let exact = [
        (audit_event::Column::Action, &filter.action),
        (audit_event::Column::ObjectType, &filter.object_type),
        (audit_event::Column::ObjectId, &filter.object_id),
        (audit_event::Column::Actor, &filter.actor),
    ];
    for (column, value) in exact {
        if let Some(value) = value {
            query = query.filter(column.eq(value.as_str()));
        }
    }
    if let Some(before) = filter.before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    let rows = query.all(db).await?;
    let zones = pemda_zones(db, rows.iter().filter_map(|row| row.pemda_id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| AuditEventView {
            id: row.id,
            occurred_at: row.occurred_at,
            timezone: row.pemda_id.and_then(|pemda| zones.get(&pemda).copied()),
            actor: row.actor,
            action: row.action,
            object_type: row.object_type,
            object_id: row.object_id,
            before: row.before,
            after: row.after,
            request_id: row.request_id,
            client_addr: row.client_addr,
        })
        .collect())
}

/// The time zones of these Pemdas, in one query (a page of events names at most a page of Pemdas).
async fn pemda_zones(
    db: &impl ConnectionTrait,
    pemdas: impl Iterator<Item = Uuid>,
) -> ServiceResult<std::collections::HashMap<Uuid, Timezone>> {
    let ids: std::collections::BTreeSet<Uuid> = pemdas.collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let rows = org_unit::Entity::find().filter(org_unit::Column::Id.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().filter_map(|row| Some((row.id, row.timezone?.parse().ok()?))).collect())
}

/// The history of one object, newest first. Callers check first that the reader may see the object.
pub async fn history(
    db: &impl ConnectionTrait,
    object_type: &str,
    object_id: &str,
    limit: u64,
) -> ServiceResult<Vec<AuditEventView>> {
    let filter = AuditFilter {
        object_type: Some(object_type.to_owned()),
        object_id: Some(object_id.to_owned()),
        ..AuditFilter::default()
    };
    list(db, &Scope::install_wide(), &filter, limit).await
}

/// Why the chain does not verify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// A row's content does not match its hash (edited).
    #[error("event {0} was altered: its content does not match its hash")]
    Altered(i64),
    /// A row does not point at the hash of the row before it (deleted, inserted or re-hashed rows).
    #[error("event {0} does not follow the event before it")]
    Unlinked(i64),
    /// Sequence numbers skip (rows deleted).
    #[error("event {expected} is missing (found {found} next)")]
    Gap {
        /// The number expected next.
        expected: i64,
        /// The number found instead.
        found: i64,
    },
    /// The last rows were removed: the head names a later event than the table holds.
    #[error("the chain ends at event {found} but the head records {expected}")]
    Truncated {
        /// Last sequence number according to the head.
        expected: i64,
        /// Last sequence number found.
        found: i64,
    },
}

/// Re-computes the whole chain in pages; returns the number of events checked.
pub async fn verify(db: &impl ConnectionTrait) -> ServiceResult<Result<u64, ChainBreak>> {
    const PAGE: u64 = 1000;
    let mut expected_prev = GENESIS.to_owned();
    let mut last = 0i64;
    loop {
        let rows = audit_event::Entity::find()
            .filter(audit_event::Column::Id.gt(last))
            .order_by_asc(audit_event::Column::Id)
            .paginate(db, PAGE)
            .fetch_page(0)
            .await?;
        for row in &rows {
            if row.id != last + 1 {
                return Ok(Err(ChainBreak::Gap { expected: last + 1, found: row.id }));
            }
            if row.prev_hash != expected_prev {
                return Ok(Err(ChainBreak::Unlinked(row.id)));
            }
            if link_hash(row) != row.hash {
                return Ok(Err(ChainBreak::Altered(row.id)));
            }
            expected_prev.clone_from(&row.hash);
            last = row.id;
        }
        if (rows.len() as u64) < PAGE {
            break;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    match head {
        Some(head) if head.last_seq != last => Ok(Err(ChainBreak::Truncated { expected: head.last_seq, found: last })),
        Some(head) if head.last_hash != expected_prev => Ok(Err(ChainBreak::Unlinked(last))),
        _ => Ok(Ok(u64::try_from(last).unwrap_or(0))),
    }
}
