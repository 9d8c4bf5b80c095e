//! Server function of the dashboard page.

use crate::error::AppError;
use domain::dashboard::{overview::Overview, view::WeightsVersion};
use leptos::prelude::*;

/// The dashboard of the filters in the URL (each empty one takes its default), with the page of OPDs that
/// `urut` (order) and `setelah` (the OPD the page starts after) ask for.
#[server(prefix = "/fn", endpoint = "dashboard")]
pub async fn load_dashboard(
    org_unit: Option<String>,
    year: Option<String>,
    quarter: Option<String>,
    opd_type: Option<String>,
    urut: Option<String>,
    setelah: Option<String>,
) -> Result<Overview, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::dashboard::view::DashboardQuery;
    let actor = require_actor()?;
    let services = services()?;
    let blank = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let number = |v: Option<String>, what: &str| {
        blank(v)
            .map(|v| v.trim().parse::<i32>().map_err(|_| AppError::Invalid(format!("{what} harus berupa angka."))))
            .transpose()
    };
    let query = DashboardQuery {
        org_unit: match blank(org_unit) {
            Some(id) => Some(id.parse().map_err(|_| AppError::NotFound)?),
            None => None,
        },
        year: number(year, "Tahun")?.map(service::programme::year::checked).transpose().or_else(fail)?,
        quarter: number(quarter, "Triwulan")?.map(|q| u8::try_from(q).unwrap_or(0)),
        opd_type: blank(opd_type),
        compare: None,
    };
    let page = service::dashboard::overview::PageRequest {
        order: blank(urut).and_then(|key| domain::dashboard::overview::OpdOrder::from_key(&key)).unwrap_or_default(),
        after: match blank(setelah) {
            Some(id) => Some(id.parse().map_err(|_| AppError::NotFound)?),
            None => None,
        },
        limit: None,
    };
    service::dashboard::overview::overview(&services.db, &actor, &query, page, services.clock.now()).await.or_else(fail)
}

/// Sets new index weights for a Pemda (a Peninjau over it): the five weights, which must add up to 100.
#[server(prefix = "/fn", endpoint = "dashboard/weights")]
pub async fn set_index_weights(
    pemda: String,
    institution: String,
    activity: String,
    spread: String,
    reporting: String,
    results: String,
) -> Result<WeightsVersion, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    use domain::{
        dashboard::{Component, Weights},
        locale::Locale,
    };
    let actor = require_actor()?;
    let services = services()?;
    let Ok(pemda) = pemda.parse() else { return fail(AppError::NotFound) };
    let locale = crate::i18n::request_locale();
    let weight = |component: Component, given: &str| {
        given.trim().parse::<u8>().ok().filter(|w| *w <= 100).ok_or_else(|| {
            let name = component.label(locale);
            AppError::Invalid(match locale {
                Locale::Id => format!("Bobot {name} harus bilangan bulat 0 sampai 100."),
                Locale::En => format!("The weight of {name} must be a whole number from 0 to 100."),
            })
        })
    };
    let weights = Weights {
        institution: weight(Component::Institution, &institution)?,
        activity: weight(Component::Activity, &activity)?,
        spread: weight(Component::Spread, &spread)?,
        reporting: weight(Component::Reporting, &reporting)?,
        results: weight(Component::Results, &results)?,
    };
    let now = services.clock.now();
    service::dashboard::weights::set(&services.db, &actor, pemda, weights, &request_meta(), now).await.or_else(fail)
}
