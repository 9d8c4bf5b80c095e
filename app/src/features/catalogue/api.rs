//! Server functions of the value catalogue.

use crate::error::AppError;
use domain::catalogue::{FrameworkDetail, FrameworkSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the catalogue page shows: the frameworks to choose from, and the chosen one in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueView {
    /// Every framework, for the picker.
    pub frameworks: Vec<FrameworkSummary>,
    /// The framework shown.
    pub selected: FrameworkDetail,
}

/// The catalogue showing the framework whose id is `framework` (as found in the page's URL), or KepMenPAN
/// 25/2002 when none is given. An id that is not one is not found.
#[server(prefix = "/fn", endpoint = "catalogue")]
pub async fn load_catalogue(framework: Option<String>) -> Result<CatalogueView, AppError> {
    use crate::ssr::{fail, services};
    use domain::ids::FrameworkId;
    use service::catalogue;
    let services = services()?;
    let db = &services.db;
    let framework = match framework.as_deref().map(str::parse::<FrameworkId>).transpose() {
        Ok(id) => id,
        Err(_) => return fail(AppError::NotFound),
    };
    let selected = match framework {
        Some(id) => catalogue::get_framework(db, id).await,
        None => catalogue::get_framework_by_urn(db, catalogue::KEPMENPAN_25_2002_URN).await,
    };
    let selected = selected.or_else(fail)?;
    let frameworks = catalogue::list_frameworks(db).await.or_else(fail)?;
    Ok(CatalogueView { frameworks, selected })
}
