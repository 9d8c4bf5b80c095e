//! Server functions of the token page.

use crate::error::AppError;
use domain::{account::ApiTokenView, org::Timezone};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The caller's tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensPage {
    /// Newest first, revoked ones too.
    pub items: Vec<ApiTokenView>,
    /// Zone to show times in.
    pub timezone: Timezone,
}

/// A new token with its secret, which is shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    /// The token.
    pub token: ApiTokenView,
    /// `bdy_...`: the bearer secret.
    pub secret: String,
}

/// The caller's own tokens.
#[server(prefix = "/fn", endpoint = "tokens/list")]
pub async fn load_tokens() -> Result<TokensPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let items = service::access::tokens::list(&services.db, &actor).await.or_else(fail)?;
    let timezone = service::access::users::home_timezone(&services.db, &actor).await.or_else(fail)?;
    Ok(TokensPage { items, timezone })
}

/// Creates a token named `name` for the caller.
#[server(prefix = "/fn", endpoint = "tokens/create")]
pub async fn create_token(name: String) -> Result<NewToken, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let now = services.clock.now();
    let (token, secret) =
        service::access::tokens::create(&services.db, &actor, &name, &request_meta(), now).await.or_else(fail)?;
    Ok(NewToken { token, secret })
}

/// Revokes one of the caller's tokens.
#[server(prefix = "/fn", endpoint = "tokens/revoke")]
pub async fn revoke_token(token: String) -> Result<(), AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(id) = token.parse() else { return fail(AppError::NotFound) };
    service::access::tokens::revoke(&services.db, &actor, id, &request_meta(), services.clock.now()).await.or_else(fail)
}
