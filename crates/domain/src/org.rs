//! The org tree: Pemda nodes (province, regency, city), optionally under one national node, and the OPDs and
//! units below them.

use crate::{ids::OrgUnitId, locale::Locale};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What kind of node an org unit is. The first four are Pemda-level (tenant) nodes; the rest are agencies or units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OrgKind {
    /// The national root of a national install (KemenPAN-RB's view): it holds provinces only.
    Nasional,
    /// Pemerintah Provinsi.
    Provinsi,
    /// Pemerintah Kabupaten.
    Kabupaten,
    /// Pemerintah Kota.
    Kota,
    /// Sekretariat Daerah.
    SekretariatDaerah,
    /// A Biro of a provincial Sekretariat Daerah (or a Bagian of a regency/city one).
    Biro,
    /// Sekretariat DPRD.
    SekretariatDprd,
    /// Inspektorat Daerah.
    Inspektorat,
    /// Dinas.
    Dinas,
    /// Badan.
    Badan,
    /// Satuan Polisi Pamong Praja.
    SatuanPolisiPamongPraja,
    /// Rumah Sakit Umum Daerah.
    Rsud,
    /// Kecamatan.
    Kecamatan,
    /// Kelurahan (a unit under a Kecamatan).
    Kelurahan,
    /// Unit Pelaksana Teknis Daerah (a unit under a Dinas or Badan).
    Uptd,
}

impl OrgKind {
    /// Every kind, in the order used by pickers.
    pub const ALL: [OrgKind; 15] = [
        OrgKind::Nasional,
        OrgKind::Provinsi,
        OrgKind::Kabupaten,
        OrgKind::Kota,
        OrgKind::SekretariatDaerah,
        OrgKind::Biro,
        OrgKind::SekretariatDprd,
        OrgKind::Inspektorat,
        OrgKind::Dinas,
        OrgKind::Badan,
        OrgKind::SatuanPolisiPamongPraja,
        OrgKind::Rsud,
        OrgKind::Kecamatan,
        OrgKind::Kelurahan,
        OrgKind::Uptd,
    ];

    /// Whether nodes of this kind are a government (a tenant, with its own calendar and roll-ups), not an agency:
    /// a Pemda, or the national node above the provinces.
    pub const fn is_pemda(self) -> bool {
        matches!(self, OrgKind::Nasional | OrgKind::Provinsi | OrgKind::Kabupaten | OrgKind::Kota)
    }

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            OrgKind::Nasional => "nasional",
            OrgKind::Provinsi => "provinsi",
            OrgKind::Kabupaten => "kabupaten",
            OrgKind::Kota => "kota",
            OrgKind::SekretariatDaerah => "sekretariat_daerah",
            OrgKind::Biro => "biro",
            OrgKind::SekretariatDprd => "sekretariat_dprd",
            OrgKind::Inspektorat => "inspektorat",
            OrgKind::Dinas => "dinas",
            OrgKind::Badan => "badan",
            OrgKind::SatuanPolisiPamongPraja => "satuan_polisi_pamong_praja",
            OrgKind::Rsud => "rsud",
            OrgKind::Kecamatan => "kecamatan",
            OrgKind::Kelurahan => "kelurahan",
            OrgKind::Uptd => "uptd",
        }
    }

    /// The label shown to users.
    pub fn label(self, locale: Locale) -> &'static str {
        let (id, en) = match self {
            OrgKind::Nasional => ("Nasional", "National"),
            OrgKind::Provinsi => ("Provinsi", "Province"),
            OrgKind::Kabupaten => ("Kabupaten", "Regency"),
            OrgKind::Kota => ("Kota", "City"),
            OrgKind::SekretariatDaerah => ("Sekretariat Daerah", "Regional Secretariat"),
            OrgKind::Biro => ("Biro/Bagian", "Bureau"),
            OrgKind::SekretariatDprd => ("Sekretariat DPRD", "Council Secretariat"),
            OrgKind::Inspektorat => ("Inspektorat", "Inspectorate"),
            OrgKind::Dinas => ("Dinas", "Department"),
            OrgKind::Badan => ("Badan", "Agency"),
            OrgKind::SatuanPolisiPamongPraja => ("Satuan Polisi Pamong Praja", "Civil Service Police Unit"),
            OrgKind::Rsud => ("RSUD", "Regional Hospital"),
            OrgKind::Kecamatan => ("Kecamatan", "District"),
            OrgKind::Kelurahan => ("Kelurahan", "Urban Village"),
            OrgKind::Uptd => ("UPTD", "Technical Unit"),
        };
        match locale {
            Locale::Id => id,
            Locale::En => en,
        }
    }
}

/// A storage or API string that names no [`OrgKind`] or [`Timezone`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {found:?}")]
pub struct UnknownVariant {
    /// What was being parsed.
    pub what: &'static str,
    /// The text found.
    pub found: String,
}

impl FromStr for OrgKind {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownVariant { what: "org kind", found: s.to_owned() })
    }
}

/// Indonesia's three time zones. None observes daylight saving, so each is a fixed offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Timezone {
    /// Waktu Indonesia Barat, UTC+7 (Asia/Jakarta).
    Wib,
    /// Waktu Indonesia Tengah, UTC+8 (Asia/Makassar); Kalimantan Timur is here.
    Wita,
    /// Waktu Indonesia Timur, UTC+9 (Asia/Jayapura).
    Wit,
}

impl Timezone {
    /// The zone a Pemda's row records (its storage form), WIB where none or no known one is.
    pub fn recorded(stored: Option<&str>) -> Self {
        stored.and_then(|tz| tz.parse().ok()).unwrap_or(Timezone::Wib)
    }

    /// The abbreviation shown after times, also the storage form.
    pub const fn abbreviation(self) -> &'static str {
        match self {
            Timezone::Wib => "WIB",
            Timezone::Wita => "WITA",
            Timezone::Wit => "WIT",
        }
    }

    /// The IANA name of the zone.
    pub const fn iana(self) -> &'static str {
        match self {
            Timezone::Wib => "Asia/Jakarta",
            Timezone::Wita => "Asia/Makassar",
            Timezone::Wit => "Asia/Jayapura",
        }
    }

    /// The zone's offset from UTC.
    pub fn offset(self) -> FixedOffset {
        let hours = match self {
            Timezone::Wib => 7,
            Timezone::Wita => 8,
            Timezone::Wit => 9,
        };
        FixedOffset::east_opt(hours * 3600).expect("7 to 9 hours is a valid offset")
    }

    /// An instant as local time in this zone.
    pub fn local(self, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.offset())
    }
}

impl FromStr for Timezone {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Timezone::Wib, Timezone::Wita, Timezone::Wit]
            .into_iter()
            .find(|tz| tz.abbreviation().eq_ignore_ascii_case(s.trim()) || tz.iana() == s.trim())
            .ok_or_else(|| UnknownVariant { what: "time zone", found: s.to_owned() })
    }
}

/// Why a node cannot sit where it was put in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PlacementError {
    /// A province is a root of the tree, or sits under the national node.
    #[error("a province has no parent but the national node")]
    ProvinceHasParent,
    /// The national node is the root of the whole tree.
    #[error("the national node has no parent")]
    NationalHasParent,
    /// Only provinces sit directly under the national node.
    #[error("only provinces sit under the national node")]
    NationalHoldsProvinces,
    /// A regency or city sits under a province, or at the root.
    #[error("a regency or city belongs under a province")]
    PemdaUnderNonProvince,
    /// Every agency or unit belongs to a parent node.
    #[error("an agency needs a parent")]
    AgencyWithoutParent,
    /// A Pemda has a time zone; its deadlines are days in that zone.
    #[error("a Pemda needs a time zone")]
    PemdaWithoutTimezone,
    /// Agencies follow their Pemda's time zone.
    #[error("only a Pemda has a time zone")]
    AgencyWithTimezone,
    /// An agency's programme data belongs to its Pemda, so it moves only within it.
    #[error("an agency moves only within its Pemda")]
    AcrossPemda,
    /// A node cannot sit below itself.
    #[error("a node cannot move below itself")]
    BelowItself,
    /// A Pemda (a tenant, owning its agencies' data) does not become an agency, nor the other way round.
    #[error("a Pemda stays a Pemda and an agency an agency")]
    TenantKindChange,
    /// The national node holds provinces: it does not become a Pemda, nor a Pemda the national node.
    #[error("the national node keeps its kind")]
    NationalKindChange,
}

impl PlacementError {
    /// The rejection as a sentence for the user.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (PlacementError::ProvinceHasParent, Locale::Id) => {
                "Provinsi tidak boleh memiliki induk selain simpul nasional."
            }
            (PlacementError::ProvinceHasParent, Locale::En) => "A province has no parent but the national node.",
            (PlacementError::NationalHasParent, Locale::Id) => "Simpul nasional tidak boleh memiliki induk.",
            (PlacementError::NationalHasParent, Locale::En) => "The national node cannot have a parent.",
            (PlacementError::NationalHoldsProvinces, Locale::Id) => {
                "Di bawah simpul nasional hanya dapat ditempatkan provinsi."
            }
            (PlacementError::NationalHoldsProvinces, Locale::En) => "Only provinces can sit under the national node.",
            (PlacementError::PemdaUnderNonProvince, Locale::Id) => {
                "Kabupaten/kota hanya dapat berada di bawah provinsi."
            }
            (PlacementError::PemdaUnderNonProvince, Locale::En) => "A regency or city can only sit under a province.",
            (PlacementError::AgencyWithoutParent, Locale::Id) => "Perangkat daerah harus memiliki induk.",
            (PlacementError::AgencyWithoutParent, Locale::En) => "An agency must have a parent.",
            (PlacementError::PemdaWithoutTimezone, Locale::Id) => {
                "Pemda wajib memiliki zona waktu (WIB, WITA atau WIT)."
            }
            (PlacementError::PemdaWithoutTimezone, Locale::En) => "A Pemda needs a time zone (WIB, WITA or WIT).",
            (PlacementError::AgencyWithTimezone, Locale::Id) => {
                "Zona waktu hanya diisi untuk Pemda; perangkat daerah mengikuti Pemdanya."
            }
            (PlacementError::AgencyWithTimezone, Locale::En) => {
                "Only a Pemda has a time zone; agencies follow their Pemda."
            }
            (PlacementError::AcrossPemda, Locale::Id) => {
                "Perangkat daerah hanya dapat dipindahkan di dalam Pemdanya sendiri."
            }
            (PlacementError::AcrossPemda, Locale::En) => "An agency can only move within its own Pemda.",
            (PlacementError::BelowItself, Locale::Id) => "Unit tidak dapat dipindahkan ke bawah dirinya sendiri.",
            (PlacementError::BelowItself, Locale::En) => "A unit cannot move below itself.",
            (PlacementError::TenantKindChange, Locale::Id) => {
                "Pemda tidak dapat diubah menjadi perangkat daerah, dan perangkat daerah tidak dapat menjadi Pemda."
            }
            (PlacementError::TenantKindChange, Locale::En) => "A Pemda cannot become an agency, nor an agency a Pemda.",
            (PlacementError::NationalKindChange, Locale::Id) => {
                "Simpul nasional tidak dapat diubah jenisnya, dan unit lain tidak dapat menjadi simpul nasional."
            }
            (PlacementError::NationalKindChange, Locale::En) => {
                "The national node keeps its kind, and no other node becomes the national node."
            }
        }
    }
}

/// Checks that a node of `kind` may sit under a parent of `parent` kind (`None` = at the root) with `timezone`.
pub fn check_placement(
    kind: OrgKind,
    parent: Option<OrgKind>,
    timezone: Option<Timezone>,
) -> Result<(), PlacementError> {
    match (kind.is_pemda(), timezone) {
        (true, None) => return Err(PlacementError::PemdaWithoutTimezone),
        (false, Some(_)) => return Err(PlacementError::AgencyWithTimezone),
        _ => {}
    }
    match (kind, parent) {
        (OrgKind::Nasional, Some(_)) => Err(PlacementError::NationalHasParent),
        (OrgKind::Provinsi, Some(OrgKind::Nasional)) => Ok(()),
        (OrgKind::Provinsi, Some(_)) => Err(PlacementError::ProvinceHasParent),
        (_, Some(OrgKind::Nasional)) => Err(PlacementError::NationalHoldsProvinces),
        (OrgKind::Kabupaten | OrgKind::Kota, Some(parent)) if parent != OrgKind::Provinsi => {
            Err(PlacementError::PemdaUnderNonProvince)
        }
        (kind, None) if !kind.is_pemda() => Err(PlacementError::AgencyWithoutParent),
        _ => Ok(()),
    }
}

/// Checks that moving an agency keeps it in its Pemda (`from` and `to` are the Pemda ids before and after).
/// A Pemda node may move between provinces: its data stays its own.
pub fn check_move(kind: OrgKind, from: OrgUnitId, to: OrgUnitId) -> Result<(), PlacementError> {
    if kind.is_pemda() || from == to { Ok(()) } else { Err(PlacementError::AcrossPemda) }
}

/// Checks a change of kind: within Pemda kinds or within agency kinds only, since a Pemda is the tenant its
/// agencies' data belongs to.
pub fn check_kind_change(from: OrgKind, to: OrgKind) -> Result<(), PlacementError> {
    if from != to && (from == OrgKind::Nasional || to == OrgKind::Nasional) {
        Err(PlacementError::NationalKindChange)
    } else if from.is_pemda() == to.is_pemda() {
        Ok(())
    } else {
        Err(PlacementError::TenantKindChange)
    }
}

/// The nodes `node` may move under: active, outside its own subtree, and allowed as its parent by the tree's
/// rules, so a picker offers only moves the server will accept.
pub fn move_targets<'a>(units: &'a [OrgUnitView], node: &OrgUnitView) -> Vec<&'a OrgUnitView> {
    let parents: std::collections::HashMap<OrgUnitId, Option<OrgUnitId>> =
        units.iter().map(|unit| (unit.id, unit.parent_id)).collect();
    let below_node = |mut id: OrgUnitId| loop {
        if id == node.id {
            return true;
        }
        match parents.get(&id).copied().flatten() {
            Some(parent) => id = parent,
            None => return false,
        }
    };
    units
        .iter()
        .filter(|unit| unit.active && !below_node(unit.id))
        .filter(|unit| check_placement(node.kind, Some(unit.kind), node.timezone).is_ok())
        .filter(|unit| check_move(node.kind, node.pemda_id, unit.pemda_id).is_ok())
        .collect()
}

/// A new node of the org tree as typed into the form or sent to the API, before parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUnitInput {
    /// The parent node; `None` only for a province or a Pemda at the root.
    pub parent_id: Option<OrgUnitId>,
    /// What kind of node.
    pub kind: OrgKind,
    /// Short stable code, unique in the install (e.g. `64.74.DLH`).
    pub code: String,
    /// Official name.
    pub name: String,
    /// Time zone, for Pemda nodes only.
    pub timezone: Option<Timezone>,
}

/// Changes to a node: each field that is present is set (rename, change kind or zone, move, deactivate).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitChange {
    /// New official name.
    pub name: Option<String>,
    /// New kind.
    pub kind: Option<OrgKind>,
    /// New time zone (Pemda nodes only).
    pub timezone: Option<Timezone>,
    /// New parent (a move).
    pub parent_id: Option<OrgUnitId>,
    /// `false` deactivates (the node keeps its history and data but takes no new work); `true` reactivates.
    pub active: Option<bool>,
}

/// One node of the org tree as shown to users and API clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnitView {
    /// The node.
    pub id: OrgUnitId,
    /// Its parent; `None` for a top-level Pemda.
    pub parent_id: Option<OrgUnitId>,
    /// The Pemda (tenant) the node belongs to; a Pemda node belongs to itself.
    pub pemda_id: OrgUnitId,
    /// What kind of node it is.
    pub kind: OrgKind,
    /// Short stable code, e.g. `64.74.DLH`.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Time zone of a Pemda node; `None` for agencies, which follow their Pemda.
    pub timezone: Option<Timezone>,
    /// Deactivated nodes keep their history but take no new work.
    pub active: bool,
}

/// A Pemda with the number of agencies and units under it (its own sub-Pemdas' agencies not included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PemdaSummary {
    /// The Pemda node.
    pub pemda: OrgUnitView,
    /// How many agencies and units belong to it.
    pub agency_count: u32,
}

/// A node with its children, for showing the org tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgTreeNode {
    /// The node itself.
    pub unit: OrgUnitView,
    /// Its children, ordered by code.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<OrgTreeNode>,
}

impl OrgTreeNode {
    /// Builds the forest of the given nodes: roots are nodes whose parent is absent from the list, so a subtree
    /// (what a user may see) becomes a forest of its own. Children are ordered by code.
    pub fn forest(mut units: Vec<OrgUnitView>) -> Vec<OrgTreeNode> {
        units.sort_by(|a, b| a.code.cmp(&b.code));
        let known: std::collections::HashSet<OrgUnitId> = units.iter().map(|u| u.id).collect();
        let mut children: std::collections::HashMap<OrgUnitId, Vec<OrgUnitView>> = Default::default();
        let mut roots = Vec::new();
        for unit in units {
            match unit.parent_id.filter(|parent| known.contains(parent)) {
                Some(parent) => children.entry(parent).or_default().push(unit),
                None => roots.push(unit),
            }
        }
        fn attach(
            unit: OrgUnitView,
            children: &mut std::collections::HashMap<OrgUnitId, Vec<OrgUnitView>>,
        ) -> OrgTreeNode {
            let kids = children.remove(&unit.id).unwrap_or_default();
            OrgTreeNode { unit, children: kids.into_iter().map(|kid| attach(kid, children)).collect() }
        }
        roots.into_iter().map(|root| attach(root, &mut children)).collect()
    }

    /// The number of nodes in this subtree, itself included.
    pub fn size(&self) -> usize {
        1 + self.children.iter().map(OrgTreeNode::size).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_node_may_move_under_any_active_node_of_its_pemda_outside_its_own_subtree() {
        let mut kota = unit(1, None, "64.74");
        kota.kind = OrgKind::Kota;
        kota.timezone = Some(Timezone::Wita);
        let mut dinas = unit(2, Some(1), "64.74.DLH");
        dinas.pemda_id = kota.id;
        let mut uptd = unit(3, Some(2), "64.74.DLH.UPTD");
        uptd.pemda_id = kota.id;
        let mut closed = unit(4, Some(1), "64.74.LAMA");
        closed.pemda_id = kota.id;
        closed.active = false;
        let mut elsewhere = unit(5, None, "64.72");
        elsewhere.kind = OrgKind::Kota;
        elsewhere.timezone = Some(Timezone::Wita);
        elsewhere.pemda_id = elsewhere.id;
        let units = [kota.clone(), dinas.clone(), uptd, closed, elsewhere];
        let codes = |node: &OrgUnitView| move_targets(&units, node).iter().map(|u| u.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&dinas), ["64.74"]);
        assert!(codes(&kota).is_empty(), "a city sits at the root or under a province");
    }

    #[test]
    fn no_node_becomes_the_national_node_and_it_stays_what_it_is() {
        assert_eq!(check_kind_change(OrgKind::Provinsi, OrgKind::Nasional), Err(PlacementError::NationalKindChange));
        assert_eq!(check_kind_change(OrgKind::Nasional, OrgKind::Provinsi), Err(PlacementError::NationalKindChange));
        assert_eq!(check_kind_change(OrgKind::Nasional, OrgKind::Nasional), Ok(()));
    }

    #[test]
    fn a_city_may_become_a_regency_but_never_an_agency() {
        assert_eq!(check_kind_change(OrgKind::Kota, OrgKind::Kabupaten), Ok(()));
        assert_eq!(check_kind_change(OrgKind::Dinas, OrgKind::Badan), Ok(()));
        assert_eq!(check_kind_change(OrgKind::Kota, OrgKind::Dinas), Err(PlacementError::TenantKindChange));
        assert_eq!(check_kind_change(OrgKind::Uptd, OrgKind::Provinsi), Err(PlacementError::TenantKindChange));
    }

    #[test]
    fn an_agency_moves_only_within_its_pemda_but_a_pemda_may_change_province() {
        let (a, b) = (OrgUnitId::from_uuid(Uuid::from_u128(1)), OrgUnitId::from_uuid(Uuid::from_u128(2)));
        assert_eq!(check_move(OrgKind::Dinas, a, a), Ok(()));
        assert_eq!(check_move(OrgKind::Dinas, a, b), Err(PlacementError::AcrossPemda));
        assert_eq!(check_move(OrgKind::Kota, a, b), Ok(()));
    }

    fn unit(n: u128, parent: Option<u128>, code: &str) -> OrgUnitView {
        OrgUnitView {
            id: OrgUnitId::from_uuid(Uuid::from_u128(n)),
            parent_id: parent.map(|p| OrgUnitId::from_uuid(Uuid::from_u128(p))),
            pemda_id: OrgUnitId::from_uuid(Uuid::from_u128(1)),
            kind: OrgKind::Dinas,
            code: code.into(),
            name: code.into(),
            timezone: None,
            active: true,
        }
    }

    #[test]
    fn every_kind_survives_a_round_trip_through_its_storage_form() {
        for kind in OrgKind::ALL {
            assert_eq!(kind.as_str().parse::<OrgKind>(), Ok(kind));
        }
    }

    #[test]
    fn only_the_national_node_provinces_regencies_and_cities_are_pemda_level() {
        let pemda: Vec<_> = OrgKind::ALL.into_iter().filter(|k| k.is_pemda()).collect();
        assert_eq!(pemda, [OrgKind::Nasional, OrgKind::Provinsi, OrgKind::Kabupaten, OrgKind::Kota]);
    }

    #[test]
    fn the_national_node_is_a_root_that_holds_only_provinces() {
        use PlacementError::*;
        let tz = Some(Timezone::Wib);
        assert_eq!(check_placement(OrgKind::Nasional, None, tz), Ok(()));
        assert_eq!(check_placement(OrgKind::Provinsi, Some(OrgKind::Nasional), tz), Ok(()));
        assert_eq!(check_placement(OrgKind::Nasional, Some(OrgKind::Provinsi), tz), Err(NationalHasParent));
        assert_eq!(check_placement(OrgKind::Kota, Some(OrgKind::Nasional), tz), Err(NationalHoldsProvinces));
        assert_eq!(check_placement(OrgKind::Dinas, Some(OrgKind::Nasional), None), Err(NationalHoldsProvinces));
        assert_eq!(check_placement(OrgKind::Provinsi, Some(OrgKind::Kota), tz), Err(ProvinceHasParent));
    }

    #[test]
    fn wita_is_eight_hours_ahead_of_utc() {
        let noon_utc = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z").map(|t| t.with_timezone(&Utc));
        let local = noon_utc.map(|t| Timezone::Wita.local(t).format("%H:%M").to_string());
        assert_eq!(local.as_deref(), Ok("20:00"));
    }

    #[test]
    fn time_zones_parse_from_abbreviation_or_iana_name() {
        assert_eq!("wita".parse::<Timezone>(), Ok(Timezone::Wita));
        assert_eq!("Asia/Jayapura".parse::<Timezone>(), Ok(Timezone::Wit));
        assert!("UTC".parse::<Timezone>().is_err());
    }

    #[test]
    fn a_city_sits_under_a_province_and_an_agency_under_anything() {
        assert_eq!(check_placement(OrgKind::Kota, Some(OrgKind::Provinsi), Some(Timezone::Wita)), Ok(()));
        assert_eq!(check_placement(OrgKind::Kota, None, Some(Timezone::Wib)), Ok(()));
        assert_eq!(check_placement(OrgKind::Dinas, Some(OrgKind::Kota), None), Ok(()));
        assert_eq!(check_placement(OrgKind::Kelurahan, Some(OrgKind::Kecamatan), None), Ok(()));
    }

    #[test]
    fn misplaced_nodes_are_rejected_with_the_reason() {
        use PlacementError::*;
        let tz = Some(Timezone::Wita);
        assert_eq!(check_placement(OrgKind::Provinsi, Some(OrgKind::Provinsi), tz), Err(ProvinceHasParent));
        assert_eq!(check_placement(OrgKind::Kota, Some(OrgKind::Dinas), tz), Err(PemdaUnderNonProvince));
        assert_eq!(check_placement(OrgKind::Dinas, None, None), Err(AgencyWithoutParent));
        assert_eq!(check_placement(OrgKind::Kota, None, None), Err(PemdaWithoutTimezone));
        assert_eq!(check_placement(OrgKind::Dinas, Some(OrgKind::Kota), tz), Err(AgencyWithTimezone));
    }

    #[test]
    fn the_forest_nests_children_under_parents_ordered_by_code() {
        let forest = OrgTreeNode::forest(vec![unit(3, Some(1), "B"), unit(1, None, "P"), unit(2, Some(1), "A")]);
        assert_eq!(forest.len(), 1);
        let codes: Vec<_> = forest[0].children.iter().map(|c| c.unit.code.as_str()).collect();
        assert_eq!(codes, ["A", "B"]);
        assert_eq!(forest[0].size(), 3);
    }

    #[test]
    fn a_node_whose_parent_is_not_visible_becomes_a_root() {
        let forest = OrgTreeNode::forest(vec![unit(2, Some(1), "A"), unit(3, Some(2), "B")]);
        assert_eq!(forest.len(), 1);
        assert_eq!(forest[0].unit.code, "A");
    }
}
