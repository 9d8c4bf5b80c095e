//! A person's to-do: what is due, waiting for them, or returned to them, as data (the page words it in the
//! reader's language and links each item to where it is done).

use crate::{
    ids::{KbkId, OrgUnitId, ReportId},
    workflow::ReviewState,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Todo {
    /// The OPD's values of the year are not approved yet: none chosen, a draft, submitted, or returned.
    ChooseValues {
        /// The OPD.
        opd: OrgUnitId,
        /// The programme year.
        year: i32,
        /// Where the selection stands (`None`: not started).
        state: Option<ReviewState>,
    },
    /// A quarter's report to write and submit.
    ReportDue {
        /// The OPD.
        opd: OrgUnitId,
        /// The report, if started.
        report: Option<ReportId>,
        /// Its year.
        year: i32,
        /// Its quarter, 1-4.
        quarter: u8,
        /// Its due date.
        due_on: NaiveDate,
        /// Whether the due date has passed.
        overdue: bool,
    },
    /// A report the bureau returned for changes.
    ReportReturned {
        /// The report.
        report: ReportId,
        /// Its year.
        year: i32,
        /// Its quarter, 1-4.
        quarter: u8,
    },
    /// The person's own actions returned by the KBK's chair.
    ActionsReturned {
        /// The KBK.
        kbk: KbkId,
        /// How many.
        count: u64,
    },
    /// The person's own actions not submitted yet.
    ActionsDraft {
        /// The KBK.
        kbk: KbkId,
        /// How many.
        count: u64,
    },
    /// Actions of the KBK waiting for the person (a chair or facilitator) to verify.
    ActionsToVerify {
        /// The KBK.
        kbk: KbkId,
        /// How many.
        count: u64,
    },
    /// Submitted reports waiting for the person's review.
    ReportsToReview {
        /// How many.
        count: u64,
    },
    /// Submitted value selections waiting for the person's review.
    SelectionsToReview {
        /// How many.
        count: u64,
    },
}

impl Todo {
    /// Whether it is late or sent back: shown first and marked.
    pub fn is_urgent(&self) -> bool {
        match self {
            Todo::ReportDue { overdue, .. } => *overdue,
            Todo::ReportReturned { .. } | Todo::ActionsReturned { .. } => true,
            Todo::ChooseValues { state, .. } => *state == Some(ReviewState::Returned),
            _ => false,
        }
    }
}

/// The list in the order to work through it: urgent items first, otherwise as found.
pub fn ordered(mut items: Vec<Todo>) -> Vec<Todo> {
    items.sort_by_key(|item| !item.is_urgent());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_and_returned_work_comes_first() {
        let opd: OrgUnitId = "00000000-0000-0000-0000-000000000001".parse().expect("id");
        let due = |overdue| Todo::ReportDue {
            opd,
            report: None,
            year: 2026,
            quarter: 3,
            due_on: NaiveDate::from_ymd_opt(2026, 10, 10).expect("date"),
            overdue,
        };
        let list = ordered(vec![Todo::ReportsToReview { count: 2 }, due(false), due(true)]);
        assert_eq!(list[0], due(true));
        assert_eq!(list[1..], [Todo::ReportsToReview { count: 2 }, due(false)]);
    }
}
