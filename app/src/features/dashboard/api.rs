//! Server function of the dashboard page.

use crate::error::AppError;
use domain::dashboard::view::Dashboard;
use leptos::prelude::*;

/// Everything the dashboard shows for the filters in the URL (each empty one takes its default).
#[server(prefix = "/fn", endpoint = "dashboard")]
pub async fn load_dashboard(
    org_unit: Option<String>,
    year: Option<String>,
    quarter: Option<String>,
    opd_type: Option<String>,
) -> Result<Dashboard, AppError> {
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
        year: number(year, "Tahun")?,
        quarter: number(quarter, "Triwulan")?.map(|q| u8::try_from(q).unwrap_or(0)),
        opd_type: blank(opd_type),
        compare: None,
    };
    let locale = crate::i18n::request_locale();
    service::dashboard::dashboard(&services.db, &actor, &query, locale, services.clock.now()).await.or_else(fail)
}
