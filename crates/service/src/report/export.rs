//! Exports of a report: the official document (PDF, print page), its actions as rows (CSV, XLSX) and its
//! evidence package (ZIP with a JSON manifest of names, sizes and SHA-256). Every export is audited.

use super::{flow, summary::Calendar, visible};
use crate::{
    ServiceError, ServiceResult, Services,
    access::Actor,
    audit::{self, AuditEntry, RequestMeta},
    entity::{app_user, evidence_file, org_unit, role_grant},
    kbk::{evidence::read_blob, groups},
    programme::selection,
};
use domain::{
    access::Role,
    ids::{OrgUnitId, ReportId},
    locale::Locale,
    programme::Quarter,
    report::{
        document::{EvidenceEntry, ReportDocument, Signer},
        export::{ExportRow, HEADER, ManifestEntry, zip_name},
        view::{ReportAction, ReportView},
    },
    workflow::ReviewState,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::io::Write;

/// The report, the file name stem of its exports (e.g. `laporan-tw3-2026-dinas-lingkungan-hidup`) and its OPD.
async fn load(
    services: &Services,
    actor: &Actor,
    id: ReportId,
) -> ServiceResult<(ReportView, String, org_unit::Model)> {
    let (row, opd) = visible(&services.db, actor, id).await?;
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
    Ok((report, stem, opd))
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

/// The report's included actions as a spreadsheet with the same rows as the CSV, and the file name stem.
pub async fn xlsx(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    meta: &RequestMeta,
) -> ServiceResult<(Vec<u8>, String)> {
    let (rows, stem) = rows(services, actor, id, "xlsx", meta).await?;
    Ok((workbook(&rows).map_err(|err| ServiceError::Invalid(format!("XLSX: {err}")))?, stem))
}

fn workbook(rows: &[ExportRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Kegiatan")?;
    let bold = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, title) in (0u16..).zip(HEADER) {
        sheet.write_string_with_format(0, col, title, &bold)?;
    }
    for (row, item) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, &item.value_code)?;
        sheet.write_string(row, 1, &item.value_name)?;
        let day = ExcelDateTime::parse_from_str(&item.started_on.to_string())?;
        sheet.write_datetime_with_format(row, 2, &day, &date)?;
        sheet.write_string(row, 3, &item.title)?;
        sheet.write_string(row, 4, item.kind.label(Locale::Id))?;
        sheet.write_string(row, 5, &item.kbk)?;
        sheet.write_number(row, 6, item.attendees)?;
        sheet.write_number(row, 7, item.evidence)?;
    }
    for (col, width) in (0u16..).zip([10.0, 28.0, 12.0, 48.0, 24.0, 28.0, 8.0, 8.0]) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), 7)?;
    book.save_to_buffer()
}

/// The report's included actions, one row per action and value, and the file name stem.
pub async fn rows(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    format: &str,
    meta: &RequestMeta,
) -> ServiceResult<(Vec<ExportRow>, String)> {
    let (report, stem, _) = load(services, actor, id).await?;
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

/// An evidence package spooled to an anonymous temporary file (deleted when dropped), so that its size is known
/// before the first byte goes out (the browser shows the download's progress) and memory stays flat however
/// many files it holds.
pub struct Package {
    /// The ZIP, positioned at its start.
    pub file: std::fs::File,
    /// Its length in bytes.
    pub size: u64,
}

/// The evidence package: each included action's files in a folder of their own, and `manifest.json`.
pub async fn evidence_zip(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    meta: &RequestMeta,
) -> ServiceResult<(Package, String)> {
    let (report, stem, _) = load(services, actor, id).await?;
    let actions = report.included_actions();
    let files = evidence_of(services, &actions).await?;
    let failed = |err: zip::result::ZipError| ServiceError::Invalid(format!("ZIP: {err}"));
    let io = |err: std::io::Error| ServiceError::Invalid(format!("ZIP: {err}"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(tempfile::tempfile().map_err(io)?);
    let mut manifest = Vec::new();
    for (n, action) in actions.iter().enumerate() {
        let folder = format!("{:02}-{}", n + 1, zip_name(&action.title));
        for (k, file) in files.iter().filter(|f| f.action_id == Some(action.id.into_uuid())).enumerate() {
            let bytes = read_blob(services, &file.storage_key).await?;
            let path = format!("{folder}/{:02}-{}", k + 1, zip_name(&file.file_name));
            zip.start_file(path.as_str(), options).map_err(failed)?;
            zip.write_all(&bytes).map_err(io)?;
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
    zip.write_all(&json).map_err(io)?;
    let mut file = zip.finish().map_err(failed)?;
    let size = std::io::Seek::stream_position(&mut file).map_err(io)?;
    std::io::Seek::rewind(&mut file).map_err(io)?;
    audited(services, actor, &report, "zip", meta).await?;
    Ok((Package { file, size }, stem))
}

/// The evidence files of `actions`, oldest first.
async fn evidence_of(services: &Services, actions: &[&ReportAction]) -> ServiceResult<Vec<evidence_file::Model>> {
    Ok(evidence_file::Entity::find()
        .filter(evidence_file::Column::ActionId.is_in(actions.iter().map(|a| a.id.into_uuid())))
        .order_by_asc(evidence_file::Column::CreatedAt)
        .all(&services.db)
        .await?)
}

/// Everything the official report shows; audited as an export in `format` (`pdf` or `print`).
pub async fn document(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    format: &str,
    meta: &RequestMeta,
) -> ServiceResult<(ReportDocument, String)> {
    let (report, stem, opd) = load(services, actor, id).await?;
    let year = report.summary.year;
    let pemda = report.summary.pemda_id.into_uuid();
    let opd_id = OrgUnitId::from_uuid(opd.id);
    let kbks = groups::list_for_opd(&services.db, actor, opd_id).await?.into_iter().filter(|k| k.active).collect();
    let values = selection::list_for_opd(&services.db, actor, opd_id)
        .await?
        .into_iter()
        .find(|s| s.year == year && s.state == ReviewState::Accepted)
        .map(|s| s.choices)
        .unwrap_or_default();
    let actions = report.included_actions();
    let files = evidence_of(services, &actions).await?;
    // In the order of the evidence package: action by action, each action's files oldest first.
    let evidence = actions
        .iter()
        .flat_map(|action| {
            files.iter().filter(|f| f.action_id == Some(action.id.into_uuid())).map(|file| EvidenceEntry {
                action_id: action.id,
                action: action.title.clone(),
                file_name: file.file_name.clone(),
                size: u64::try_from(file.size).unwrap_or_default(),
                sha256: file.sha256.clone(),
            })
        })
        .collect();
    let calendar = Calendar::load(&services.db, &[(opd.id, pemda, year)]).await?;
    let produced_on = calendar.zone(pemda).local(services.clock.now()).date_naive();
    let document = ReportDocument {
        opd_code: opd.code.clone(),
        kbks,
        values,
        evidence,
        signer: signer(services, opd.id).await?,
        produced_on,
        report,
    };
    audited(services, actor, &document.report, format, meta).await?;
    Ok((document, stem))
}

/// The OPD's Kepala OPD, the first appointed if there are several.
async fn signer(services: &Services, opd: uuid::Uuid) -> ServiceResult<Option<Signer>> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(Role::KepalaOpd.as_str()))
        .filter(role_grant::Column::OrgUnitId.eq(opd))
        .order_by_asc(role_grant::Column::CreatedAt)
        .all(&services.db)
        .await?;
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(grants.iter().map(|g| g.user_id)))
        .filter(app_user::Column::Active.eq(true))
        .all(&services.db)
        .await?;
    Ok(grants
        .iter()
        .find_map(|g| users.iter().find(|u| u.id == g.user_id))
        .map(|u| Signer { name: u.full_name.clone(), nip: u.nip.clone() }))
}

/// The official report as PDF, and the file name stem.
pub async fn pdf(
    services: &Services,
    actor: &Actor,
    id: ReportId,
    meta: &RequestMeta,
) -> ServiceResult<(Vec<u8>, String)> {
    let (document, stem) = document(services, actor, id, "pdf", meta).await?;
    // Laying out pages is CPU work; keep it off the threads that serve requests.
    let bytes = tokio::task::spawn_blocking(move || super::pdf::render(&document))
        .await
        .map_err(|err| ServiceError::Invalid(format!("PDF: {err}")))?;
    Ok((bytes, stem))
}
