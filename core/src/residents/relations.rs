//! Guardians, emergency contacts and authorised pick-up persons: another resident, or a person
//! outside the registry with a name and a phone.

use super::model::RelationKind;
use super::phone::parse_phone;
use super::service::{find, who, KEEP_REGISTRY};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor, Role};
use crate::db::entity::resident_relation;
use crate::error::{Error, Result};
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRelation {
    pub kind: RelationKind,
    /// A resident; otherwise `contactName` and `contactPhone` are required.
    pub related_resident_id: Option<i32>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// 母亲, 儿子, 邻居, …
    pub relationship: Option<String>,
    pub note: Option<String>,
}

pub async fn add(desk: &Desk, actor: &Actor, resident_id: i32, new: NewRelation) -> Result<()> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let relationship = validate::optional_text(&new.relationship, "relationship", "关系", 20)?;
    let note = validate::optional_text(&new.note, "note", "说明", 200)?;
    let txn = desk.begin_write().await?;
    let r = find(&txn, resident_id).await?;
    let (related, name, phone) = match new.related_resident_id {
        Some(other) if other == resident_id => {
            return Err(Error::invalid("invalid_relation", "relatedResidentId", "不能把居民本人设为自己的联系人"))
        }
        Some(other) => {
            let o = find(&txn, other).await.map_err(|_| Error::invalid("not_found", "relatedResidentId", "所选居民不存在"))?;
            (Some(o.id), None, None)
        }
        None => {
            let name = validate::name(validate::filled(&new.contact_name).unwrap_or(""), "contactName", "联系人姓名", 30)?;
            let phone = validate::filled(&new.contact_phone)
                .ok_or_else(|| Error::invalid("required", "contactPhone", "请填写联系人电话"))
                .and_then(|p| parse_phone(p).map_err(|e| Error::invalid(e.code(), "contactPhone", e.to_string())))?;
            (None, Some(name), Some(phone.as_str().to_string()))
        }
    };
    resident_relation::ActiveModel {
        resident_id: Set(resident_id),
        kind: Set(new.kind),
        related_resident_id: Set(related),
        contact_name: Set(name.clone()),
        contact_phone: Set(phone),
        relationship: Set(relationship),
        note: Set(note),
        created_at: Set(desk.clock().now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let whom = match related {
        Some(id) => who(&find(&txn, id).await?),
        None => name.unwrap_or_default(),
    };
    let detail = format!("{}：{} {}", who(&r), new.kind.label(), whom);
    audit::record_by(desk, &txn, actor, Entry::new(Action::RelationAdded).on("resident", resident_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove(desk: &Desk, actor: &Actor, relation_id: i32) -> Result<()> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let txn = desk.begin_write().await?;
    let rel = resident_relation::Entity::find_by_id(relation_id).one(&txn).await?.ok_or(Error::NotFound { what: "联系人" })?;
    let r = find(&txn, rel.resident_id).await?;
    let kind = rel.kind.label();
    resident_relation::Entity::delete_by_id(relation_id).exec(&txn).await?;
    let detail = format!("{}：{} {}", who(&r), kind, rel.contact_name.unwrap_or_default());
    audit::record_by(desk, &txn, actor, Entry::new(Action::RelationRemoved).on("resident", r.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(())
}
