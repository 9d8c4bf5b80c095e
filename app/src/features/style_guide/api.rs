//! Who may see the style guide.

use crate::error::AppError;
use leptos::prelude::*;

/// Succeeds for an administrator; to anyone else the page does not exist.
#[server(prefix = "/fn", endpoint = "style-guide/access")]
pub async fn style_guide_access() -> Result<(), AppError> {
    use crate::ssr::{fail, require_actor};
    use domain::access::Role;
    let actor = require_actor()?;
    if actor.view.grants.iter().any(|grant| grant.role == Role::Administrator) {
        Ok(())
    } else {
        fail(AppError::NotFound)
    }
}
