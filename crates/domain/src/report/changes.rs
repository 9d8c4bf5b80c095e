//! What changed in a report between the submission a reviewer returned and the one in front of them now, so a
//! resubmission is reviewed by its differences and the rest is marked as already reviewed.

use super::{Narrative, NarrativeSection};
use crate::ids::ActionId;
use serde::{Deserialize, Serialize};

/// An action as a submission listed it: enough to name it and to tell whether it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotAction {
    /// The action.
    pub id: ActionId,
    /// Its title then.
    pub title: String,
    /// Its last change then: a different one now means it was edited.
    pub fingerprint: String,
}

/// A report as handed in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The actions it held.
    pub actions: Vec<SnapshotAction>,
    /// Its narrative.
    pub narrative: Narrative,
}

/// The differences between two submissions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportChanges {
    /// The revision compared against (the returned one), if any.
    pub since_revision: Option<u32>,
    /// Actions new in this submission.
    pub added: Vec<SnapshotAction>,
    /// Actions no longer in it.
    pub removed: Vec<SnapshotAction>,
    /// Actions in both, edited in between.
    pub changed: Vec<SnapshotAction>,
    /// Actions in both and untouched: already reviewed.
    pub unchanged: Vec<SnapshotAction>,
    /// Narrative sections whose text changed.
    pub narrative_changed: Vec<NarrativeSection>,
}

impl ReportChanges {
    /// Whether anything differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.narrative_changed.is_empty()
    }
}

/// `now` compared with `before` (the submission that was returned), action by action and section by section.
pub fn diff(before: &Snapshot, before_revision: u32, now: &Snapshot) -> ReportChanges {
    let find = |list: &[SnapshotAction], id: ActionId| list.iter().find(|a| a.id == id).cloned();
    let mut changes = ReportChanges { since_revision: Some(before_revision), ..ReportChanges::default() };
    for action in &now.actions {
        match find(&before.actions, action.id) {
            None => changes.added.push(action.clone()),
            Some(old) if old.fingerprint != action.fingerprint => changes.changed.push(action.clone()),
            Some(_) => changes.unchanged.push(action.clone()),
        }
    }
    changes.removed = before.actions.iter().filter(|old| find(&now.actions, old.id).is_none()).cloned().collect();
    let (a, b) = (&before.narrative, &now.narrative);
    changes.narrative_changed = [
        (NarrativeSection::Achievements, a.achievements != b.achievements),
        (NarrativeSection::Obstacles, a.obstacles != b.obstacles),
        (NarrativeSection::FollowUp, a.follow_up != b.follow_up),
    ]
    .into_iter()
    .filter_map(|(section, differs)| differs.then_some(section))
    .collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn action(n: u128, title: &str, fingerprint: &str) -> SnapshotAction {
        SnapshotAction {
            id: ActionId::from_uuid(Uuid::from_u128(n)),
            title: title.into(),
            fingerprint: fingerprint.into(),
        }
    }

    fn snapshot(actions: Vec<SnapshotAction>, follow_up: &str) -> Snapshot {
        Snapshot { actions, narrative: Narrative::parse("Capaian.", "Kendala.", follow_up).expect("valid") }
    }

    #[test]
    fn a_resubmission_lists_added_removed_and_edited_actions_and_marks_the_rest_reviewed() {
        let before =
            snapshot(vec![action(1, "Apel", "t1"), action(2, "Rapat", "t1"), action(3, "5R", "t1")], "Lanjut.");
        let now =
            snapshot(vec![action(1, "Apel", "t1"), action(3, "5R", "t2"), action(4, "Sosialisasi", "t1")], "Lanjut.");
        let changes = diff(&before, 1, &now);
        let titles = |list: &[SnapshotAction]| list.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&changes.added), ["Sosialisasi"]);
        assert_eq!(titles(&changes.removed), ["Rapat"]);
        assert_eq!(titles(&changes.changed), ["5R"]);
        assert_eq!(titles(&changes.unchanged), ["Apel"]);
        assert!(changes.narrative_changed.is_empty());
        assert_eq!(changes.since_revision, Some(1));
    }

    #[test]
    fn a_rewritten_narrative_section_is_named_and_an_identical_resubmission_shows_nothing() {
        let before = snapshot(vec![action(1, "Apel", "t1")], "Lanjut.");
        assert!(diff(&before, 2, &before).is_empty());
        let now = snapshot(vec![action(1, "Apel", "t1")], "Tambah loket daring.");
        assert_eq!(diff(&before, 2, &now).narrative_changed, [NarrativeSection::FollowUp]);
    }
}
