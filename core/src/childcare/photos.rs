//! Photos of pick-up persons, shown at sign-out so the desk can see that the person in front of it
//! is the one on the list. The picked file is read once and its bytes kept in the database: they are
//! then in every backup, and every PC of a shared deployment shows the same photo.

use super::pickup::{find_person, person, PickupPerson};
use super::{MANAGE, STAFF, WORK_DESK};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::childcare_photo;
use crate::error::{Error, Result};
use crate::Desk;
use base64::Engine;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::path::Path;

/// A phone photo is 2–5 MB; above this the user is asked to send a smaller one (微信 "原图" off).
pub const MAX_PHOTO_BYTES: usize = 3 * 1024 * 1024;

/// "image/jpeg" or "image/png" from the file's first bytes (the name may lie).
fn mime_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// Reads the photo file the user picked and keeps it as the person's photo.
pub async fn set_photo_from_file(desk: &Desk, actor: &Actor, person_id: i32, path: &Path) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let size = std::fs::metadata(path).map_err(|e| Error::Io(format!("无法读取照片 {}：{e}", path.display())))?.len();
    if size > MAX_PHOTO_BYTES as u64 {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("无法读取照片 {}：{e}", path.display())))?;
    set_photo(desk, actor, person_id, bytes).await
}

fn too_large(size: u64) -> Error {
    let mb = |b: u64| format!("{:.1}", b as f64 / 1024.0 / 1024.0);
    Error::invalid(
        "photo_too_large",
        "photo",
        format!("照片有 {} MB，不能超过 {} MB：请换一张小一些的照片", mb(size), mb(MAX_PHOTO_BYTES as u64)),
    )
}

/// Keeps `bytes` (a JPEG or PNG) as the person's photo, replacing an earlier one.
pub async fn set_photo(desk: &Desk, actor: &Actor, person_id: i32, bytes: Vec<u8>) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let mime = mime_of(&bytes).ok_or_else(|| Error::invalid("photo_format", "photo", "只能使用 JPG 或 PNG 格式的照片"))?;
    let txn = desk.begin_write().await?;
    let p = find_person(&txn, person_id).await?;
    delete_photo(&txn, person_id).await?;
    childcare_photo::ActiveModel {
        pickup_person_id: Set(person_id),
        mime: Set(mime.into()),
        bytes: Set(bytes),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry = Entry::new(Action::PickupPhotoSaved).on("childcare_enrolment", p.enrolment_id).detail(format!("{}的照片", p.name));
    audit::record_by(desk, &txn, actor, entry).await?;
    txn.commit().await?;
    person(desk.db(), person_id).await
}

pub async fn remove_photo(desk: &Desk, actor: &Actor, person_id: i32) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let p = find_person(&txn, person_id).await?;
    if delete_photo(&txn, person_id).await? {
        let entry = Entry::new(Action::PickupPhotoSaved).on("childcare_enrolment", p.enrolment_id).detail(format!("删除{}的照片", p.name));
        audit::record_by(desk, &txn, actor, entry).await?;
    }
    txn.commit().await?;
    person(desk.db(), person_id).await
}

async fn delete_photo<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<bool> {
    let gone =
        childcare_photo::Entity::delete_many().filter(childcare_photo::Column::PickupPersonId.eq(person_id)).exec(db).await?.rows_affected;
    Ok(gone > 0)
}

/// The person's photo as a `data:` URL the window shows as it is; None without a photo.
pub async fn photo(desk: &Desk, actor: &Actor, person_id: i32) -> Result<Option<String>> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    find_person(desk.db(), person_id).await?;
    let row = childcare_photo::Entity::find().filter(childcare_photo::Column::PickupPersonId.eq(person_id)).one(desk.db()).await?;
    Ok(row.map(|p| format!("data:{};base64,{}", p.mime, base64::engine::general_purpose::STANDARD.encode(&p.bytes))))
}

/// Which of `person_ids` have a photo (one query for a child's list).
pub(crate) async fn with_photo<C: ConnectionTrait>(db: &C, person_ids: &[i32]) -> Result<std::collections::HashSet<i32>> {
    let mut out = std::collections::HashSet::new();
    for chunk in person_ids.chunks(500) {
        use sea_orm::QuerySelect;
        let ids: Vec<i32> = childcare_photo::Entity::find()
            .select_only()
            .column(childcare_photo::Column::PickupPersonId)
            .filter(childcare_photo::Column::PickupPersonId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(ids);
    }
    Ok(out)
}
