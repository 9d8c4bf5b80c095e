//! Who may do what: roles granted on a node of the org tree (holding for its whole subtree), the actions they
//! permit, and which roles a user may grant. Pure functions, table-tested for every role and action.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A role, granted on a node of the org tree (domain brief, decision 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Super admin of the whole install.
    Administrator,
    /// Reviewer of the Biro/Bagian Organisasi.
    Peninjau,
    /// Regional leadership: read-only dashboards.
    Pimpinan,
    /// Head of an OPD.
    KepalaOpd,
    /// Admin/operator of an OPD.
    AdminOpd,
    /// Leader of a KBK.
    KetuaKbk,
    /// Facilitator of KBKs.
    Fasilitator,
    /// Member of a KBK (the secretary/minute-taker is a member too).
    AnggotaKbk,
}

/// Something a user may want to do; whether a role permits it is [`Role::permits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read programme data (selections, KBKs, actions, reports) of the OPDs in scope.
    ViewProgramme,
    /// Open the compliance dashboard.
    ViewDashboard,
    /// Add, rename, move and deactivate org units.
    ManageOrgTree,
    /// Create, deactivate and reset users, and grant roles.
    ManageUsers,
    /// Read the audit trail beyond single objects' history.
    ViewAudit,
    /// Configure the programme year, deadlines and index weights of a Pemda.
    ConfigureProgramme,
    /// Draft and submit the OPD's value selection.
    ChooseValues,
    /// Approve or return value selections.
    ReviewValues,
    /// Form KBKs and manage their members.
    ManageKbk,
    /// Log actions with evidence.
    LogAction,
    /// Verify or return logged actions.
    VerifyAction,
    /// Compile, submit and request extensions for quarterly reports.
    SubmitReport,
    /// Accept, return or reopen reports; decide extensions.
    ReviewReport,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 13] = [
        Action::ViewProgramme,
        Action::ViewDashboard,
        Action::ManageOrgTree,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::ConfigureProgramme,
        Action::ChooseValues,
        Action::ReviewValues,
        Action::ManageKbk,
        Action::LogAction,
        Action::VerifyAction,
        Action::SubmitReport,
        Action::ReviewReport,
    ];
}

impl Role {
    /// Every role, highest first.
    pub const ALL: [Role; 8] = [
        Role::Administrator,
        Role::Peninjau,
        Role::Pimpinan,
        Role::KepalaOpd,
        Role::AdminOpd,
        Role::KetuaKbk,
        Role::Fasilitator,
        Role::AnggotaKbk,
    ];

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Peninjau => "peninjau",
            Role::Pimpinan => "pimpinan",
            Role::KepalaOpd => "kepala_opd",
            Role::AdminOpd => "admin_opd",
            Role::KetuaKbk => "ketua_kbk",
            Role::Fasilitator => "fasilitator",
            Role::AnggotaKbk => "anggota_kbk",
        }
    }

    /// The name shown to users.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Role::Administrator, _) => "Administrator",
            (Role::Peninjau, Locale::Id) => "Peninjau",
            (Role::Peninjau, Locale::En) => "Reviewer",
            (Role::Pimpinan, Locale::Id) => "Pimpinan",
            (Role::Pimpinan, Locale::En) => "Leadership",
            (Role::KepalaOpd, Locale::Id) => "Kepala OPD",
            (Role::KepalaOpd, Locale::En) => "Head of agency",
            (Role::AdminOpd, Locale::Id) => "Admin OPD",
            (Role::AdminOpd, Locale::En) => "Agency admin",
            (Role::KetuaKbk, Locale::Id) => "Ketua KBK",
            (Role::KetuaKbk, Locale::En) => "KBK leader",
            (Role::Fasilitator, Locale::Id) => "Fasilitator",
            (Role::Fasilitator, Locale::En) => "Facilitator",
            (Role::AnggotaKbk, Locale::Id) => "Anggota KBK",
            (Role::AnggotaKbk, Locale::En) => "KBK member",
        }
    }

    /// Rank for "nobody grants above their own role": higher is more. KBK roles share the lowest ranks.
    const fn rank(self) -> u8 {
        match self {
            Role::Administrator => 7,
            Role::Peninjau => 6,
            Role::Pimpinan => 5,
            Role::KepalaOpd => 4,
            Role::AdminOpd => 3,
            Role::KetuaKbk | Role::Fasilitator => 2,
            Role::AnggotaKbk => 1,
        }
    }

    /// Whether this role permits `action` (within the subtree it is granted on).
    pub const fn permits(self, action: Action) -> bool {
        use Action::*;
        match self {
            // The install's admin manages structure and people and may review, but writes no OPD content.
            Role::Administrator => matches!(
                action,
                ViewProgramme
                    | ViewDashboard
                    | ManageOrgTree
                    | ManageUsers
                    | ViewAudit
                    | ConfigureProgramme
                    | ReviewValues
                    | ReviewReport
            ),
            // The bureau reviews and configures; it returns OPD content with notes but never edits it.
            Role::Peninjau => matches!(
                action,
                ViewProgramme
                    | ViewDashboard
                    | ManageOrgTree
                    | ManageUsers
                    | ViewAudit
                    | ConfigureProgramme
                    | ReviewValues
                    | ReviewReport
            ),
            Role::Pimpinan => matches!(action, ViewProgramme | ViewDashboard),
            Role::KepalaOpd => {
                matches!(action, ViewProgramme | ViewDashboard | ChooseValues | ManageKbk | SubmitReport)
            }
            Role::AdminOpd => {
                matches!(action, ViewProgramme | ViewDashboard | ManageUsers | ManageKbk | SubmitReport)
            }
            Role::KetuaKbk | Role::Fasilitator => matches!(action, ViewProgramme | LogAction | VerifyAction),
            Role::AnggotaKbk => matches!(action, ViewProgramme | LogAction),
        }
    }

    /// Whether the role comes with a seat in a KBK (and goes with it), rather than being granted directly.
    pub const fn is_kbk_seat(self) -> bool {
        matches!(self, Role::KetuaKbk | Role::Fasilitator | Role::AnggotaKbk)
    }

    /// Whether a holder of this role (with [`Action::ManageUsers`]) may grant `other`: never a role above their
    /// own, and the install-wide Administrator role only by an Administrator.
    pub const fn may_grant(self, other: Role) -> bool {
        self.permits(Action::ManageUsers) && other.rank() <= self.rank()
    }
}

impl FromStr for Role {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "role", found: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::{Action::*, Role::*, *};

    /// The whole permission table, row by row: a change to a role's rights must change this table.
    const TABLE: [(Role, &[Action]); 8] = [
        (
            Administrator,
            &[
                ViewProgramme,
                ViewDashboard,
                ManageOrgTree,
                ManageUsers,
                ViewAudit,
                ConfigureProgramme,
                ReviewValues,
                ReviewReport,
            ],
        ),
        (
            Peninjau,
            &[
                ViewProgramme,
                ViewDashboard,
                ManageOrgTree,
                ManageUsers,
                ViewAudit,
                ConfigureProgramme,
                ReviewValues,
                ReviewReport,
            ],
        ),
        (Pimpinan, &[ViewProgramme, ViewDashboard]),
        (KepalaOpd, &[ViewProgramme, ViewDashboard, ChooseValues, ManageKbk, SubmitReport]),
        (AdminOpd, &[ViewProgramme, ViewDashboard, ManageUsers, ManageKbk, SubmitReport]),
        (KetuaKbk, &[ViewProgramme, LogAction, VerifyAction]),
        (Fasilitator, &[ViewProgramme, LogAction, VerifyAction]),
        (AnggotaKbk, &[ViewProgramme, LogAction]),
    ];

    #[test]
    fn every_role_permits_exactly_the_actions_of_its_row() {
        for (role, allowed) in TABLE {
            for action in Action::ALL {
                assert_eq!(role.permits(action), allowed.contains(&action), "{role:?} x {action:?}");
            }
        }
    }

    #[test]
    fn every_role_survives_a_round_trip_through_its_storage_form() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("superuser".parse::<Role>().is_err());
    }

    #[test]
    fn nobody_grants_a_role_above_their_own() {
        assert!(Administrator.may_grant(Administrator));
        assert!(!Peninjau.may_grant(Administrator));
        assert!(Peninjau.may_grant(KepalaOpd));
        assert!(!AdminOpd.may_grant(KepalaOpd));
        assert!(AdminOpd.may_grant(AnggotaKbk));
    }

    #[test]
    fn roles_without_user_management_grant_nothing() {
        for role in [Pimpinan, KepalaOpd, KetuaKbk, Fasilitator, AnggotaKbk] {
            assert!(Role::ALL.into_iter().all(|other| !role.may_grant(other)), "{role:?}");
        }
    }

    #[test]
    fn reviewers_never_write_opd_content() {
        for action in [ChooseValues, ManageKbk, LogAction, VerifyAction, SubmitReport] {
            assert!(!Peninjau.permits(action) && !Administrator.permits(action), "{action:?}");
        }
    }
}
