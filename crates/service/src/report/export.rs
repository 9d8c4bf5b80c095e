//! Exports of a report: its actions as rows (CSV, XLSX) and its evidence package (ZIP with a JSON manifest of
//! names, sizes and SHA-256). Every export is audited.

use super::{flow, visible};
use crate::{
    ServiceError, ServiceResult, Services,
    access::Actor,
    audit::{self, AuditEntry, RequestMeta},
    entity::evidence_file,
    kbk::evidence::read_blob,
};
use domain::{
    ids::ReportId,
    locale::Locale,
    programme::Quarter,
    report::{
        export::{ExportRow, ManifestEntry, zip_name},
        view::ReportView,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::io::Write;

/// The report and the file name stem of its exports, e.g. `laporan-tw3-2026-dinas-lingkungan-hidup`.
async fn load(services: &Services, actor: &Actor, id: ReportId) -> ServiceResult<(ReportView, String)> {
    let (row, _) = visible(&services.db, actor, id).await?;
    let report = flow::view(&services.db, row, services.clock.now()).await?;
    let slug: String = report
        .summary
        .opd_name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = format!("laporan-tw{}-{}-{slug}", report.summary.quarter, report.summary.year);
    Ok((report, stem))
}

async fn audited(
    services: &Services,
    actor: &Actor,
    report: &ReportView,
    format: &str,
    meta: &RequestMeta,
) -> ServiceResult<()> {
    let txn = services.db.begin().await?;
    let pemda = report.summary.pemda_id.into_uuid();
    let mut entry = AuditEntry::by(actor, "report.export", "report", report.summary.id.into_uuid(), pemda);
    entry.after = Some(serde_json::json!({ "format": format }));
    audit::record(&txn, entry, meta, services.clock.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// The report's included actions, one row per action and value, and the file name stem.
pub async fn rows(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    format: &str,
    meta: &RequestMeta,
) -> ServiceResult<(Vec<ExportRow>, String)> {
    let (report, stem) = load(services, actor, id).await?;
    let rows = report
        .sections
        .iter()
        .flat_map(|section| {
            section.actions.iter().filter(|a| !a.excluded).map(|a| ExportRow {
                value_code: section.code.clone(),
                value_name: section.name.clone(),
                action_id: a.id,
                started_on: a.started_on,
                title: a.title.clone(),
                kind: a.kind,
                kbk: a.kbk_name.clone(),
                attendees: a.attendees,
                evidence: a.evidence_count,
            })
        })
        .collect();
    audited(services, actor, &report, format, meta).await?;
    Ok((rows, stem))
}

/// The evidence package: each included action's files in a folder of their own, and `manifest.json`.
pub async fn evidence_zip(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    meta: &RequestMeta,
) -> ServiceResult<(Vec<u8>, String)> {
    let (report, stem) = load(services, actor, id).await?;
    let actions = report.included_actions();
    let files = evidence_file::Entity::find()
        .filter(evidence_file::Column::ActionId.is_in(actions.iter().map(|a| a.id.into_uuid())))
        .order_by_asc(evidence_file::Column::CreatedAt)
        .all(&services.db)
        .await?;
    let failed = |err: zip::result::ZipError| ServiceError::Invalid(format!("ZIP: {err}"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut manifest = Vec::new();
    for (n, action) in actions.iter().enumerate() {
        let folder = format!("{:02}-{}", n + 1, zip_name(&action.title));
        for (k, file) in files.iter().filter(|f| f.action_id == Some(action.id.into_uuid())).enumerate() {
            let bytes = read_blob(services, &file.storage_key).await?;
            let path = format!("{folder}/{:02}-{}", k + 1, zip_name(&file.file_name));
            zip.start_file(path.as_str(), options).map_err(failed)?;
            zip.write_all(&bytes).map_err(|err| ServiceError::Invalid(format!("ZIP: {err}")))?;
            manifest.push(ManifestEntry {
                path,
                size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
                sha256: file.sha256.clone(),
                action_id: action.id,
                action: action.title.clone(),
            });
        }
    }
    let quarter = Quarter::try_from(report.summary.quarter).map(|q| q.label(Locale::Id)).unwrap_or_default();
    let listing = serde_json::json!({
        "report": format!("Laporan {quarter} {} {}", report.summary.year, report.summary.opd_name),
        "files": manifest,
    });
    zip.start_file("manifest.json", options).map_err(failed)?;
    let json = serde_json::to_vec_pretty(&listing).map_err(|err| ServiceError::Invalid(err.to_string()))?;
    zip.write_all(&json).map_err(|err| ServiceError::Invalid(format!("ZIP: {err}")))?;
    let bytes = zip.finish().map_err(failed)?.into_inner();
    audited(services, actor, &report, "zip", meta).await?;
    Ok((bytes, stem))
}
