//! A Pemda's programme year: which frameworks OPDs choose from, how many values, and the report due dates.
//! A year nobody configured runs on the defaults (KepMenPAN 25/2002, 3-5 values, due 10 days after each quarter).

use crate::{
    ServiceError, ServiceResult,
    access::{Actor, reach},
    audit::{self, AuditEntry, RequestMeta},
    catalogue::{KEPMENPAN_25_2002_URN, get_framework_by_urn},
    entity::{org_unit, programme_framework, programme_year, value_framework},
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{
    access::Action,
    ids::{FrameworkId, OrgUnitId},
    locale::Locale,
    org::Timezone,
    programme::{ProgrammeYear, ProgrammeYearView, default_due_dates},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// The time zone recorded on a Pemda's row (WIB if none is, or there is no row).
pub(crate) fn timezone_of(pemda: Option<&org_unit::Model>) -> Timezone {
    Timezone::recorded(pemda.and_then(|p| p.timezone.as_deref()))
}

/// The time zone of a Pemda (WIB if none is recorded).
pub async fn pemda_timezone(db: &impl ConnectionTrait, pemda_id: Uuid) -> ServiceResult<Timezone> {
    Ok(timezone_of(org_unit::Entity::find_by_id(pemda_id).one(db).await?.as_ref()))
}

/// The time zone of the Pemda `unit` belongs to (a Pemda's own for a Pemda).
pub async fn unit_timezone(db: &impl ConnectionTrait, unit: Uuid) -> ServiceResult<Timezone> {
    match org_unit::Entity::find_by_id(unit).one(db).await? {
        Some(row) => pemda_timezone(db, row.pemda_id).await,
        None => Err(crate::ServiceError::NotFound),
    }
}

/// Today in the Pemda's time zone: due dates and activity dates are calendar days there.
pub async fn pemda_today(db: &impl ConnectionTrait, pemda_id: Uuid, now: DateTime<Utc>) -> ServiceResult<NaiveDate> {
    Ok(pemda_timezone(db, pemda_id).await?.local(now).date_naive())
}

/// The year OPDs of the Pemda work in now: the one marked active, else the current calendar year there.
pub async fn active_year(db: &impl ConnectionTrait, pemda_id: Uuid, now: DateTime<Utc>) -> ServiceResult<i32> {
    let active = programme_year::Entity::find()
        .filter(programme_year::Column::PemdaId.eq(pemda_id))
        .filter(programme_year::Column::Active.eq(true))
        .one(db)
        .await?;
    match active {
        Some(row) => Ok(row.year),
        None => Ok(pemda_today(db, pemda_id, now).await?.year()),
    }
}

/// A Pemda's programme calendar at one moment: what [`pemda_today`], [`active_year`] and the due dates of
/// [`rules`] give, read in two queries (the Pemda's row, and its active year with the current calendar year),
/// for pages that need all of them.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// The Pemda's name.
    pub pemda_name: String,
    /// Today in that time zone.
    pub today: NaiveDate,
    /// The year its OPDs work in.
    pub year: i32,
    /// The report due dates of that year, stored or the defaults.
    pub due_dates: Vec<NaiveDate>,
}

/// The calendar of the Pemda `pemda_id` at `now`.
pub async fn calendar(db: &impl ConnectionTrait, pemda_id: Uuid, now: DateTime<Utc>) -> ServiceResult<Calendar> {
    let pemda = org_unit::Entity::find_by_id(pemda_id).one(db).await?;
    let today = timezone_of(pemda.as_ref()).local(now).date_naive();
    // At most two rows: the active year, and the calendar year in case none is active.
    let years = programme_year::Entity::find()
        .filter(programme_year::Column::PemdaId.eq(pemda_id))
        .filter(
            Condition::any()
                .add(programme_year::Column::Active.eq(true))
                .add(programme_year::Column::Year.eq(today.year())),
        )
        .all(db)
        .await?;
    let year = years.iter().find(|row| row.active).map_or(today.year(), |row| row.year);
    let due_dates = match years.iter().find(|row| row.year == year) {
        Some(row) => due_dates_of(row),
        None => default_due_dates(year),
    };
    Ok(Calendar { pemda_name: pemda.map(|p| p.name).unwrap_or_default(), today, year, due_dates })
}

fn due_dates_of(row: &programme_year::Model) -> Vec<NaiveDate> {
    vec![row.due_q1, row.due_q2, row.due_q3, row.due_q4]
}

fn small(n: i16) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

/// The rules of the Pemda's `year`: stored, or the defaults.
pub async fn rules(db: &impl ConnectionTrait, pemda_id: Uuid, year: i32) -> ServiceResult<ProgrammeYearView> {
    let stored = programme_year::Entity::find()
        .filter(programme_year::Column::PemdaId.eq(pemda_id))
        .filter(programme_year::Column::Year.eq(year))
        .one(db)
        .await?;
    let Some(row) = stored else {
        let default = get_framework_by_urn(db, KEPMENPAN_25_2002_URN).await?;
        return Ok(ProgrammeYearView::defaults(OrgUnitId::from_uuid(pemda_id), year, default.summary.id));
    };
    let framework_ids = programme_framework::Entity::find()
        .filter(programme_framework::Column::ProgrammeYearId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| FrameworkId::from_uuid(link.framework_id))
        .collect();
    Ok(ProgrammeYearView {
        pemda_id: OrgUnitId::from_uuid(row.pemda_id),
        year: row.year,
        active: row.active,
        framework_ids,
        min_values: small(row.min_values),
        max_values: small(row.max_values),
        min_behaviours: small(row.min_behaviours),
        due_dates: due_dates_of(&row),
    })
}

/// The Pemda node, if the actor may see its programme.
async fn visible_pemda(db: &impl ConnectionTrait, actor: &Actor, pemda: OrgUnitId) -> ServiceResult<org_unit::Model> {
    let unit = org_unit::Entity::find_by_id(pemda.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let visible = actor.scope(Action::ViewProgramme).is_some_and(|scope| scope.covers(&unit.path));
    if !visible || unit.id != unit.pemda_id {
        return Err(ServiceError::NotFound);
    }
    Ok(unit)
}

/// `year` as a programme year, or the refusal that names the range.
pub fn checked(year: i32) -> ServiceResult<ProgrammeYear> {
    ProgrammeYear::try_from(year).map_err(|err| ServiceError::Invalid(err.message(Locale::Id)))
}

/// The rules of a Pemda's year, for anyone who may see the Pemda's programme.
pub async fn get(
    db: &impl ConnectionTrait,
    actor: &Actor,
    pemda: OrgUnitId,
    year: ProgrammeYear,
) -> ServiceResult<ProgrammeYearView> {
    let unit = visible_pemda(db, actor, pemda).await?;
    rules(db, unit.id, year.get()).await
}

/// Stores a Pemda's rules for a year (Peninjau); marking it active makes the Pemda's other years inactive.
pub async fn configure(
    db: &DatabaseConnection,
    actor: &Actor,
    rules_in: ProgrammeYearView,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ProgrammeYearView> {
    let pemda = visible_pemda(db, actor, rules_in.pemda_id).await?;
    reach::require(actor, Action::ConfigureProgramme, &pemda.path)?;
    rules_in.check().map_err(|err| match err.field() {
        Some(field) => ServiceError::field(field, domain::field::Problem::Rules(err)),
        None => ServiceError::Invalid(err.message(Locale::Id).into()),
    })?;
    checked(rules_in.year)?;
    let known = value_framework::Entity::find()
        .filter(value_framework::Column::Id.is_in(rules_in.framework_ids.iter().map(|id| id.into_uuid())))
        .all(db)
        .await?;
    if known.len() != rules_in.framework_ids.len() {
        return Err(ServiceError::Invalid("Kerangka nilai tidak dikenal.".into()));
    }
    let before = rules(db, pemda.id, rules_in.year).await?;
    let txn = db.begin().await?;
    let existing = programme_year::Entity::find()
        .filter(programme_year::Column::PemdaId.eq(pemda.id))
        .filter(programme_year::Column::Year.eq(rules_in.year))
        .one(&txn)
        .await?;
    if rules_in.active {
        programme_year::Entity::update_many()
            .col_expr(programme_year::Column::Active, false.into())
            .filter(programme_year::Column::PemdaId.eq(pemda.id))
            .exec(&txn)
            .await?;
    }
    let due = |q: usize| rules_in.due_dates[q];
    let (id, created_at) = existing.as_ref().map_or((Uuid::now_v7(), now), |row| (row.id, row.created_at));
    let model = programme_year::ActiveModel {
        id: Set(id),
        pemda_id: Set(pemda.id),
        year: Set(rules_in.year),
        active: Set(rules_in.active),
        min_values: Set(i16::from(rules_in.min_values)),
        max_values: Set(i16::from(rules_in.max_values)),
        min_behaviours: Set(i16::from(rules_in.min_behaviours)),
        due_q1: Set(due(0)),
        due_q2: Set(due(1)),
        due_q3: Set(due(2)),
        due_q4: Set(due(3)),
        created_at: Set(created_at),
        updated_at: Set(now),
    };
    if existing.is_some() {
        model.update(&txn).await?;
    } else {
        model.insert(&txn).await?;
    }
    programme_framework::Entity::delete_many()
        .filter(programme_framework::Column::ProgrammeYearId.eq(id))
        .exec(&txn)
        .await?;
    for framework in &rules_in.framework_ids {
        programme_framework::ActiveModel { programme_year_id: Set(id), framework_id: Set(framework.into_uuid()) }
            .insert(&txn)
            .await?;
    }
    let after = rules(&txn, pemda.id, rules_in.year).await?;
    let mut entry = AuditEntry::new(Some(actor), "programme_year.configure", "programme_year", Some(id.to_string()));
    entry.pemda_id = Some(pemda.id);
    entry.before = serde_json::to_value(&before).ok();
    entry.after = serde_json::to_value(&after).ok();
    audit::record(&txn, entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}
