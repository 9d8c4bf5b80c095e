//! Where each person's work is: the places the header leads them to first, by role, and the other places
//! their roles open, which sit one step further away.

use crate::{i18n::Messages, routes};
use domain::{
    access::{Action, Role},
    account::UserView,
    ids::{KbkId, OrgUnitId},
};
use serde::{Deserialize, Serialize};

/// The signed-in person and the KBK they sit in (members work there, not at an OPD).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The account with its grants.
    pub user: UserView,
    /// The KBK of their active seat, if any (the first taken, for a person in two).
    pub kbk: Option<KbkId>,
}

/// A place in the app that is someone's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The OPD's year at a glance.
    Opd(OrgUnitId),
    /// The OPD's reports.
    OpdReports(OrgUnitId),
    /// The KBK's page.
    Kbk(KbkId),
    /// The KBK's actions, on its page.
    KbkActions(KbkId),
    /// Reports and selections waiting for review.
    Review,
    /// The compliance dashboard.
    Dashboard,
    /// The org tree.
    Org,
    /// The people.
    Users,
    /// The audit trail.
    Audit,
    /// The design system's style guide.
    StyleGuide,
}

impl Place {
    /// Where it is.
    pub fn href(self) -> String {
        match self {
            Place::Opd(id) => routes::opd(id),
            Place::OpdReports(id) => routes::opd_reports(id),
            Place::Kbk(id) => routes::kbk(id),
            Place::KbkActions(id) => format!("{}#kegiatan", routes::kbk(id)),
            Place::Review => routes::REVIEW.into(),
            Place::Dashboard => routes::DASHBOARD.into(),
            Place::Org => routes::ORG.into(),
            Place::Users => routes::USERS.into(),
            Place::Audit => routes::AUDIT.into(),
            Place::StyleGuide => routes::STYLE_GUIDE.into(),
        }
    }

    /// What the link says.
    pub fn label(self, m: &Messages) -> &'static str {
        match self {
            Place::Opd(_) => m.nav_opd,
            Place::OpdReports(_) => m.nav_reports,
            Place::Kbk(_) => m.nav_kbk,
            Place::KbkActions(_) => m.nav_actions,
            Place::Review => m.nav_review,
            Place::Dashboard => m.nav_dashboard,
            Place::Org => m.nav_org,
            Place::Users => m.nav_users,
            Place::Audit => m.nav_audit,
            Place::StyleGuide => m.nav_style_guide,
        }
    }

    /// The `data-testid` of its link.
    pub fn test_id(self) -> &'static str {
        match self {
            Place::Opd(_) => "opd-link",
            Place::OpdReports(_) => "opd-reports-link",
            Place::Kbk(_) => "kbk-link",
            Place::KbkActions(_) => "kbk-actions-link",
            Place::Review => "review-link",
            Place::Dashboard => "dashboard-link",
            Place::Org => "org-link",
            Place::Users => "users-link",
            Place::Audit => "audit-link",
            Place::StyleGuide => "style-guide-link",
        }
    }

    /// Whether it is the page at `path` (the link is then marked current).
    pub fn is_at(self, path: &str) -> bool {
        self.href().split('#').next() == Some(path)
    }
}

/// The places of one role's own work, in the order they are done.
fn work_of(role: Role, unit: Option<OrgUnitId>, kbk: Option<KbkId>) -> Vec<Place> {
    match role {
        Role::Administrator => vec![Place::Org, Place::Users, Place::Audit],
        Role::Peninjau => vec![Place::Review, Place::Dashboard],
        Role::Pimpinan => vec![Place::Dashboard],
        Role::KepalaOpd => unit.map(|opd| vec![Place::Opd(opd), Place::OpdReports(opd)]).unwrap_or_default(),
        Role::AdminOpd => {
            unit.map(|opd| vec![Place::Opd(opd), Place::OpdReports(opd), Place::Users]).unwrap_or_default()
        }
        Role::KetuaKbk | Role::Fasilitator | Role::AnggotaKbk => {
            kbk.map(|kbk| vec![Place::Kbk(kbk), Place::KbkActions(kbk)]).unwrap_or_default()
        }
    }
}

/// Every place the person's roles open, without repeats: those of their own work first, grant by grant (the
/// header's primary navigation), then the rest (one step further away).
pub fn places(me: &Me) -> (Vec<Place>, Vec<Place>) {
    let mut primary: Vec<Place> = Vec::new();
    for grant in &me.user.grants {
        for place in work_of(grant.role, grant.org_unit_id, me.kbk) {
            if !primary.contains(&place) {
                primary.push(place);
            }
        }
    }
    if me.kbk.is_some() && !primary.iter().any(|place| matches!(place, Place::Kbk(_))) {
        primary.extend(work_of(Role::AnggotaKbk, None, me.kbk));
    }
    let holds = |action: Action| me.user.grants.iter().any(|grant| grant.role.permits(action));
    let opened = [
        (Action::ReviewReport, Place::Review),
        (Action::ViewDashboard, Place::Dashboard),
        (Action::ManageOrgTree, Place::Org),
        (Action::ManageUsers, Place::Users),
        (Action::ViewAudit, Place::Audit),
    ];
    let mut secondary: Vec<Place> = opened
        .into_iter()
        .filter(|(action, place)| holds(*action) && !primary.contains(place))
        .map(|(_, place)| place)
        .collect();
    if me.user.grants.iter().any(|grant| grant.role == Role::Administrator) {
        secondary.push(Place::StyleGuide);
    }
    (primary, secondary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::account::GrantView;

    fn id<T: std::str::FromStr>(n: u8) -> T {
        format!("00000000-0000-0000-0000-0000000000{n:02}").parse().unwrap_or_else(|_| unreachable!("a UUID"))
    }

    fn new_kbk() -> KbkId {
        id(2)
    }

    fn me(roles: &[Role], kbk: Option<KbkId>) -> (Me, OrgUnitId) {
        let opd = id(1);
        let grants = roles
            .iter()
            .map(|&role| GrantView {
                role,
                org_unit_id: (role != Role::Administrator).then_some(opd),
                org_unit_code: None,
                org_unit_name: None,
            })
            .collect();
        let user = UserView {
            id: id(3),
            username: "orang".into(),
            full_name: "Orang".into(),
            nip: None,
            email: None,
            active: true,
            grants,
        };
        (Me { user, kbk }, opd)
    }

    #[test]
    fn each_role_sees_its_own_work_first() {
        let (admin, _) = me(&[Role::Administrator], None);
        assert_eq!(places(&admin).0, [Place::Org, Place::Users, Place::Audit]);
        let (reviewer, _) = me(&[Role::Peninjau], None);
        assert_eq!(places(&reviewer).0, [Place::Review, Place::Dashboard]);
        let (head, opd) = me(&[Role::KepalaOpd], None);
        assert_eq!(places(&head).0, [Place::Opd(opd), Place::OpdReports(opd)]);
        let kbk = new_kbk();
        let (member, _) = me(&[Role::AnggotaKbk], Some(kbk));
        assert_eq!(places(&member).0, [Place::Kbk(kbk), Place::KbkActions(kbk)]);
    }

    #[test]
    fn what_else_a_role_opens_is_one_step_away_and_never_twice() {
        let (reviewer, _) = me(&[Role::Peninjau], None);
        assert_eq!(places(&reviewer).1, [Place::Org, Place::Users, Place::Audit]);
        let (admin, _) = me(&[Role::Administrator], None);
        assert_eq!(places(&admin).1, [Place::Review, Place::Dashboard, Place::StyleGuide]);
        let (head, _) = me(&[Role::KepalaOpd], None);
        assert_eq!(places(&head).1, [Place::Dashboard]);
        let kbk = new_kbk();
        let (both, opd) = me(&[Role::KepalaOpd, Role::AnggotaKbk], Some(kbk));
        assert_eq!(places(&both).0, [Place::Opd(opd), Place::OpdReports(opd), Place::Kbk(kbk), Place::KbkActions(kbk)]);
    }

    #[test]
    fn a_kbk_action_link_is_current_on_the_kbk_page() {
        let kbk = new_kbk();
        assert!(Place::KbkActions(kbk).is_at(&routes::kbk(kbk)));
        assert!(!Place::Review.is_at(routes::DASHBOARD));
    }
}
