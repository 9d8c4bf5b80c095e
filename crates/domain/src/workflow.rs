//! The review flow shared by value selections, actions and quarterly reports: the author drafts and submits, a
//! reviewer accepts or returns with a reason, and a returned item goes back to its author. Accepted is final
//! for the author (a selection is locked for the year; a verified action may be reported); only a report can
//! be reopened, by its reviewer, with a reason.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where an item stands in its review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReviewState {
    /// Being written by its author.
    Draft,
    /// Waiting for the reviewer.
    Submitted,
    /// Sent back to the author with a reason.
    Returned,
    /// Approved (a selection) or verified (an action): no longer editable.
    Accepted,
}

/// Something done to an item under review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The author changes it.
    Edit,
    /// The author hands it in.
    Submit,
    /// The reviewer approves or verifies it.
    Accept,
    /// The reviewer sends it back (with a reason, checked by the caller).
    Return,
    /// The reviewer reopens an accepted report (with a reason), which sends it back to its author.
    Reopen,
}

/// What is reviewed, so states and refusals are worded for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// An OPD's value selection (approved by the bureau).
    Selection,
    /// A KBK action (verified by the ketua or fasilitator).
    Action,
    /// An OPD's quarterly report (accepted by the bureau).
    Report,
}

/// A step the item's state does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{step:?} is not possible in state {state:?}")]
pub struct IllegalStep {
    /// The state the item is in.
    pub state: ReviewState,
    /// The step that was tried.
    pub step: Step,
    /// What kind of item.
    pub subject: Subject,
}

impl ReviewState {
    /// Every state, in flow order.
    pub const ALL: [ReviewState; 4] =
        [ReviewState::Draft, ReviewState::Submitted, ReviewState::Returned, ReviewState::Accepted];

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "submitted",
            ReviewState::Returned => "returned",
            ReviewState::Accepted => "accepted",
        }
    }

    /// The state after `step`, or why it is not allowed.
    pub fn after(self, step: Step, subject: Subject) -> Result<ReviewState, IllegalStep> {
        use ReviewState::*;
        match (self, step) {
            (Draft | Returned, Step::Edit) => Ok(Draft),
            (Draft | Returned, Step::Submit) => Ok(Submitted),
            (Submitted, Step::Accept) => Ok(Accepted),
            (Submitted, Step::Return) => Ok(Returned),
            (Accepted, Step::Reopen) if subject == Subject::Report => Ok(Returned),
            (state, step) => Err(IllegalStep { state, step, subject }),
        }
    }

    /// Whether the author may still change the item.
    pub const fn is_editable(self) -> bool {
        matches!(self, ReviewState::Draft | ReviewState::Returned)
    }

    /// The state's name as users read it.
    pub const fn label(self, subject: Subject, locale: Locale) -> &'static str {
        match (self, subject, locale) {
            (ReviewState::Draft, _, Locale::Id) => "Draf",
            (ReviewState::Draft, _, Locale::En) => "Draft",
            (ReviewState::Submitted, _, Locale::Id) => "Diajukan",
            (ReviewState::Submitted, _, Locale::En) => "Submitted",
            (ReviewState::Returned, _, Locale::Id) => "Dikembalikan",
            (ReviewState::Returned, _, Locale::En) => "Returned",
            (ReviewState::Accepted, Subject::Selection, Locale::Id) => "Disetujui",
            (ReviewState::Accepted, Subject::Selection, Locale::En) => "Approved",
            (ReviewState::Accepted, Subject::Action, Locale::Id) => "Diverifikasi",
            (ReviewState::Accepted, Subject::Action, Locale::En) => "Verified",
            (ReviewState::Accepted, Subject::Report, Locale::Id) => "Diterima",
            (ReviewState::Accepted, Subject::Report, Locale::En) => "Accepted",
        }
    }
}

impl IllegalStep {
    /// The refusal as a sentence for the user.
    pub fn message(&self, locale: Locale) -> String {
        let state = self.state.label(self.subject, locale);
        match (self.step, locale) {
            (Step::Edit, Locale::Id) => format!("Tidak dapat diubah karena berstatus {state}."),
            (Step::Edit, Locale::En) => format!("Cannot be changed while {state}."),
            (Step::Submit, Locale::Id) => format!("Tidak dapat diajukan karena berstatus {state}."),
            (Step::Submit, Locale::En) => format!("Cannot be submitted while {state}."),
            (Step::Accept | Step::Return, Locale::Id) => {
                format!("Hanya yang berstatus Diajukan yang dapat ditinjau; ini berstatus {state}.")
            }
            (Step::Accept | Step::Return, Locale::En) => {
                format!("Only submitted items can be reviewed; this one is {state}.")
            }
            (Step::Reopen, Locale::Id) => {
                format!("Hanya laporan yang Diterima yang dapat dibuka kembali; ini {state}.")
            }
            (Step::Reopen, Locale::En) => format!("Only an accepted report can be reopened; this one is {state}."),
        }
    }
}

impl FromStr for ReviewState {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReviewState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "review state", found: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::{ReviewState::*, *};

    const STEPS: [Step; 5] = [Step::Edit, Step::Submit, Step::Accept, Step::Return, Step::Reopen];

    /// Every (state, step) pair and where it leads for selections and actions; `None` is refused.
    const TABLE: [(ReviewState, [Option<ReviewState>; 5]); 4] = [
        (Draft, [Some(Draft), Some(Submitted), None, None, None]),
        (Submitted, [None, None, Some(Accepted), Some(Returned), None]),
        (Returned, [Some(Draft), Some(Submitted), None, None, None]),
        (Accepted, [None, None, None, None, None]),
    ];

    #[test]
    fn every_state_allows_exactly_the_steps_of_its_row() {
        for subject in [Subject::Selection, Subject::Action] {
            for (state, outcomes) in TABLE {
                for (step, expected) in STEPS.into_iter().zip(outcomes) {
                    assert_eq!(state.after(step, subject).ok(), expected, "{subject:?}: {state:?} x {step:?}");
                }
            }
        }
    }

    #[test]
    fn only_an_accepted_report_reopens_and_it_goes_back_to_its_author() {
        assert_eq!(Accepted.after(Step::Reopen, Subject::Report), Ok(Returned));
        for state in [Draft, Submitted, Returned] {
            assert!(state.after(Step::Reopen, Subject::Report).is_err(), "{state:?}");
        }
        let refused = Submitted.after(Step::Reopen, Subject::Report).expect_err("not accepted");
        assert_eq!(refused.message(Locale::Id), "Hanya laporan yang Diterima yang dapat dibuka kembali; ini Diajukan.");
    }

    #[test]
    fn an_accepted_item_is_locked_for_its_author() {
        assert!(!Accepted.is_editable());
        assert!(!Submitted.is_editable());
        assert!(Returned.is_editable());
    }

    #[test]
    fn a_refusal_names_the_state_in_the_subjects_words() {
        let refused = Accepted.after(Step::Edit, Subject::Selection).expect_err("locked");
        assert_eq!(refused.message(Locale::Id), "Tidak dapat diubah karena berstatus Disetujui.");
        let refused = Accepted.after(Step::Edit, Subject::Action).expect_err("locked");
        assert_eq!(refused.message(Locale::En), "Cannot be changed while Verified.");
    }

    #[test]
    fn every_state_survives_a_round_trip_through_its_storage_form() {
        for state in ReviewState::ALL {
            assert_eq!(state.as_str().parse::<ReviewState>(), Ok(state));
        }
    }
}
