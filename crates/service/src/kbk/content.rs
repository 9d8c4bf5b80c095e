//! Evidence must be what it claims to be. The first bytes (`domain::evidence::sniff`) name a type; here the
//! whole file is read as that type: a PDF must parse and carry nothing that runs or hides files (JavaScript,
//! launch actions, embedded files), so a PDF header in front of a script is refused. Photos are decoded whole
//! by [`super::photo`]. The bytes are never rewritten: their SHA-256 is the evidence.

use super::photo::{self, PhotoFacts};
use domain::evidence::{FileType, UploadError};
use lopdf::{Dictionary, Document, Object};

/// Nesting deeper than this is not followed (the PDF's own objects are each visited anyway).
const MAX_DEPTH: usize = 32;

/// Reads `bytes` whole as `file_type` (off the async threads): a photo's facts, nothing for a document, or why
/// the file is refused.
pub async fn read_whole(bytes: Vec<u8>, file_type: FileType) -> Result<PhotoFacts, UploadError> {
    if file_type.is_image {
        return photo::inspect(bytes).await;
    }
    if file_type.media_type != "application/pdf" {
        return Ok(PhotoFacts::default());
    }
    match tokio::task::spawn_blocking(move || pdf_refusal(&bytes)).await {
        Ok(None) => Ok(PhotoFacts::default()),
        Ok(Some(refusal)) => Err(refusal),
        Err(_) => Err(UploadError::Unreadable),
    }
}

/// Why the PDF `bytes` are refused, if they are.
fn pdf_refusal(bytes: &[u8]) -> Option<UploadError> {
    let Ok(document) = Document::load_mem(bytes) else { return Some(UploadError::Unreadable) };
    if document.trailer.iter().any(|(_, object)| is_active(object, 0))
        || document.objects.values().any(|object| is_active(object, 0))
    {
        return Some(UploadError::ActiveContent);
    }
    None
}

/// Whether `object`, or anything written inside it, is script, a launch action or an embedded file.
fn is_active(object: &Object, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match object {
        Object::Dictionary(dictionary) => active_dictionary(dictionary, depth),
        Object::Stream(stream) => active_dictionary(&stream.dict, depth),
        Object::Array(items) => items.iter().any(|item| is_active(item, depth + 1)),
        _ => false,
    }
}

fn active_dictionary(dictionary: &Dictionary, depth: usize) -> bool {
    const KEYS: [&[u8]; 4] = [b"JS", b"JavaScript", b"EmbeddedFiles", b"EF"];
    let name_is = |key: &[u8], names: &[&[u8]]| {
        dictionary.get(key).and_then(Object::as_name).is_ok_and(|name| names.contains(&name))
    };
    KEYS.iter().any(|key| dictionary.has(key))
        || name_is(b"S", &[b"JavaScript".as_slice(), b"Launch"])
        || name_is(b"Type", &[b"EmbeddedFile".as_slice()])
        || dictionary.iter().any(|(_, value)| is_active(value, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::pdf_refusal;
    use domain::evidence::UploadError;

    const ATTENDANCE: &[u8] = include_bytes!("../../data/demo/evidence/daftar-hadir.pdf");
    const DECREE: &[u8] = include_bytes!("../../data/demo/evidence/sk-kbk.pdf");

    /// A one-page PDF whose catalogue carries `extra` (a fragment of dictionary), with a correct cross-reference.
    fn pdf_with(extra: &str) -> Vec<u8> {
        let objects = [
            format!("<< /Type /Catalog /Pages 2 0 R {extra} >>"),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>".to_owned(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        out
    }

    #[test]
    fn a_plain_pdf_is_accepted() {
        assert_eq!(pdf_refusal(ATTENDANCE), None);
        assert_eq!(pdf_refusal(DECREE), None);
        assert_eq!(pdf_refusal(&pdf_with("")), None);
    }

    #[test]
    fn a_pdf_header_in_front_of_a_script_is_unreadable() {
        assert_eq!(pdf_refusal(b"%PDF-1.7\n<script>alert(document.cookie)</script>\n"), Some(UploadError::Unreadable));
    }

    #[test]
    fn javascript_launch_actions_and_embedded_files_are_refused_wherever_they_sit() {
        for extra in [
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (1) >>] >> >>",
            "/OpenAction << /S /Launch /F (cmd.exe) >>",
            "/AA << /O [ << /S /Launch /F (calc) >> ] >>",
            "/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >> >>",
        ] {
            assert_eq!(pdf_refusal(&pdf_with(extra)), Some(UploadError::ActiveContent), "{extra}");
        }
    }
}
