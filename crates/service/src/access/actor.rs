//! The authenticated caller and the scopes it holds. A [`Scope`] can only be obtained from an [`Actor`] for an
//! action its grants permit; queries filter by it, so data outside it is simply not there ("not found").

use crate::{entity::org_unit, org::path};
use domain::{
    access::{Action, Role},
    account::{GrantView, UserView},
    ids::{KbkId, UserId},
};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Query, SelectStatement},
};

/// A signed-in user with their grants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The account.
    pub user_id: UserId,
    /// Login name (recorded in the audit trail).
    pub username: String,
    /// The user as shown, with grants.
    pub view: UserView,
    /// Materialised paths of the nodes of `view.grants`, in the same order (`/` for install-wide grants).
    pub(crate) grant_paths: Vec<String>,
    /// The KBK of the user's first active seat, if any: where a member's work is. Read with the grants, since
    /// every page's menu links it.
    pub home_kbk: Option<KbkId>,
}

/// The part of the org tree in which an actor may perform one action: a set of subtrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    paths: Vec<String>,
}

impl Actor {
    fn grants(&self) -> impl Iterator<Item = (&GrantView, &str)> {
        self.view.grants.iter().zip(self.grant_paths.iter().map(String::as_str))
    }

    /// Whether any grant permits `action` somewhere.
    pub fn may(&self, action: Action) -> bool {
        self.grants().any(|(grant, _)| grant.role.permits(action))
    }

    /// Where the actor may perform `action`, or `None` if nowhere. An Administrator's grants hold install-wide.
    pub fn scope(&self, action: Action) -> Option<Scope> {
        let mut paths: Vec<String> = self
            .grants()
            .filter(|(grant, _)| grant.role.permits(action))
            .map(|(grant, path)| if grant.role == Role::Administrator { "/".to_owned() } else { path.to_owned() })
            .collect();
        paths.sort();
        paths.dedup();
        (!paths.is_empty()).then_some(Scope { paths })
    }

    /// The roles the actor may grant somewhere (with the user-management right), highest first.
    pub fn grantable_roles(&self) -> Vec<Role> {
        Role::ALL.into_iter().filter(|role| self.view.grants.iter().any(|grant| grant.role.may_grant(*role))).collect()
    }

    /// The highest role the actor holds over `path` (for "nobody grants above their own role").
    pub fn highest_role_over(&self, path: &str) -> Option<Role> {
        self.grants()
            .filter(|(grant, grant_path)| grant.role == Role::Administrator || path.starts_with(grant_path))
            .map(|(grant, _)| grant.role)
            .min()
    }
}

impl Scope {
    /// The whole install, for reads whose visibility the caller has already checked on the object itself.
    pub(crate) fn install_wide() -> Self {
        Scope { paths: vec!["/".to_owned()] }
    }

    /// One subtree, for reads whose permission the caller has already checked on its root.
    pub(crate) fn subtree(path: &str) -> Self {
        Scope { paths: vec![path.to_owned()] }
    }

    /// Whether the node with materialised path `path` lies inside the scope.
    pub fn covers(&self, path: &str) -> bool {
        self.paths.iter().any(|root| path.starts_with(root.as_str()))
    }

    /// Whether the scope is the whole install (an Administrator's).
    pub fn is_install_wide(&self) -> bool {
        self.paths.iter().any(|root| root == "/")
    }

    /// The subtree roots.
    pub fn roots(&self) -> &[String] {
        &self.paths
    }

    /// The rows whose materialised path (`column`) lies inside the scope: one indexed range per subtree.
    pub(crate) fn condition(&self, column: impl ColumnTrait + Copy) -> Condition {
        if self.is_install_wide() {
            return Condition::all();
        }
        self.paths.iter().fold(Condition::any(), |any, root| any.add(path::subtree(column, root)))
    }

    /// The ids of the org units inside the scope, as a subquery for `column IN (...)` filters.
    pub(crate) fn unit_ids(&self) -> SelectStatement {
        Query::select()
            .column(org_unit::Column::Id)
            .from(org_unit::Entity)
            .cond_where(self.condition(org_unit::Column::Path))
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ids::OrgUnitId;
    use uuid::Uuid;

    fn actor(grants: &[(Role, &str)]) -> Actor {
        let view = UserView {
            id: UserId::from_uuid(Uuid::nil()),
            username: "u".into(),
            full_name: "U".into(),
            nip: None,
            email: None,
            active: true,
            grants: grants
                .iter()
                .map(|(role, _)| GrantView {
                    role: *role,
                    org_unit_id: Some(OrgUnitId::from_uuid(Uuid::nil())),
                    org_unit_code: None,
                    org_unit_name: None,
                })
                .collect(),
        };
        Actor {
            user_id: view.id,
            username: "u".into(),
            grant_paths: grants.iter().map(|(_, path)| (*path).to_owned()).collect(),
            view,
            home_kbk: None,
        }
    }

    #[test]
    fn a_grant_holds_for_its_whole_subtree_and_nothing_beside_it() {
        let kepala = actor(&[(Role::KepalaOpd, "/kaltim/bontang/dlh/")]);
        let scope = kepala.scope(Action::ChooseValues).expect("a scope");
        assert!(scope.covers("/kaltim/bontang/dlh/"));
        assert!(scope.covers("/kaltim/bontang/dlh/uptd/"));
        assert!(!scope.covers("/kaltim/bontang/disdukcapil/"));
        assert!(!scope.covers("/kaltim/bontang/"));
    }

    #[test]
    fn an_action_no_grant_permits_has_no_scope() {
        let anggota = actor(&[(Role::AnggotaKbk, "/kaltim/bontang/dlh/")]);
        assert_eq!(anggota.scope(Action::ReviewReport), None);
        assert!(!anggota.may(Action::ManageUsers));
    }

    #[test]
    fn an_administrator_reaches_the_whole_install() {
        let admin = actor(&[(Role::Administrator, "/kaltim/")]);
        assert!(admin.scope(Action::ManageUsers).expect("scope").covers("/jatim/surabaya/"));
    }

    #[test]
    fn the_highest_role_over_a_node_counts_only_grants_above_it() {
        let user = actor(&[(Role::Peninjau, "/kaltim/bontang/"), (Role::AnggotaKbk, "/kaltim/samarinda/dlh/")]);
        assert_eq!(user.highest_role_over("/kaltim/bontang/dlh/"), Some(Role::Peninjau));
        assert_eq!(user.highest_role_over("/kaltim/samarinda/dlh/"), Some(Role::AnggotaKbk));
        assert_eq!(user.highest_role_over("/kaltim/"), None);
    }
}
