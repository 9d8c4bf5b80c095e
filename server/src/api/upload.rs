//! Reading one file from a `multipart/form-data` body, chunk by chunk, refusing it as soon as it passes the
//! limit (so a 2 GB upload costs the server at most the limit in memory).

use super::ApiError;
use app::error::AppError;
use axum::{
    Json,
    extract::Multipart,
    response::{IntoResponse, Redirect, Response},
};
use domain::{evidence::UploadError, kbk::EvidenceView, locale::Locale};
use http::{HeaderMap, StatusCode, header};
use service::kbk::evidence::Upload;

/// The body of an upload, as the OpenAPI document describes it: one part named `file`.
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "it only describes the body to the document; `read_file` reads the real one")]
pub struct FilePart {
    /// The file, with its name in the part's `filename`.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// The first part named `file`.
pub async fn read_file(mut multipart: Multipart, limit: u64) -> Result<Upload, ApiError> {
    let malformed = |err: axum::extract::multipart::MultipartError| {
        ApiError(AppError::Invalid(format!("Unggahan tidak terbaca: {}", err.body_text())))
    };
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or("berkas").to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            if (bytes.len() + chunk.len()) as u64 > limit {
                let message = UploadError::TooLarge { limit }.message(&file_name, Locale::Id);
                return Err(ApiError(AppError::Invalid(message)));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Upload { file_name, bytes });
    }
    Err(ApiError(AppError::Invalid("Tidak ada berkas: kirim berkas pada bagian `file`.".into())))
}

/// The answer to a stored upload: 201 with the file for API clients; for a plain HTML form (no JavaScript), a
/// redirect back to `page`, where the new file is listed.
pub fn stored(headers: &HeaderMap, file: EvidenceView, page: &str) -> Response {
    let from_html_form = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.starts_with("text/html"));
    if from_html_form { Redirect::to(page).into_response() } else { (StatusCode::CREATED, Json(file)).into_response() }
}
