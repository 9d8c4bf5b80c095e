//! Who is calling: the user behind a credential (a session or an API token) with their grants and each
//! grant's unit, read in one query joined onto the credential's own row. Every authenticated request pays for
//! this, so it is one round trip, not one per table.

use super::Actor;
use crate::{
    ServiceResult,
    entity::{app_user, kbk_member, org_unit, role_grant},
};
use domain::{
    access::Role,
    account::{GrantView, UserView},
    ids::{KbkId, OrgUnitId, UserId},
};
use sea_orm::{
    FromQueryResult, Order, QueryResult,
    sea_query::{ColumnRef, Expr, ExprTrait, JoinType, Query, SelectStatement, SubQueryStatement},
};
use uuid::Uuid;

/// One row of the join: the user, and one grant with its unit (none when the user holds no grant).
#[derive(FromQueryResult)]
struct Row {
    user_id: Uuid,
    username: String,
    full_name: String,
    nip: Option<String>,
    email: Option<String>,
    active: bool,
    role: Option<String>,
    unit_id: Option<Uuid>,
    unit_code: Option<String>,
    unit_name: Option<String>,
    unit_path: Option<String>,
    home_kbk: Option<Uuid>,
}

/// Adds the user that `user_id` (a column of the credential's table) names, their grants and the grants'
/// units to `select`, grants in the order they were given.
pub(crate) fn join_actor(select: &mut SelectStatement, user_id: ColumnRef) {
    use app_user::Column as U;
    use org_unit::Column as O;
    use role_grant::Column as G;
    let user = |column| Expr::col((app_user::Entity, column));
    let unit = |column| Expr::col((org_unit::Entity, column));
    select
        .expr_as(user(U::Id), "user_id")
        .expr_as(user(U::Username), "username")
        .expr_as(user(U::FullName), "full_name")
        .expr_as(user(U::Nip), "nip")
        .expr_as(user(U::Email), "email")
        .expr_as(user(U::Active), "active")
        .expr_as(Expr::col((role_grant::Entity, G::Role)), "role")
        .expr_as(unit(O::Id), "unit_id")
        .expr_as(unit(O::Code), "unit_code")
        .expr_as(unit(O::Name), "unit_name")
        .expr_as(unit(O::Path), "unit_path")
        .expr_as(SubQueryStatement::from(home_kbk(user(U::Id))), "home_kbk")
        .join(JoinType::InnerJoin, app_user::Entity, user(U::Id).equals(user_id))
        .join(
            JoinType::LeftJoin,
            role_grant::Entity,
            Expr::col((role_grant::Entity, G::UserId)).equals((app_user::Entity, U::Id)),
        )
        .join(JoinType::LeftJoin, org_unit::Entity, unit(O::Id).equals((role_grant::Entity, G::OrgUnitId)))
        .order_by((role_grant::Entity, G::CreatedAt), Order::Asc)
        .order_by((role_grant::Entity, G::Id), Order::Asc);
}

/// The KBK of the first active seat of the user whose id is `user`, as a subquery of one row or none.
pub(crate) fn home_kbk(user: Expr) -> SelectStatement {
    use kbk_member::Column as M;
    Query::select()
        .column((kbk_member::Entity, M::KbkId))
        .from(kbk_member::Entity)
        .and_where(Expr::col((kbk_member::Entity, M::UserId)).eq(user))
        .and_where(Expr::col((kbk_member::Entity, M::Active)).eq(true))
        .order_by((kbk_member::Entity, M::CreatedAt), Order::Asc)
        .limit(1)
        .to_owned()
}

/// The actor the rows of a [`join_actor`] query describe: `None` without rows or for a deactivated user.
pub(crate) fn actor_of(rows: &[QueryResult]) -> ServiceResult<Option<Actor>> {
    let rows = rows.iter().map(|row| Row::from_query_result(row, "")).collect::<Result<Vec<_>, _>>()?;
    let Some(first) = rows.first().filter(|row| row.active) else { return Ok(None) };
    let mut grants = Vec::new();
    let mut grant_paths = Vec::new();
    for row in &rows {
        let Some(role) = row.role.as_deref().and_then(|role| role.parse::<Role>().ok()) else { continue };
        grants.push(GrantView {
            role,
            org_unit_id: row.unit_id.map(OrgUnitId::from_uuid),
            org_unit_code: row.unit_code.clone(),
            org_unit_name: row.unit_name.clone(),
        });
        grant_paths.push(row.unit_path.clone().unwrap_or_else(|| "/".to_owned()));
    }
    let view = UserView {
        id: UserId::from_uuid(first.user_id),
        username: first.username.clone(),
        full_name: first.full_name.clone(),
        nip: first.nip.clone(),
        email: first.email.clone(),
        active: first.active,
        grants,
    };
    let home_kbk = first.home_kbk.map(KbkId::from_uuid);
    Ok(Some(Actor { user_id: view.id, username: view.username.clone(), view, grant_paths, home_kbk }))
}
