//! Reading one file from a `multipart/form-data` body, chunk by chunk, refusing it as soon as it passes the
//! limit (so a 2 GB upload costs the server at most the limit in memory).

use super::ApiError;
use app::error::AppError;
use axum::extract::Multipart;
use domain::{evidence::UploadError, locale::Locale};
use service::kbk::evidence::Upload;

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
