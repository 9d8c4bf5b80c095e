//! Work-culture groups (KBK) and their documented actions (domain brief, decisions 3 and 4; section 6).

use crate::{
    access::Role,
    ids::{ActionId, EvidenceId, KbkId, MemberId, OrgUnitId, UserId, ValueId},
    locale::Locale,
    programme::Quarter,
    text::{TextError, parse_optional_text, parse_text},
    workflow::ReviewState,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A seat in a KBK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum KbkRole {
    /// Leader (Kasi/Kasubbag/Kasubbid): verifies members' actions.
    Ketua,
    /// Trained guide: verifies actions too.
    Fasilitator,
    /// Secretary / minute-taker: a member's rights.
    Sekretaris,
    /// Member: logs actions.
    Anggota,
}

impl KbkRole {
    /// Every seat, leader first.
    pub const ALL: [KbkRole; 4] = [KbkRole::Ketua, KbkRole::Fasilitator, KbkRole::Sekretaris, KbkRole::Anggota];

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            KbkRole::Ketua => "ketua",
            KbkRole::Fasilitator => "fasilitator",
            KbkRole::Sekretaris => "sekretaris",
            KbkRole::Anggota => "anggota",
        }
    }

    /// The access role a member in this seat holds on the OPD (decision 6: the secretary has member rights).
    pub const fn access_role(self) -> Role {
        match self {
            KbkRole::Ketua => Role::KetuaKbk,
            KbkRole::Fasilitator => Role::Fasilitator,
            KbkRole::Sekretaris | KbkRole::Anggota => Role::AnggotaKbk,
        }
    }

    /// Whether this seat verifies members' actions.
    pub const fn verifies(self) -> bool {
        matches!(self, KbkRole::Ketua | KbkRole::Fasilitator)
    }

    /// The seat a person holding `seats` acts with: the stronger one, one that verifies before one that does not.
    pub fn strongest(seats: impl IntoIterator<Item = KbkRole>) -> Option<KbkRole> {
        seats.into_iter().min_by_key(|role| !role.verifies())
    }

    /// The seat's name as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (KbkRole::Ketua, Locale::Id) => "Ketua",
            (KbkRole::Ketua, Locale::En) => "Leader",
            (KbkRole::Fasilitator, Locale::Id) => "Fasilitator",
            (KbkRole::Fasilitator, Locale::En) => "Facilitator",
            (KbkRole::Sekretaris, Locale::Id) => "Sekretaris/Notulis",
            (KbkRole::Sekretaris, Locale::En) => "Secretary",
            (KbkRole::Anggota, Locale::Id) => "Anggota",
            (KbkRole::Anggota, Locale::En) => "Member",
        }
    }
}

impl FromStr for KbkRole {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KbkRole::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "KBK role", found: s.to_owned() })
    }
}

/// The recommended KBK size (decision 3): warn outside it, never block.
pub const RECOMMENDED_SIZE: std::ops::RangeInclusive<usize> = 4..=10;

/// The warning for a KBK of `members` active members, if its size is outside the recommendation.
pub fn size_warning(members: usize, locale: Locale) -> Option<String> {
    if RECOMMENDED_SIZE.contains(&members) {
        return None;
    }
    Some(match locale {
        Locale::Id => format!("KBK ini beranggota {members} orang; yang dianjurkan 4-10 orang."),
        Locale::En => format!("This KBK has {members} members; 4-10 is recommended."),
    })
}

/// A KBK member as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    /// The seat.
    pub id: MemberId,
    /// The user, for members with an account in the OPD.
    pub user_id: Option<UserId>,
    /// Full name.
    pub name: String,
    /// NIP, if known.
    pub nip: Option<String>,
    /// Seat.
    pub role: KbkRole,
    /// Still in the KBK.
    pub active: bool,
}

/// The decree (SK Kepala OPD) that formed a KBK.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecreeView {
    /// SK number, e.g. `800/123/DLH/2026`.
    pub number: String,
    /// SK date.
    pub date: NaiveDate,
    /// The scanned SK, once uploaded.
    pub evidence_id: Option<EvidenceId>,
}

/// A KBK with its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KbkView {
    /// The KBK.
    pub id: KbkId,
    /// The OPD it belongs to.
    pub opd_id: OrgUnitId,
    /// The OPD's name.
    pub opd_name: String,
    /// Team name, e.g. "Hijau Bessai".
    pub name: String,
    /// The work unit (seksi/subbidang/subbagian) it sits in.
    pub work_unit: String,
    /// Its founding decree, once recorded.
    pub decree: Option<DecreeView>,
    /// Active, or deactivated (kept with its history).
    pub active: bool,
    /// Members, leader first.
    pub members: Vec<MemberView>,
    /// The size warning, if any (Indonesian).
    pub size_warning: Option<String>,
}

impl KbkView {
    /// The seat `user` acts with in this KBK, if they hold an active one.
    pub fn seat_of(&self, user: UserId) -> Option<KbkRole> {
        KbkRole::strongest(
            self.members
                .iter()
                .filter(|member| member.active && member.user_id == Some(user))
                .map(|member| member.role),
        )
    }
}

/// A KBK as typed into the form or sent to the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KbkInput {
    /// Team name.
    pub name: String,
    /// Work unit.
    pub work_unit: String,
    /// SK number, if the decree exists yet.
    pub sk_number: Option<String>,
    /// SK date.
    pub sk_date: Option<NaiveDate>,
}

/// A member to add: a user of the OPD, or a named outsider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberInput {
    /// A user with a role in the OPD.
    pub user_id: Option<UserId>,
    /// An outsider's full name (when there is no user).
    pub name: Option<String>,
    /// An outsider's NIP.
    pub nip: Option<String>,
    /// The seat.
    pub role: KbkRole,
}

/// What kind of action it was (section 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActionKind {
    /// Routine KBK meeting.
    PertemuanRutin,
    /// Socialisation / internalisation of the values.
    Sosialisasi,
    /// Morning assembly or briefing on the values.
    Apel,
    /// Technical guidance or training.
    Bimtek,
    /// An improvement step (PDCA / 7 steps).
    AksiPerbaikan,
    /// 5R / tidiness.
    Kebersihan5r,
    /// Service improvement or innovation.
    LayananInovasi,
    /// Role-model award.
    PenghargaanRoleModel,
    /// Anything else.
    LainLain,
}

impl ActionKind {
    /// Every kind, in picker order.
    pub const ALL: [ActionKind; 9] = [
        ActionKind::PertemuanRutin,
        ActionKind::Sosialisasi,
        ActionKind::Apel,
        ActionKind::Bimtek,
        ActionKind::AksiPerbaikan,
        ActionKind::Kebersihan5r,
        ActionKind::LayananInovasi,
        ActionKind::PenghargaanRoleModel,
        ActionKind::LainLain,
    ];

    /// The stable storage and API form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ActionKind::PertemuanRutin => "pertemuan_rutin",
            ActionKind::Sosialisasi => "sosialisasi",
            ActionKind::Apel => "apel",
            ActionKind::Bimtek => "bimtek",
            ActionKind::AksiPerbaikan => "aksi_perbaikan",
            ActionKind::Kebersihan5r => "kebersihan5r",
            ActionKind::LayananInovasi => "layanan_inovasi",
            ActionKind::PenghargaanRoleModel => "penghargaan_role_model",
            ActionKind::LainLain => "lain_lain",
        }
    }

    /// The kind's name as users read it.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ActionKind::PertemuanRutin, Locale::Id) => "Pertemuan rutin KBK",
            (ActionKind::PertemuanRutin, Locale::En) => "Routine KBK meeting",
            (ActionKind::Sosialisasi, Locale::Id) => "Sosialisasi/internalisasi",
            (ActionKind::Sosialisasi, Locale::En) => "Socialisation",
            (ActionKind::Apel, Locale::Id) => "Apel/briefing nilai",
            (ActionKind::Apel, Locale::En) => "Values briefing",
            (ActionKind::Bimtek, Locale::Id) => "Bimtek/pelatihan",
            (ActionKind::Bimtek, Locale::En) => "Training",
            (ActionKind::AksiPerbaikan, Locale::Id) => "Aksi perbaikan (PDCA)",
            (ActionKind::AksiPerbaikan, Locale::En) => "Improvement step (PDCA)",
            (ActionKind::Kebersihan5r, Locale::Id) => "5R/kebersihan",
            (ActionKind::Kebersihan5r, Locale::En) => "5S/tidiness",
            (ActionKind::LayananInovasi, Locale::Id) => "Layanan/inovasi",
            (ActionKind::LayananInovasi, Locale::En) => "Service/innovation",
            (ActionKind::PenghargaanRoleModel, Locale::Id) => "Penghargaan role model",
            (ActionKind::PenghargaanRoleModel, Locale::En) => "Role-model award",
            (ActionKind::LainLain, Locale::Id) => "Lain-lain",
            (ActionKind::LainLain, Locale::En) => "Other",
        }
    }
}

impl FromStr for ActionKind {
    type Err = crate::org::UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| crate::org::UnknownVariant { what: "action kind", found: s.to_owned() })
    }
}

/// An action as typed into the form or sent to the API, before parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionInput {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ActionKind,
    /// The day it happened (or started).
    pub started_on: NaiveDate,
    /// The last day, for actions over several days.
    pub ended_on: Option<NaiveDate>,
    /// Where.
    pub location: String,
    /// The OPD's chosen values it lives (at least one).
    pub value_ids: Vec<ValueId>,
    /// What was done and why.
    pub description: String,
    /// People invited or targeted.
    #[serde(deserialize_with = "crate::number::whole")]
    pub participants: u32,
    /// People who attended (from the attendance list).
    #[serde(deserialize_with = "crate::number::whole")]
    pub attendees: u32,
    /// Result or output.
    pub result: Option<String>,
    /// Indicator, for measurable actions.
    pub indicator: Option<String>,
    /// Target of the indicator.
    pub target: Option<String>,
    /// Realisation of the indicator.
    pub realisation: Option<String>,
}

/// The free-text fields of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionText {
    /// Title.
    Title,
    /// Location.
    Location,
    /// Description.
    Description,
    /// Result.
    Result,
    /// Indicator.
    Indicator,
    /// Target of the indicator.
    Target,
    /// Realisation of the indicator.
    Realisation,
}

impl ActionText {
    /// The field's name in a request.
    pub const fn key(self) -> &'static str {
        match self {
            ActionText::Title => "title",
            ActionText::Location => "location",
            ActionText::Description => "description",
            ActionText::Result => "result",
            ActionText::Indicator => "indicator",
            ActionText::Target => "target",
            ActionText::Realisation => "realisation",
        }
    }

    /// The field's label.
    pub const fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ActionText::Title, Locale::Id) => "Judul",
            (ActionText::Title, Locale::En) => "Title",
            (ActionText::Location, Locale::Id) => "Lokasi",
            (ActionText::Location, Locale::En) => "Location",
            (ActionText::Description, Locale::Id) => "Uraian",
            (ActionText::Description, Locale::En) => "Description",
            (ActionText::Result, Locale::Id) => "Hasil",
            (ActionText::Result, Locale::En) => "Result",
            (ActionText::Indicator, Locale::Id) => "Indikator",
            (ActionText::Indicator, Locale::En) => "Indicator",
            (ActionText::Target, _) => "Target",
            (ActionText::Realisation, Locale::Id) => "Realisasi",
            (ActionText::Realisation, Locale::En) => "Realisation",
        }
    }
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ActionError {
    /// A text field failed.
    #[error("{}: {error}", field.key())]
    Text {
        /// Which field.
        field: ActionText,
        /// How.
        error: TextError,
    },
    /// The end date is before the start date.
    #[error("ends before it starts")]
    EndsBeforeStart,
    /// No value chosen.
    #[error("no value")]
    NoValue,
    /// A value the OPD has not chosen (approved) for that year.
    #[error("value not chosen")]
    ValueNotChosen,
    /// Dated in a year for which the OPD has no approved values at all: outside its programme.
    #[error("no approved values in {year}")]
    OutsideProgramme {
        /// The year of the action's first day.
        year: i32,
    },
    /// More attendees than participants.
    #[error("attendees exceed participants")]
    TooManyAttendees,
    /// Dated in the future.
    #[error("in the future")]
    InFuture,
}

impl ActionError {
    /// The request field the refusal is about.
    pub const fn field(&self) -> &'static str {
        match self {
            ActionError::Text { field, .. } => field.key(),
            ActionError::EndsBeforeStart => "ended_on",
            ActionError::NoValue | ActionError::ValueNotChosen => "values",
            ActionError::OutsideProgramme { .. } | ActionError::InFuture => "started_on",
            ActionError::TooManyAttendees => "attendees",
        }
    }

    /// The refusal as a sentence for the user.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (ActionError::Text { field, error }, _) => format!("{}: {}", field.label(locale), error.message(locale)),
            (ActionError::EndsBeforeStart, Locale::Id) => "Tanggal selesai tidak boleh sebelum tanggal mulai.".into(),
            (ActionError::EndsBeforeStart, Locale::En) => "The end date cannot be before the start date.".into(),
            (ActionError::NoValue, Locale::Id) => "Pilih paling sedikit satu nilai yang diterapkan.".into(),
            (ActionError::NoValue, Locale::En) => "Choose at least one value the action lives.".into(),
            (ActionError::OutsideProgramme { year }, Locale::Id) => format!(
                "Tanggal kegiatan di luar tahun program: OPD belum memiliki nilai yang disetujui untuk tahun {year}."
            ),
            (ActionError::OutsideProgramme { year }, Locale::En) => {
                format!("The action's date is outside the programme: the OPD has no approved values for {year}.")
            }
            (ActionError::ValueNotChosen, Locale::Id) => {
                "Nilai itu bukan nilai OPD yang disetujui untuk tahun kegiatan.".into()
            }
            (ActionError::ValueNotChosen, Locale::En) => {
                "That value is not one of the OPD's approved values for the action's year.".into()
            }
            (ActionError::TooManyAttendees, Locale::Id) => "Jumlah hadir tidak boleh melebihi jumlah peserta.".into(),
            (ActionError::TooManyAttendees, Locale::En) => "Attendees cannot exceed participants.".into(),
            (ActionError::InFuture, Locale::Id) => "Tanggal kegiatan tidak boleh di masa depan.".into(),
            (ActionError::InFuture, Locale::En) => "The activity date cannot be in the future.".into(),
        }
    }
}

/// Longest SK (decree) number.
pub const MAX_SK_NUMBER: usize = 100;
/// Longest title or location.
pub const MAX_TITLE: usize = 200;
/// Longest description or result.
pub const MAX_TEXT: usize = 5000;

/// Parses an action: tidy text, sensible dates (not after `today` in the Pemda's zone), at least one value, all
/// of them among `chosen` (the OPD's approved values for the action's year). Every refusal is returned, so a form
/// can show them all at once.
pub fn parse_action(input: ActionInput, today: NaiveDate, chosen: &[ValueId]) -> Result<ActionInput, Vec<ActionError>> {
    let mut problems = Vec::new();
    let mut keep = |field, parsed: Result<Option<String>, TextError>| {
        parsed.map_err(|error| problems.push(ActionError::Text { field, error })).ok().flatten()
    };
    let title = keep(ActionText::Title, parse_text(&input.title, MAX_TITLE).map(Some));
    let location = keep(ActionText::Location, parse_text(&input.location, MAX_TITLE).map(Some));
    let description = keep(ActionText::Description, parse_text(&input.description, MAX_TEXT).map(Some));
    let result = keep(ActionText::Result, parse_optional_text(input.result.as_deref(), MAX_TEXT));
    let indicator = keep(ActionText::Indicator, parse_optional_text(input.indicator.as_deref(), MAX_TITLE));
    let target = keep(ActionText::Target, parse_optional_text(input.target.as_deref(), MAX_TITLE));
    let realisation = keep(ActionText::Realisation, parse_optional_text(input.realisation.as_deref(), MAX_TITLE));
    if chosen.is_empty() {
        problems.push(ActionError::OutsideProgramme { year: input.started_on.year() });
    }
    if input.started_on > today {
        problems.push(ActionError::InFuture);
    }
    if input.ended_on.is_some_and(|end| end < input.started_on) {
        problems.push(ActionError::EndsBeforeStart);
    } else if input.ended_on.is_some_and(|end| end > today) && input.started_on <= today {
        problems.push(ActionError::InFuture);
    }
    if input.attendees > input.participants {
        problems.push(ActionError::TooManyAttendees);
    }
    let mut value_ids = input.value_ids;
    value_ids.sort();
    value_ids.dedup();
    if value_ids.is_empty() {
        problems.push(ActionError::NoValue);
    } else if !chosen.is_empty() && !value_ids.iter().all(|id| chosen.contains(id)) {
        problems.push(ActionError::ValueNotChosen);
    }
    match (title, location, description) {
        (Some(title), Some(location), Some(description)) if problems.is_empty() => Ok(ActionInput {
            title,
            kind: input.kind,
            started_on: input.started_on,
            ended_on: input.ended_on.filter(|end| *end != input.started_on),
            location,
            value_ids,
            description,
            participants: input.participants,
            attendees: input.attendees,
            result,
            indicator,
            target,
            realisation,
        }),
        _ => Err(problems),
    }
}

/// Whether an action logged on `entered_on` (in the Pemda's zone) is dated in another quarter or year: such
/// entries are flagged, since they land in a different report than the one being worked on when entered.
pub fn dated_outside_entry_quarter(started_on: NaiveDate, entered_on: NaiveDate) -> bool {
    use chrono::Datelike;
    (started_on.year(), Quarter::of(started_on)) != (entered_on.year(), Quarter::of(entered_on))
}

/// An action as a list row shows it: what the KBK page's table needs, and nothing it would only ship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    /// The action.
    pub id: ActionId,
    /// Title.
    pub title: String,
    /// The day it happened (or started).
    pub started_on: NaiveDate,
    /// Where it stands.
    pub state: ReviewState,
}

/// A value an action lives, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionValue {
    /// The value.
    pub id: ValueId,
    /// Its code.
    pub code: String,
    /// Its Indonesian name.
    pub name: String,
}

/// An evidence file as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceView {
    /// The file.
    pub id: EvidenceId,
    /// The name it was uploaded under.
    pub file_name: String,
    /// The type decided from its content.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// When it was uploaded.
    pub uploaded_at: DateTime<Utc>,
    /// For photos: when the camera says it was taken (its local time, from EXIF), if recorded.
    pub taken_at: Option<chrono::NaiveDateTime>,
    /// Whether a thumbnail is available (photos that could be decoded).
    pub has_thumbnail: bool,
}

/// A documented action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionView {
    /// The action.
    pub id: ActionId,
    /// The KBK it belongs to.
    pub kbk_id: KbkId,
    /// The KBK's name.
    pub kbk_name: String,
    /// The OPD.
    pub opd_id: OrgUnitId,
    /// Who logged it.
    pub author_id: UserId,
    /// The author's name.
    pub author_name: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ActionKind,
    /// The day it happened (or started).
    pub started_on: NaiveDate,
    /// The last day, if several.
    pub ended_on: Option<NaiveDate>,
    /// Where.
    pub location: String,
    /// The values it lives.
    pub values: Vec<ActionValue>,
    /// What was done.
    pub description: String,
    /// People invited.
    pub participants: u32,
    /// People who attended.
    pub attendees: u32,
    /// Result.
    pub result: Option<String>,
    /// Indicator.
    pub indicator: Option<String>,
    /// Target.
    pub target: Option<String>,
    /// Realisation.
    pub realisation: Option<String>,
    /// Where it stands.
    pub state: ReviewState,
    /// The verifier's reason when returned.
    pub return_reason: Option<String>,
    /// When it was entered.
    pub entered_at: DateTime<Utc>,
    /// Dated in another quarter than the one it was entered in.
    pub dated_outside_entry_quarter: bool,
    /// Evidence files.
    pub evidence: Vec<EvidenceView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_person_in_two_seats_acts_with_the_one_that_verifies() {
        assert_eq!(KbkRole::strongest([KbkRole::Anggota, KbkRole::Fasilitator]), Some(KbkRole::Fasilitator));
        assert_eq!(KbkRole::strongest([KbkRole::Sekretaris]), Some(KbkRole::Sekretaris));
        assert_eq!(KbkRole::strongest([]), None);
    }

    #[test]
    fn a_former_member_holds_no_seat() {
        let user = UserId::from_uuid(Uuid::from_u128(1));
        let member = |role, active| MemberView {
            id: MemberId::from_uuid(Uuid::from_u128(2)),
            user_id: Some(user),
            name: "Sari".into(),
            nip: None,
            role,
            active,
        };
        let mut kbk = KbkView {
            id: KbkId::from_uuid(Uuid::from_u128(3)),
            opd_id: OrgUnitId::from_uuid(Uuid::from_u128(4)),
            opd_name: "DLH".into(),
            name: "Hijau".into(),
            work_unit: "Sekretariat".into(),
            decree: None,
            active: true,
            members: vec![member(KbkRole::Ketua, false), member(KbkRole::Anggota, true)],
            size_warning: None,
        };
        assert_eq!(kbk.seat_of(user), Some(KbkRole::Anggota));
        kbk.members[1].active = false;
        assert_eq!(kbk.seat_of(user), None);
        assert_eq!(kbk.seat_of(UserId::from_uuid(Uuid::from_u128(5))), None);
    }

    fn value(n: u128) -> ValueId {
        ValueId::from_uuid(Uuid::from_u128(n))
    }

    fn input() -> ActionInput {
        ActionInput {
            title: " Apel   nilai ".into(),
            kind: ActionKind::Apel,
            started_on: date(2026, 11, 20),
            ended_on: None,
            location: "Halaman kantor DLH".into(),
            value_ids: vec![value(2), value(1), value(2)],
            description: "Apel pagi dengan pembacaan nilai.".into(),
            participants: 40,
            attendees: 38,
            result: Some("  ".into()),
            indicator: None,
            target: None,
            realisation: None,
        }
    }

    #[test]
    fn an_action_is_tidied_and_its_values_deduplicated() {
        let parsed = parse_action(input(), date(2026, 11, 22), &[value(1), value(2)]).expect("valid");
        assert_eq!(parsed.title, "Apel   nilai");
        assert_eq!(parsed.value_ids, vec![value(1), value(2)]);
        assert_eq!(parsed.result, None);
    }

    #[test]
    fn an_action_needs_one_of_the_opds_chosen_values() {
        let mut none = input();
        none.value_ids.clear();
        assert_eq!(parse_action(none, date(2026, 11, 22), &[value(1)]), Err(vec![ActionError::NoValue]));
        assert_eq!(parse_action(input(), date(2026, 11, 22), &[value(1)]), Err(vec![ActionError::ValueNotChosen]));
    }

    #[test]
    fn an_action_in_a_year_without_approved_values_is_outside_the_programme() {
        let mut old = input();
        old.started_on = date(2019, 3, 1);
        let refused = parse_action(old, date(2026, 11, 22), &[]);
        assert_eq!(refused, Err(vec![ActionError::OutsideProgramme { year: 2019 }]));
        let message =
            refused.err().and_then(|errors| errors.first().map(|e| e.message(Locale::Id))).unwrap_or_default();
        assert!(message.contains("di luar tahun program") && message.contains("2019"), "{message}");
    }

    #[test]
    fn impossible_dates_and_counts_are_refused() {
        let chosen = [value(1), value(2)];
        let mut backwards = input();
        backwards.ended_on = Some(date(2026, 11, 19));
        assert_eq!(parse_action(backwards, date(2026, 11, 22), &chosen), Err(vec![ActionError::EndsBeforeStart]));
        assert_eq!(parse_action(input(), date(2026, 11, 19), &chosen), Err(vec![ActionError::InFuture]));
        let mut crowded = input();
        crowded.attendees = 41;
        assert_eq!(parse_action(crowded, date(2026, 11, 22), &chosen), Err(vec![ActionError::TooManyAttendees]));
    }

    #[test]
    fn every_refusal_of_an_action_is_returned_at_once_each_naming_its_field() {
        let mut bad = input();
        bad.title = " ".into();
        bad.location = String::new();
        bad.attendees = 41;
        bad.value_ids.clear();
        let refused = parse_action(bad, date(2026, 11, 22), &[value(1)]).expect_err("refused");
        let fields: Vec<&str> = refused.iter().map(ActionError::field).collect();
        assert_eq!(fields, ["title", "location", "attendees", "values"]);
        assert_eq!(refused[0].message(Locale::En), "Title: Required.");
    }

    #[test]
    fn an_action_dated_in_another_quarter_than_its_entry_is_flagged() {
        assert!(!dated_outside_entry_quarter(date(2026, 10, 1), date(2026, 12, 31)));
        assert!(dated_outside_entry_quarter(date(2026, 9, 30), date(2026, 10, 2)));
        assert!(dated_outside_entry_quarter(date(2025, 11, 1), date(2026, 11, 1)));
    }

    #[test]
    fn kbk_size_outside_four_to_ten_warns() {
        assert_eq!(size_warning(4, Locale::Id), None);
        assert_eq!(size_warning(10, Locale::Id), None);
        assert_eq!(
            size_warning(3, Locale::Id).as_deref(),
            Some("KBK ini beranggota 3 orang; yang dianjurkan 4-10 orang.")
        );
        assert!(size_warning(11, Locale::En).is_some());
    }

    #[test]
    fn the_secretary_holds_member_rights_and_only_leaders_verify() {
        assert_eq!(KbkRole::Sekretaris.access_role(), Role::AnggotaKbk);
        assert!(KbkRole::Fasilitator.verifies() && KbkRole::Ketua.verifies());
        assert!(!KbkRole::Sekretaris.verifies() && !KbkRole::Anggota.verifies());
    }

    #[test]
    fn kinds_and_roles_survive_a_round_trip_through_their_storage_form() {
        for kind in ActionKind::ALL {
            assert_eq!(kind.as_str().parse::<ActionKind>(), Ok(kind));
        }
        for role in KbkRole::ALL {
            assert_eq!(role.as_str().parse::<KbkRole>(), Ok(role));
        }
    }
}
