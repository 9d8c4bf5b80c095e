//! Evidence files: checked by content and size, hashed, stored atomically in the blob store before their row is
//! written (so no row ever lacks its file), and downloaded only by those who may see what they document.

use super::{actions, content, groups};
use crate::{
    ServiceError, ServiceResult, Services,
    access::{Actor, reach},
    audit::{self, AuditEntry, RequestMeta},
    dashboard::standing,
    entity::{evidence_file, kbk, kbk_action},
    storage::key_for,
};
use domain::{
    access::Action,
    evidence::{FileType, UploadError, check_upload, clean_file_name},
    ids::{ActionId, EvidenceId, KbkId},
    kbk::EvidenceView,
    locale::Locale,
    workflow::ReviewState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use uuid::Uuid;

/// `purpose` of an action's evidence.
pub const ACTION: &str = "action";
/// `purpose` of a KBK's SK scan.
pub const DECREE: &str = "decree";

fn view(row: evidence_file::Model) -> EvidenceView {
    EvidenceView {
        id: EvidenceId::from_uuid(row.id),
        file_name: row.file_name,
        media_type: row.media_type,
        size: u64::try_from(row.size).unwrap_or(0),
        sha256: row.sha256,
        uploaded_at: row.created_at,
        taken_at: row.taken_at,
        has_thumbnail: row.thumbnail_key.is_some(),
    }
}

/// The evidence of each of `actions`, oldest first, in one query.
pub(crate) async fn views_for_actions(
    db: &impl ConnectionTrait,
    actions: &[Uuid],
) -> ServiceResult<HashMap<Uuid, Vec<EvidenceView>>> {
    let rows = evidence_file::Entity::find()
        .filter(evidence_file::Column::ActionId.is_in(actions.iter().copied()))
        .order_by_asc(evidence_file::Column::CreatedAt)
        // Ids are UUIDv7: upload order, even when two uploads share a timestamp.
        .order_by_asc(evidence_file::Column::Id)
        .all(db)
        .await?;
    let mut by_action: HashMap<Uuid, Vec<EvidenceView>> = HashMap::new();
    for row in rows {
        if let Some(action) = row.action_id {
            by_action.entry(action).or_default().push(view(row));
        }
    }
    Ok(by_action)
}

/// An uploaded file, as received.
#[derive(Clone, Debug)]
pub struct Upload {
    /// The name the browser sent.
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Checks the upload, stores its bytes, and returns the row to insert.
async fn store(
    services: &Services,
    actor: &Actor,
    group: &kbk::Model,
    action: Option<Uuid>,
    purpose: &str,
    upload: &Upload,
) -> ServiceResult<(evidence_file::ActiveModel, FileType)> {
    let file_name = clean_file_name(&upload.file_name);
    let refused = |err: UploadError| ServiceError::Invalid(err.message(&file_name, Locale::Id));
    let file_type = check_upload(&upload.bytes, services.max_upload_bytes).map_err(refused)?;
    let photo = content::read_whole(upload.bytes.clone(), file_type).await.map_err(refused)?;
    let (sha256, key) = put_blob(services, &upload.bytes).await?;
    let thumbnail_key = match &photo.thumbnail {
        Some(thumbnail) => Some(put_blob(services, thumbnail).await?.1),
        None => None,
    };
    let row = evidence_file::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(group.pemda_id),
        opd_id: Set(group.opd_id),
        kbk_id: Set(group.id),
        action_id: Set(action),
        purpose: Set(purpose.to_owned()),
        file_name: Set(file_name),
        media_type: Set(file_type.media_type.to_owned()),
        size: Set(i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX)),
        sha256: Set(sha256),
        storage_key: Set(key),
        uploaded_by: Set(actor.user_id.into_uuid()),
        created_at: Set(services.clock.now()),
        taken_at: Set(photo.taken_at),
        thumbnail_key: Set(thumbnail_key),
    };
    Ok((row, file_type))
}

/// Stores `bytes` under their content key before any row names them; returns their SHA-256 and key.
async fn put_blob(services: &Services, bytes: &[u8]) -> ServiceResult<(String, String)> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    let key = key_for(&sha256);
    services.blobs.put(&key, bytes).await.map_err(|err| {
        tracing::error!(%err, "evidence could not be stored");
        ServiceError::Invalid("Berkas tidak dapat disimpan; coba lagi sebentar lagi.".into())
    })?;
    Ok((sha256, key))
}

async fn insert(
    services: &Services,
    actor: &Actor,
    row: evidence_file::ActiveModel,
    action: &str,
    meta: &RequestMeta,
) -> ServiceResult<EvidenceView> {
    let txn = services.db.begin().await?;
    let row = row.insert(&txn).await?;
    if row.purpose == DECREE {
        standing::refresh_kept(&txn, &[row.opd_id], services.clock.now()).await?;
    }
    let mut entry = AuditEntry::new(Some(actor), action, "evidence", Some(row.id.to_string()));
    entry.pemda_id = Some(row.pemda_id);
    entry.after = Some(serde_json::json!({
        "file_name": row.file_name, "sha256": row.sha256, "size": row.size,
        "action": row.action_id, "kbk": row.kbk_id,
    }));
    audit::record(&txn, entry, meta, services.clock.now()).await?;
    txn.commit().await?;
    Ok(view(row))
}

/// Attaches a file to a draft or returned action (any member of its KBK).
pub async fn attach_to_action(
    services: &Services,
    actor: &Actor,
    id: ActionId,
    upload: Upload,
    meta: &RequestMeta,
) -> ServiceResult<EvidenceView> {
    let (row, group, unit) = actions::visible(&services.db, actor, id).await?;
    actions::require_member(&services.db, actor, &group, &unit.path).await?;
    let state: ReviewState = row.state.parse().map_err(|_| ServiceError::NotFound)?;
    if !state.is_editable() {
        return Err(ServiceError::Conflict(
            "Bukti hanya dapat ditambahkan selama kegiatan berstatus Draf atau Dikembalikan.".into(),
        ));
    }
    let (file, _) = store(services, actor, &group, Some(row.id), ACTION, &upload).await?;
    insert(services, actor, file, "evidence.upload", meta).await
}

/// Attaches the scanned SK to a KBK (Kepala OPD or Admin OPD): a PDF or a photo.
pub async fn attach_decree(
    services: &Services,
    actor: &Actor,
    id: KbkId,
    upload: Upload,
    meta: &RequestMeta,
) -> ServiceResult<EvidenceView> {
    let (group, unit) = groups::visible(&services.db, actor, id).await?;
    reach::require(actor, Action::ManageKbk, &unit.path)?;
    let (file, file_type) = store(services, actor, &group, None, DECREE, &upload).await?;
    if !file_type.is_image && file_type.media_type != "application/pdf" {
        return Err(ServiceError::Invalid("SK diunggah sebagai PDF atau foto hasil pindaian.".into()));
    }
    insert(services, actor, file, "evidence.upload_decree", meta).await
}

/// A file to send back.
#[derive(Clone, Debug)]
pub struct Download {
    /// Name, type, size and hash.
    pub file: EvidenceView,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The file, for anyone who may see the action or KBK it documents; every download is audited.
pub async fn download(
    services: &Services,
    actor: &Actor,
    id: EvidenceId,
    meta: &RequestMeta,
) -> ServiceResult<Download> {
    let row = visible_file(&services.db, actor, id).await?;
    let bytes = read_blob(services, &row.storage_key).await?;
    let txn = services.db.begin().await?;
    let mut entry = AuditEntry::new(Some(actor), "evidence.download", "evidence", Some(row.id.to_string()));
    entry.pemda_id = Some(row.pemda_id);
    audit::record(&txn, entry, meta, services.clock.now()).await?;
    txn.commit().await?;
    Ok(Download { file: view(row), bytes })
}

/// The photo's thumbnail (a JPEG), for anyone who may see the file. Not audited: it is a preview shown on the
/// action page, and the page itself is not an export; downloading the original is.
pub async fn thumbnail(services: &Services, actor: &Actor, id: EvidenceId) -> ServiceResult<Vec<u8>> {
    let row = visible_file(&services.db, actor, id).await?;
    let key = row.thumbnail_key.ok_or(ServiceError::NotFound)?;
    read_blob(services, &key).await
}

/// The file's row, if the actor may see the action or KBK it documents.
async fn visible_file(db: &impl ConnectionTrait, actor: &Actor, id: EvidenceId) -> ServiceResult<evidence_file::Model> {
    let row = evidence_file::Entity::find_by_id(id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    match row.action_id {
        Some(action) => {
            actions::visible(db, actor, ActionId::from_uuid(action)).await?;
        }
        None => {
            groups::visible(db, actor, KbkId::from_uuid(row.kbk_id)).await?;
        }
    }
    Ok(row)
}

pub(crate) async fn read_blob(services: &Services, key: &str) -> ServiceResult<Vec<u8>> {
    services.blobs.get(key).await.map_err(|err| {
        tracing::error!(%err, %key, "an evidence row's file is missing");
        ServiceError::NotFound
    })
}

/// How many files document the action.
pub async fn count_for_action(db: &impl ConnectionTrait, action: &kbk_action::Model) -> ServiceResult<u64> {
    Ok(evidence_file::Entity::find().filter(evidence_file::Column::ActionId.eq(action.id)).count(db).await?)
}
