//! Server functions of the report pages, the reviewer's inbox and the notification bell.

use crate::error::AppError;
use domain::{
    org::Timezone,
    programme::ProgrammeYear,
    report::{
        changes::ReportChanges,
        document::ReportDocument,
        view::{NotificationsPage, OpdReports, ReportView, ReviewQueue},
    },
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the report page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    /// The report.
    pub report: ReportView,
    /// What changed since the last return (empty before a resubmission).
    pub changes: ReportChanges,
    /// The caller edits and submits it now (Kepala or Admin OPD, while it is a draft or returned).
    pub may_edit: bool,
    /// The caller reports for this OPD (asks for extensions).
    pub may_report: bool,
    /// The caller reviews it (Peninjau whose subtree holds the OPD).
    pub may_review: bool,
    /// Zone to show times in (the OPD's Pemda's).
    pub timezone: Timezone,
}

/// The OPD's quarters of `year` (the active year if absent).
#[server(prefix = "/fn", endpoint = "report/opd")]
pub async fn load_opd_reports(opd: String, year: Option<ProgrammeYear>) -> Result<OpdReports, AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(opd) = opd.parse() else { return fail(AppError::NotFound) };
    service::report::queue::for_opd(&services.db, &actor, opd, year, None, services.clock.now()).await.or_else(fail)
}

/// Starts the report of a quarter and opens it.
#[server(prefix = "/fn", endpoint = "report/start")]
pub async fn start_report(opd: String, year: ProgrammeYear, quarter: u8) -> Result<(), AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(opd) = opd.parse() else { return fail(AppError::NotFound) };
    let Ok(quarter) = domain::programme::Quarter::try_from(quarter) else {
        return fail(AppError::Invalid("Triwulan harus 1-4.".into()));
    };
    let now = services.clock.now();
    let report = service::report::flow::create(&services.db, &actor, opd, year, quarter, &request_meta(), now)
        .await
        .or_else(fail)?;
    leptos_axum::redirect(&crate::routes::report(report.summary.id));
    Ok(())
}

/// One report with what the caller may do to it.
#[server(prefix = "/fn", endpoint = "report/page")]
pub async fn load_report(id: String) -> Result<ReportPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    use service::report::flow;
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(id) = id.parse() else { return fail(AppError::NotFound) };
    let (shown, changes) = flow::page(db, &actor, id, services.clock.now()).await.or_else(fail)?;
    let covers = |action| actor.scope(action).is_some_and(|scope| scope.covers(&shown.opd.path));
    let (report, timezone) = (shown.row, shown.timezone);
    Ok(ReportPage {
        may_edit: covers(Action::SubmitReport) && report.summary.state.is_editable(),
        may_report: covers(Action::SubmitReport),
        may_review: covers(Action::ReviewReport),
        report,
        changes,
        timezone,
    })
}

/// The official report as the print page lays it out (the same blocks as the PDF); audited as an export.
#[server(prefix = "/fn", endpoint = "report/document")]
pub async fn load_report_document(id: String) -> Result<ReportDocument, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = id.parse() else { return fail(AppError::NotFound) };
    let meta = request_meta();
    service::report::export::document(&services, &actor, id, "print", &meta).await.map(|(doc, _)| doc).or_else(fail)
}

/// The narrative and the left-out actions (`excluded` keys are `a<action id>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFields {
    /// Capaian.
    pub achievements: String,
    /// Kendala.
    pub obstacles: String,
    /// Rencana tindak lanjut.
    pub follow_up: String,
    /// Checked actions to leave out.
    #[serde(default)]
    pub excluded: BTreeMap<String, String>,
}

/// Saves the narrative and the left-out actions of a draft or returned report.
#[server(prefix = "/fn", endpoint = "report/save")]
pub async fn save_report(report: String, fields: ReportFields) -> Result<ReportView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use service::report::{ReportEdit, flow};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = report.parse() else { return fail(AppError::NotFound) };
    let narrative = flow::parse_narrative(&fields.achievements, &fields.obstacles, &fields.follow_up).or_else(fail)?;
    let excluded = fields.excluded.keys().filter_map(|key| key.strip_prefix('a')?.parse().ok()).collect();
    let edit = ReportEdit { narrative: Some(narrative), excluded: Some(excluded) };
    flow::update(&services.db, &actor, id, edit, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// Submits a report whose self-check passes.
#[server(prefix = "/fn", endpoint = "report/submit")]
pub async fn submit_report(report: String) -> Result<ReportView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = report.parse() else { return fail(AppError::NotFound) };
    service::report::flow::submit(&services.db, &actor, id, &request_meta(), services.clock.now()).await.or_else(fail)
}

/// A reviewer's step: `accept`; `return` with `code`, `reason` and `comments` (keys `c<action id>`); or
/// `reopen` with `reason`.
#[server(prefix = "/fn", endpoint = "report/review")]
pub async fn review_report(
    report: String,
    decision: String,
    code: Option<String>,
    reason: Option<String>,
    #[server(default)] comments: BTreeMap<String, String>,
) -> Result<ReportView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use domain::report::view::ActionComment;
    use service::report::{Decision, flow};
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(id) = report.parse() else { return fail(AppError::NotFound) };
    let (meta, now) = (request_meta(), services.clock.now());
    let reason = reason.unwrap_or_default();
    match decision.as_str() {
        "accept" => flow::decide(db, &actor, id, Decision::Accept, &meta, now).await.or_else(fail),
        "reopen" => flow::reopen(db, &actor, id, &reason, &meta, now).await.or_else(fail),
        _ => {
            let Some(code) = code.as_deref().and_then(|c| c.parse().ok()) else {
                let problem = domain::field::FieldProblem::new("code", domain::field::Problem::NotAnOption);
                return fail(AppError::Fields(vec![problem]));
            };
            let comments = comments
                .into_iter()
                .filter_map(|(key, text)| Some(ActionComment { action_id: key.strip_prefix('c')?.parse().ok()?, text }))
                .filter(|comment| !comment.text.trim().is_empty())
                .collect();
            flow::decide(db, &actor, id, Decision::Return { code, text: reason, comments }, &meta, now)
                .await
                .or_else(fail)
        }
    }
}

/// Asks for a later due date.
#[server(prefix = "/fn", endpoint = "report/extension")]
pub async fn request_extension(report: String, reason: String) -> Result<(), AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = report.parse() else { return fail(AppError::NotFound) };
    let now = services.clock.now();
    service::report::extension::request(&services.db, &actor, id, &reason, &request_meta(), now).await.or_else(fail)?;
    Ok(())
}

/// Grants (`decision = "grant"`, with `due_on`) or refuses (with `note`) an extension request.
#[server(prefix = "/fn", endpoint = "report/extension-decision")]
pub async fn decide_extension(
    extension: String,
    decision: String,
    due_on: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use service::report::extension::{ExtensionDecision, decide};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = extension.parse() else { return fail(AppError::NotFound) };
    let note = note.filter(|n| !n.trim().is_empty());
    let decision = if decision == "grant" {
        let Some(due_on) = due_on.as_deref().and_then(|d| d.parse().ok()) else {
            let problem = domain::field::FieldProblem::new("due_on", domain::field::Problem::NotADate);
            return fail(AppError::Fields(vec![problem]));
        };
        ExtensionDecision::Grant { due_on, note }
    } else {
        ExtensionDecision::Refuse { note: note.unwrap_or_default() }
    };
    decide(&services.db, &actor, id, decision, &request_meta(), services.clock.now()).await.or_else(fail)?;
    Ok(())
}

/// The reviewer's inbox: submitted reports within reach, oldest first.
#[server(prefix = "/fn", endpoint = "report/inbox")]
pub async fn load_inbox() -> Result<ReviewQueue, AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    service::report::queue::review_queue(&services.db, &actor, None, 200, services.clock.now()).await.or_else(fail)
}

/// The caller's newest notifications.
#[server(prefix = "/fn", endpoint = "notifications/list")]
pub async fn load_notifications() -> Result<NotificationsPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    service::notify::list(&services.db, &actor, 50).await.or_else(fail)
}

/// How many of the caller's notifications are unread (none when signed out).
#[server(prefix = "/fn", endpoint = "notifications/unread")]
pub async fn unread_notifications() -> Result<u64, AppError> {
    use crate::ssr::{actor, fail, services};
    let Some(actor) = actor() else { return Ok(0) };
    let services = services()?;
    service::notify::unread(&services.db, &actor).await.or_else(fail)
}

/// Marks one (`id`) or all of the caller's notifications read.
#[server(prefix = "/fn", endpoint = "notifications/read")]
pub async fn mark_notifications_read(id: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let id = match id.as_deref().filter(|id| !id.is_empty()) {
        Some(id) => Some(id.parse().or_else(|_| fail(AppError::NotFound))?),
        None => None,
    };
    service::notify::mark_read(&services.db, &actor, id, services.clock.now()).await.or_else(fail)
}
