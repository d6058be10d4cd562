//! What the canteen's screens and lists show about the residents behind diners and bookings.

use crate::db::entity::{community, resident};
use crate::error::Result;
use crate::residents::age::age_on;
use crate::residents::search::categories_on;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// Categories the serving counter and the lists call attention to.
const HIGHLIGHTED: [&str; 3] = ["独居", "失能", "半失能"];

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    pub community: String,
    pub age: Option<u32>,
    pub categories: Vec<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// "|wangxiuying|wxy|" — the registry's pinyin keys, for the counter's search.
    pub search_text: String,
    pub model: resident::Model,
}

impl Person {
    pub fn highlighted(&self) -> bool {
        highlighted(&self.categories)
    }

    pub fn highlighted_categories(&self) -> Vec<String> {
        highlighted_categories(&self.categories)
    }
}

pub(crate) fn highlighted(categories: &[String]) -> bool {
    categories.iter().any(|c| HIGHLIGHTED.contains(&c.as_str()))
}

pub(crate) fn highlighted_categories(categories: &[String]) -> Vec<String> {
    categories.iter().filter(|c| HIGHLIGHTED.contains(&c.as_str())).cloned().collect()
}

/// `ids` sorted, without repeats.
fn distinct(ids: &[i32]) -> Vec<i32> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Community names by id.
pub(crate) async fn community_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, String>> {
    let select = community::Entity::find().select_only().columns([community::Column::Id, community::Column::Name]);
    Ok(select.into_tuple::<(i32, String)>().all(db).await?.into_iter().collect())
}

/// The residents `ids` as seen on `on` (age and categories on that day).
pub(crate) async fn load<C: ConnectionTrait>(db: &C, ids: &[i32], on: NaiveDate) -> Result<HashMap<i32, Person>> {
    let ids = distinct(ids);
    let mut residents = Vec::new();
    for chunk in ids.chunks(500) {
        residents.extend(resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await?);
    }
    let communities = community_names(db).await?;
    let mut categories = categories_on(db, &ids, on).await?;
    Ok(residents
        .into_iter()
        .map(|r| {
            let person = Person {
                name: r.name.clone(),
                community: r.community_id.and_then(|c| communities.get(&c).cloned()).unwrap_or_default(),
                age: age_on(r.birth_date, on),
                categories: categories.remove(&r.id).unwrap_or_default(),
                phone: r.phone.clone(),
                address: r.address.clone(),
                search_text: r.search_text.clone(),
                model: r,
            };
            (person.model.id, person)
        })
        .collect())
}
