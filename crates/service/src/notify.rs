//! In-app notifications: written in the same transaction as the step they announce, read from the bell.

use crate::{
    ServiceResult,
    access::Actor,
    entity::{app_user, notification, role_grant},
};
use chrono::{DateTime, Utc};
use domain::{
    access::Role,
    ids::{NotificationId, ReportId},
    report::view::{NotificationView, NotificationsPage},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
    sea_query::{Asterisk, Expr, Func, Query},
};
use uuid::Uuid;

/// Active users holding one of `roles` on one of `units`: an indexed lookup, whatever the size of the install.
async fn holders(db: &impl ConnectionTrait, roles: &[Role], units: Vec<Uuid>) -> ServiceResult<Vec<Uuid>> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::OrgUnitId.is_in(units))
        .filter(role_grant::Column::Role.is_in(roles.iter().map(|r| r.as_str())))
        .all(db)
        .await?;
    let mut active: Vec<Uuid> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(grants.iter().map(|g| g.user_id)))
        .filter(app_user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    active.sort();
    active.dedup();
    Ok(active)
}

/// The Peninjau whose subtree holds the unit at `path` (a grant on the unit or any ancestor, all named in it).
pub(crate) async fn reviewers_of(db: &impl ConnectionTrait, path: &str) -> ServiceResult<Vec<Uuid>> {
    let ancestors = path.split('/').filter_map(|id| id.parse::<Uuid>().ok()).collect();
    holders(db, &[Role::Peninjau], ancestors).await
}

/// The Kepala OPD and Admin OPD of the OPD.
pub(crate) async fn heads_of(db: &impl ConnectionTrait, opd: Uuid) -> ServiceResult<Vec<Uuid>> {
    holders(db, &[Role::KepalaOpd, Role::AdminOpd], vec![opd]).await
}

/// Notifies each of `users` (but the one who acted) of `kind` about `report`.
pub(crate) async fn send(
    txn: &impl ConnectionTrait,
    users: &[Uuid],
    actor: Option<&Actor>,
    kind: &str,
    report: Option<Uuid>,
    message: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    for user in users.iter().filter(|u| actor.is_none_or(|a| a.user_id.into_uuid() != **u)) {
        notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(*user),
            kind: Set(kind.to_owned()),
            report_id: Set(report),
            message: Set(message.to_owned()),
            created_at: Set(now),
            read_at: Set(None),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The caller's newest `limit` notifications (1-100).
pub async fn list(db: &DatabaseConnection, actor: &Actor, limit: u64) -> ServiceResult<NotificationsPage> {
    let user = actor.user_id.into_uuid();
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .limit(limit.clamp(1, 100))
        .all(db)
        .await?;
    Ok(NotificationsPage {
        items: rows
            .into_iter()
            .map(|row| NotificationView {
                id: NotificationId::from_uuid(row.id),
                kind: row.kind,
                report_id: row.report_id.map(ReportId::from_uuid),
                message: row.message,
                created_at: row.created_at,
                read: row.read_at.is_some(),
            })
            .collect(),
        unread: unread(db, actor).await?,
    })
}

/// How many of the caller's notifications are unread, up to [`domain::report::view::UNREAD_COUNTED`] (a national reviewer with a
/// hundred thousand unread would otherwise pay for counting them all on every page).
pub async fn unread(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<u64> {
    // Counted in the database over at most UNREAD_COUNTED rows: one row crosses to the app, not a hundred ids.
    let capped = notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .filter(notification::Column::UserId.eq(actor.user_id.into_uuid()))
        .filter(notification::Column::ReadAt.is_null())
        .limit(domain::report::view::UNREAD_COUNTED)
        .into_query();
    let mut count = Query::select();
    count.expr_as(Func::count(Expr::col(Asterisk)), "unread").from_subquery(capped, "capped");
    let unread: i64 = match db.query_one(&count).await? {
        Some(row) => row.try_get("", "unread")?,
        None => 0,
    };
    Ok(u64::try_from(unread).unwrap_or(0))
}

/// Marks the caller's notifications read: the one given, or all.
pub async fn mark_read(
    db: &DatabaseConnection,
    actor: &Actor,
    which: Option<NotificationId>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(actor.user_id.into_uuid()))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = which {
        update = update.filter(notification::Column::Id.eq(id.into_uuid()));
    }
    update.exec(db).await?;
    Ok(())
}
