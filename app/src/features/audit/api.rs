//! Server functions of the audit page.

use crate::error::AppError;
use domain::{account::AuditEventView, org::Timezone};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Filters of the audit page, as found in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilterForm {
    /// Only this action.
    pub action: Option<String>,
    /// Only this actor (username).
    pub actor: Option<String>,
    /// Only objects of this type.
    pub object_type: Option<String>,
    /// Only events older than this sequence number.
    pub before: Option<i64>,
}

/// One page of the trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditEventView>,
    /// The `before` of the next page, if there is one.
    pub next_before: Option<i64>,
    /// The zone to show times in (the reader's Pemda).
    pub timezone: Timezone,
}

/// Rows per page.
pub const PAGE_SIZE: u64 = 50;

/// A page of the audit trail within the caller's reach.
#[server(prefix = "/fn", endpoint = "audit/events")]
pub async fn load_audit(filter: AuditFilterForm) -> Result<AuditPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    let actor = require_actor()?;
    let Some(scope) = actor.scope(Action::ViewAudit) else {
        return fail(AppError::Forbidden("Peran Anda tidak dapat membuka jejak audit.".into()));
    };
    let services = services()?;
    let blank = |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let query = service::audit::AuditFilter {
        action: blank(filter.action),
        object_type: blank(filter.object_type),
        object_id: None,
        actor: blank(filter.actor),
        before: filter.before,
    };
    let items = service::audit::list(&services.db, &scope, &query, PAGE_SIZE).await.or_else(fail)?;
    let timezone = service::access::users::home_timezone(&services.db, &actor).await.or_else(fail)?;
    let next_before = (items.len() as u64 == PAGE_SIZE).then(|| items.last().map(|e| e.id)).flatten();
    Ok(AuditPage { items, next_before, timezone })
}
