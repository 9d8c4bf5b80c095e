//! Server functions of the home page.

use crate::components::nav::Me;
use crate::error::AppError;
use domain::{org::PemdaSummary, todo::Todo};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Every regional government with the number of its agencies.
#[server(prefix = "/fn", endpoint = "home/regions")]
pub async fn load_regions() -> Result<Vec<PemdaSummary>, AppError> {
    use crate::ssr::{fail, services};
    let services = services()?;
    service::org::pemda_overview(&services.db).await.or_else(fail)
}

/// The signed-in person and what waits for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    /// Who, with their places.
    pub me: Me,
    /// Their to-do, urgent items first.
    pub items: Vec<Todo>,
}

/// The caller's to-do; `None` for a visitor who is not signed in.
#[server(prefix = "/fn", endpoint = "home/todo")]
pub async fn load_todo() -> Result<Option<MyWork>, AppError> {
    use crate::ssr::{fail, services};
    let Some(actor) = crate::ssr::actor() else { return Ok(None) };
    let services = services()?;
    let db = &services.db;
    let items = service::todo::for_actor(db, &actor, services.clock.now()).await.or_else(fail)?;
    Ok(Some(MyWork { me: Me { user: actor.view, kbk: actor.home_kbk }, items }))
}
