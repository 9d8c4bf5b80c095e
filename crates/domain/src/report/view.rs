//! Reports as the pages and the API show them.

use super::{CheckFailure, Narrative, ReturnCode};
use crate::{
    ids::{ActionId, ExtensionId, NotificationId, OrgUnitId, ReportId, ValueId},
    kbk::ActionKind,
    workflow::ReviewState,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A report as listed in the OPD's list and the reviewer's inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
    /// The report.
    pub id: ReportId,
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// The Pemda.
    pub pemda_id: OrgUnitId,
    /// Its name.
    pub pemda_name: String,
    /// Programme year.
    pub year: i32,
    /// Triwulan, 1-4.
    pub quarter: u8,
    /// Where it stands.
    pub state: ReviewState,
    /// The due date in force: the year's date for the quarter, or a granted extension.
    pub due_on: NaiveDate,
    /// Whether an extension moved the due date.
    pub extended: bool,
    /// The latest submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// First submitted after its due day ended.
    pub late: bool,
    /// Not yet submitted and its due day has ended.
    pub overdue: bool,
    /// Submissions so far.
    pub revision: u32,
}

/// A verified action as a report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportAction {
    /// The action.
    pub id: ActionId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ActionKind,
    /// The day it happened (or started).
    pub started_on: NaiveDate,
    /// Its KBK.
    pub kbk_name: String,
    /// People who attended.
    pub attendees: u32,
    /// Evidence files.
    pub evidence_count: u32,
    /// Left out of the report by the OPD.
    pub excluded: bool,
    /// The reviewer's comment on it at the last return.
    pub comment: Option<String>,
}

/// The actions of the quarter under one chosen value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueSection {
    /// The chosen value.
    pub value_id: ValueId,
    /// Its code, e.g. "8.2".
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its verified actions of the quarter.
    pub actions: Vec<ReportAction>,
}

/// A reviewer's comment on one action, given with a return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionComment {
    /// The action.
    pub action_id: ActionId,
    /// The comment.
    pub text: String,
}

/// Why the report was last sent back (a return or a reopening).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnNote {
    /// The code (a reopening carries none).
    pub code: Option<ReturnCode>,
    /// The reviewer's words.
    pub text: String,
    /// Comments on single actions.
    pub comments: Vec<ActionComment>,
    /// Who.
    pub by_name: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Where an extension request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ExtensionState {
    /// Waiting for a reviewer.
    Pending,
    /// A new due date was granted.
    Granted,
    /// Refused.
    Refused,
}

impl ExtensionState {
    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ExtensionState::Pending => "pending",
            ExtensionState::Granted => "granted",
            ExtensionState::Refused => "refused",
        }
    }
}

impl std::str::FromStr for ExtensionState {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [ExtensionState::Pending, ExtensionState::Granted, ExtensionState::Refused]
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "extension state", found: s.to_owned() })
    }
}

/// An extension request and its decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtensionView {
    /// The request.
    pub id: ExtensionId,
    /// The OPD's reason.
    pub reason: String,
    /// Who asked.
    pub requested_by_name: String,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Where it stands.
    pub state: ExtensionState,
    /// The new due date, if granted.
    pub granted_to: Option<NaiveDate>,
    /// The reviewer's note.
    pub note: Option<String>,
    /// When decided.
    pub decided_at: Option<DateTime<Utc>>,
}

/// One step in the report's activity feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEventView {
    /// What happened: `created`, `updated`, `submitted`, `returned`, `accepted`, `reopened`,
    /// `extension_requested`, `extension_granted`, `extension_refused`.
    pub kind: String,
    /// Who.
    pub actor_name: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The step's words (reason, note), if any.
    pub text: Option<String>,
}

/// A report in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    /// Its list entry.
    #[serde(flatten)]
    pub summary: ReportSummary,
    /// The narrative sections.
    pub narrative: Narrative,
    /// The verified actions of the quarter, per chosen value (as submitted, while under review or accepted).
    pub sections: Vec<ValueSection>,
    /// What still blocks submission (empty once it may go; only checked while the OPD holds the report).
    pub checks: Vec<CheckFailure>,
    /// Why it was last sent back, while it is returned.
    pub return_note: Option<ReturnNote>,
    /// Extension requests, newest first.
    pub extensions: Vec<ExtensionView>,
    /// The activity feed, oldest first.
    pub events: Vec<ReportEventView>,
}

impl ReportView {
    /// The distinct actions the report holds (an action living two values is listed under both).
    pub fn included_actions(&self) -> Vec<&ReportAction> {
        let mut seen = Vec::new();
        for action in self.sections.iter().flat_map(|s| &s.actions).filter(|a| !a.excluded) {
            if !seen.iter().any(|a: &&ReportAction| a.id == action.id) {
                seen.push(action);
            }
        }
        seen
    }
}

/// The most unread notifications counted; the badge shows "99+" when the count reaches it.
pub const UNREAD_COUNTED: u64 = 100;

/// The unread count as the badge shows it.
pub fn unread_badge(count: u64) -> String {
    if count >= UNREAD_COUNTED { format!("{}+", UNREAD_COUNTED - 1) } else { count.to_string() }
}

/// An in-app notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    /// The notification.
    pub id: NotificationId,
    /// `submitted`, `returned`, `accepted`, `reopened`, `extension_requested`, `extension_decided`.
    pub kind: String,
    /// The report it is about.
    pub report_id: Option<ReportId>,
    /// What happened, in Indonesian.
    pub message: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Read yet.
    pub read: bool,
}

/// A page of the caller's notifications, newest first, with their unread count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationsPage {
    /// The notifications.
    pub items: Vec<NotificationView>,
    /// How many are unread in all.
    pub unread: u64,
}

/// One quarter of an OPD's year: its due date and its report, if one was started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterSlot {
    /// Triwulan, 1-4.
    pub quarter: u8,
    /// The due date in force.
    pub due_on: NaiveDate,
    /// The quarter has begun, so its report may be started.
    pub open: bool,
    /// No report handed in and the due day has ended.
    pub overdue: bool,
    /// The report, if started.
    pub report: Option<ReportSummary>,
}

/// An OPD's reports for one year, quarter by quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpdReports {
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Its name.
    pub opd_name: String,
    /// The programme year.
    pub year: i32,
    /// Quarters I-IV (or the one asked for).
    pub quarters: Vec<QuarterSlot>,
    /// The caller may start and submit reports here.
    pub may_submit: bool,
}

/// Reports waiting in one Pemda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PemdaQueue {
    /// The Pemda.
    pub pemda_id: OrgUnitId,
    /// Its name.
    pub pemda_name: String,
    /// Reports waiting for review.
    pub waiting: u64,
}

/// The reviewer's inbox: submitted reports within their reach, oldest submission first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewQueue {
    /// The reports, oldest submission first.
    pub items: Vec<ReportSummary>,
    /// Counts per Pemda.
    pub per_pemda: Vec<PemdaQueue>,
    /// Cursor for the next page, if there is one.
    pub next_after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::unread_badge;

    #[test]
    fn the_unread_badge_shows_the_count_up_to_99_then_99_plus() {
        assert_eq!(unread_badge(1), "1");
        assert_eq!(unread_badge(99), "99");
        assert_eq!(unread_badge(100), "99+");
    }
}
