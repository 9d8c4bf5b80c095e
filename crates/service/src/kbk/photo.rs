//! What a photo tells beyond its bytes: the date the camera recorded (EXIF) and a small JPEG thumbnail, turned
//! the way the camera was held. Making the thumbnail decodes the whole image, so a file that only starts like a
//! photo is refused. Decoding runs on a blocking thread under size limits, so a hostile image can neither stall
//! the server nor exhaust its memory.

use chrono::NaiveDateTime;
use domain::evidence::{THUMBNAIL_SIZE, UploadError, parse_exif_datetime};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, codecs::jpeg::JpegEncoder};
use std::io::Cursor;

/// Largest width or height decoded, in pixels (a 100-megapixel camera stays below it).
const MAX_SIDE: u32 = 16_000;
/// Most memory one decode may take.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// What was read from a photo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhotoFacts {
    /// When the camera says it was taken (its local time).
    pub taken_at: Option<NaiveDateTime>,
    /// A JPEG whose longer side is at most [`THUMBNAIL_SIZE`] pixels.
    pub thumbnail: Option<Vec<u8>>,
}

/// Reads the EXIF date and makes a thumbnail of `bytes` (whose first bytes say JPEG, PNG or WebP); refuses
/// them if they do not decode whole.
pub async fn inspect(bytes: Vec<u8>) -> Result<PhotoFacts, UploadError> {
    tokio::task::spawn_blocking(move || inspect_now(&bytes)).await.unwrap_or(Err(UploadError::Unreadable))
}

fn inspect_now(bytes: &[u8]) -> Result<PhotoFacts, UploadError> {
    match thumbnail(bytes) {
        Ok(thumbnail) => Ok(PhotoFacts { taken_at: exif_date(bytes), thumbnail: Some(thumbnail) }),
        Err(err) => {
            tracing::info!(%err, "an uploaded photo does not decode");
            Err(UploadError::Unreadable)
        }
    }
}

fn exif_date(bytes: &[u8]) -> Option<NaiveDateTime> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()?;
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTime].into_iter().find_map(|tag| {
        match &exif.get_field(tag, exif::In::PRIMARY)?.value {
            exif::Value::Ascii(parts) => {
                parts.first().and_then(|part| std::str::from_utf8(part).ok()).and_then(parse_exif_datetime)
            }
            _ => None,
        }
    })
}

fn thumbnail(bytes: &[u8]) -> image::ImageResult<Vec<u8>> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    let small = DynamicImage::ImageRgb8(image.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE).to_rgb8());
    let mut out = Vec::new();
    small.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 80))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO_PHOTO: &[u8] = include_bytes!("../../data/demo/evidence/foto-kegiatan.jpg");

    #[test]
    fn a_camera_photo_gives_its_exif_date_and_a_small_jpeg_thumbnail() {
        let facts = inspect_now(DEMO_PHOTO).expect("the demo photo decodes");
        assert_eq!(facts.taken_at.map(|t| t.to_string()).as_deref(), Some("2026-08-17 08:15:00"));
        let thumbnail = facts.thumbnail.expect("a thumbnail");
        let decoded = image::load_from_memory(&thumbnail).expect("the thumbnail is an image");
        assert!(decoded.width().max(decoded.height()) <= THUMBNAIL_SIZE);
        assert!(thumbnail.starts_with(&[0xFF, 0xD8, 0xFF]), "JPEG");
    }

    #[test]
    fn a_file_that_only_starts_like_a_photo_is_refused() {
        let mut broken = vec![0xFF, 0xD8, 0xFF, 0xE0];
        broken.extend_from_slice(&[0x42; 64]);
        assert_eq!(inspect_now(&broken), Err(UploadError::Unreadable));
        let mut html = vec![0xFF, 0xD8, 0xFF, 0xE0];
        html.extend_from_slice(b"<html><body><script>alert(1)</script></body></html>");
        assert_eq!(inspect_now(&html), Err(UploadError::Unreadable));
    }

    #[test]
    fn a_png_without_exif_gets_a_thumbnail_and_no_date() {
        let mut png = Vec::new();
        DynamicImage::new_rgba8(900, 300)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode");
        let facts = inspect_now(&png).expect("a PNG decodes");
        assert_eq!(facts.taken_at, None);
        let decoded = image::load_from_memory(&facts.thumbnail.expect("thumbnail")).expect("decode");
        assert_eq!((decoded.width(), decoded.height()), (320, 107));
    }
}
