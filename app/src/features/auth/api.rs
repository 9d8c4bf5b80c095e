//! Server functions for the session.

use crate::components::nav::Me;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None`.
#[server(prefix = "/fn", endpoint = "auth/current-user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    let Some(actor) = crate::ssr::actor() else { return Ok(None) };
    Ok(Some(Me { user: actor.view, kbk: actor.home_kbk }))
}

/// Signs in and goes to `next` (a path on this site; the home page otherwise).
#[server(prefix = "/fn", endpoint = "auth/sign-in")]
pub async fn sign_in(username: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{auth_settings, fail, request_meta, services, session_token, set_cookie};
    use service::access::sessions::{self, SignInError};
    let services = services()?;
    let settings = auth_settings()?;
    let now = services.clock.now();
    let previous = session_token();
    let outcome = sessions::sign_in(
        &services.db,
        &username,
        &password,
        previous.as_deref(),
        &request_meta(),
        settings.policy,
        now,
    )
    .await;
    match outcome {
        Ok(signed_in) => {
            set_cookie(&settings.session_cookie(&signed_in.token));
            leptos_axum::redirect(&crate::routes::local_path_or_home(next.as_deref()));
            Ok(())
        }
        Err(SignInError::Invalid) => fail(AppError::BadCredentials),
        Err(SignInError::Throttled(retry_after)) => fail(AppError::TooManyRequests { retry_after }),
        Err(SignInError::Service(error)) => fail(error),
    }
}

/// Ends the session on the server and removes the cookie.
#[server(prefix = "/fn", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{actor, auth_settings, fail, request_meta, services, session_token, set_cookie};
    let services = services()?;
    let settings = auth_settings()?;
    if let (Some(token), Some(actor)) = (session_token(), actor()) {
        let now = services.clock.now();
        if let Err(error) =
            service::access::sessions::sign_out(&services.db, &token, &actor, &request_meta(), now).await
        {
            return fail(error);
        }
    }
    set_cookie(&settings.clear_session_cookie());
    leptos_axum::redirect(crate::routes::SIGN_IN);
    Ok(())
}
