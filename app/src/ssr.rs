//! Server-side helpers for server functions: the injected services, and answering with the error's status.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use service::Services;

/// The services provided by the server for this request.
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| AppError::internal(&"Services missing from the Leptos context"))
}

/// Sets the HTTP status of the current response to match `error`, then passes it on, so a page whose data
/// failed to load answers 404 or 500 rather than 200.
pub fn fail<T>(error: impl Into<AppError>) -> Result<T, AppError> {
    let error = error.into();
    if let Some(response) = use_context::<ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    Err(error)
}
