//! Evidence files: which types are accepted, decided from the bytes (never from the name), and the upload limit.

use crate::locale::Locale;

/// Default largest accepted file, in bytes (10 MiB; configurable).
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// An accepted file type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileType {
    /// The media type sent on download.
    pub media_type: &'static str,
    /// The extension the stored name gets.
    pub extension: &'static str,
    /// Whether it is a photo (thumbnail, EXIF date).
    pub is_image: bool,
}

const JPEG: FileType = FileType { media_type: "image/jpeg", extension: "jpg", is_image: true };
const PNG: FileType = FileType { media_type: "image/png", extension: "png", is_image: true };
const WEBP: FileType = FileType { media_type: "image/webp", extension: "webp", is_image: true };
const PDF: FileType = FileType { media_type: "application/pdf", extension: "pdf", is_image: false };
const DOCX: FileType = FileType {
    media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    is_image: false,
};
const XLSX: FileType = FileType {
    media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    is_image: false,
};
const PPTX: FileType = FileType {
    media_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extension: "pptx",
    is_image: false,
};
const ODT: FileType =
    FileType { media_type: "application/vnd.oasis.opendocument.text", extension: "odt", is_image: false };
const LEGACY_OFFICE: FileType = FileType { media_type: "application/vnd.ms-office", extension: "doc", is_image: false };

/// The type of `bytes`, judged from their content, or `None` if it is not an accepted evidence type.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Some(JPEG)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some(PNG)
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(WEBP)
    } else if starts(b"%PDF-") {
        Some(PDF)
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(LEGACY_OFFICE)
    } else if starts(b"PK\x03\x04") {
        office_zip(bytes)
    } else {
        None
    }
}

/// Tells OOXML and `OpenDocument` files from other ZIP archives by the entries they must hold.
fn office_zip(bytes: &[u8]) -> Option<FileType> {
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|window| window == needle);
    if holds(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        Some(ODT)
    } else if !holds(b"[Content_Types].xml") {
        None
    } else if holds(b"word/") {
        Some(DOCX)
    } else if holds(b"xl/") {
        Some(XLSX)
    } else if holds(b"ppt/") {
        Some(PPTX)
    } else {
        None
    }
}

/// Why an upload was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// Nothing uploaded.
    #[error("empty file")]
    Empty,
    /// Larger than the limit.
    #[error("file larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// Not a photo, PDF or Office document, whatever its name says.
    #[error("unsupported type")]
    Unsupported,
    /// Starts like a photo or PDF but does not read through as one (damaged, or something else behind a header).
    #[error("unreadable content")]
    Unreadable,
    /// A PDF that carries JavaScript, an action that launches a program, or embedded files.
    #[error("active content")]
    ActiveContent,
}

impl UploadError {
    /// The refusal as a sentence for the user.
    pub fn message(self, file_name: &str, locale: Locale) -> String {
        match (self, locale) {
            (UploadError::Empty, Locale::Id) => format!("Berkas {file_name} kosong."),
            (UploadError::Empty, Locale::En) => format!("File {file_name} is empty."),
            (UploadError::TooLarge { limit }, Locale::Id) => {
                format!("Berkas {file_name} terlalu besar; batasnya {} MB per berkas.", limit / (1024 * 1024))
            }
            (UploadError::TooLarge { limit }, Locale::En) => {
                format!("File {file_name} is too large; the limit is {} MB per file.", limit / (1024 * 1024))
            }
            (UploadError::Unsupported, Locale::Id) => format!(
                "Berkas {file_name} bukan foto (JPEG, PNG, WebP), PDF atau dokumen Office, apa pun nama berkasnya."
            ),
            (UploadError::Unsupported, Locale::En) => {
                format!("File {file_name} is not a photo (JPEG, PNG, WebP), PDF or Office document, whatever its name.")
            }
            (UploadError::Unreadable, Locale::Id) => {
                format!("Berkas {file_name} tidak dapat dibaca utuh sebagai foto atau PDF; mungkin rusak.")
            }
            (UploadError::Unreadable, Locale::En) => {
                format!("File {file_name} does not read through as a photo or PDF; it may be damaged.")
            }
            (UploadError::ActiveContent, Locale::Id) => format!(
                "Berkas {file_name} memuat JavaScript, perintah menjalankan program atau berkas sisipan. \
                 Cetak ulang sebagai PDF biasa lalu unggah lagi."
            ),
            (UploadError::ActiveContent, Locale::En) => format!(
                "File {file_name} carries JavaScript, an action that launches a program, or embedded files. \
                 Print it again as a plain PDF and upload that."
            ),
        }
    }
}

/// Checks an upload and returns its type.
pub fn check_upload(bytes: &[u8], limit: u64) -> Result<FileType, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() as u64 > limit {
        return Err(UploadError::TooLarge { limit });
    }
    sniff(bytes).ok_or(UploadError::Unsupported)
}

/// The uploaded name made safe to show and to put in `Content-Disposition`: the last path component, control
/// characters, quotes and bidirectional overrides (which make `fdp.exe` read as `exe.pdf`) removed, at most 120
/// characters.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let cleaned: String =
        last.chars().filter(|c| !c.is_control() && !bidi(*c) && !matches!(c, '"' | ';')).take(120).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') { "berkas".to_owned() } else { cleaned.to_owned() }
}

/// The longest side of a photo's thumbnail, in pixels.
pub const THUMBNAIL_SIZE: u32 = 320;

/// An EXIF date-time (`2026:08:17 08:15:00`, the camera's local time) as a calendar time; `None` for the
/// blank or zeroed values cameras write when their clock is unset.
pub fn parse_exif_datetime(raw: &str) -> Option<chrono::NaiveDateTime> {
    let raw = raw.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    chrono::NaiveDateTime::parse_from_str(raw, "%Y:%m:%d %H:%M:%S").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exif_date_reads_as_the_cameras_local_time_and_an_unset_clock_reads_as_none() {
        let taken = parse_exif_datetime("2026:08:17 08:15:00").expect("a date");
        assert_eq!(taken.to_string(), "2026-08-17 08:15:00");
        assert_eq!(parse_exif_datetime("2026:08:17 08:15:00\0"), Some(taken));
        assert_eq!(parse_exif_datetime("0000:00:00 00:00:00"), None);
        assert_eq!(parse_exif_datetime("    :  :     :  :  "), None);
        assert_eq!(parse_exif_datetime("2026-08-17T08:15:00"), None);
    }

    #[test]
    fn photos_and_documents_are_recognised_by_their_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(JPEG));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(PNG));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(WEBP));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(PDF));
        assert_eq!(sniff(b"PK\x03\x04....[Content_Types].xml....word/document.xml"), Some(DOCX));
        assert_eq!(sniff(b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml"), Some(XLSX));
    }

    #[test]
    fn an_executable_renamed_jpg_is_refused() {
        assert_eq!(check_upload(b"\x7fELF\x02\x01\x01\0\0\0", DEFAULT_MAX_BYTES), Err(UploadError::Unsupported));
        assert_eq!(check_upload(b"MZ\x90\0\x03\0", DEFAULT_MAX_BYTES), Err(UploadError::Unsupported));
        assert_eq!(check_upload(b"PK\x03\x04 just a zip", DEFAULT_MAX_BYTES), Err(UploadError::Unsupported));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit_in_the_message() {
        let big = vec![0xFF; 12 * 1024 * 1024];
        let refused = check_upload(&big, DEFAULT_MAX_BYTES).expect_err("too large");
        assert_eq!(
            refused.message("foto.jpg", Locale::Id),
            "Berkas foto.jpg terlalu besar; batasnya 10 MB per berkas."
        );
        assert_eq!(check_upload(&[], DEFAULT_MAX_BYTES), Err(UploadError::Empty));
    }

    #[test]
    fn uploaded_names_lose_their_path_and_header_breaking_characters() {
        assert_eq!(clean_file_name("C:\\Users\\x\\foto apel.jpg"), "foto apel.jpg");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\r\n.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(".."), "berkas");
    }
}
