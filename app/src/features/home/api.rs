//! Server functions of the home page.

use crate::error::AppError;
use domain::org::PemdaSummary;
use leptos::prelude::*;

/// Every regional government with the number of its agencies.
#[server(prefix = "/fn", endpoint = "home/regions")]
pub async fn load_regions() -> Result<Vec<PemdaSummary>, AppError> {
    use crate::ssr::{fail, services};
    let services = services()?;
    service::org::pemda_overview(&services.db).await.or_else(fail)
}
