//! Writing a checked import plan inside the caller's write transaction, many rows per statement,
//! so the write lock is held for a fraction of a second even for a large sheet (a counter waiting
//! to redeem a meal ticket waits that long and no longer).
//!
//! New households first, then new residents many per statement (their ids read back by ID
//! number), updates row by row, then search keys and categories many per statement. A statement
//! the database refuses is written again row by row to name the row at fault; the caller then
//! drops the transaction, so nothing of the sheet is written.

use super::import_plan::PlannedWrite;
use super::input::HouseholdChoice;
use super::places::Place;
use super::store::{active_model, search_key_rows};
use crate::db::entity::{household, resident, resident_category, resident_search_key};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, EntityTrait, IdenStatic, IntoActiveModel,
    Iterable, QueryFilter, QuerySelect, Set, Statement, TransactionTrait, Value,
};
use std::collections::{HashMap, HashSet};

/// Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535.
const PARAMS_PER_STATEMENT: usize = 8_000;

/// Rows per INSERT for a table of `columns` columns.
fn rows_per_statement(columns: usize) -> usize {
    (PARAMS_PER_STATEMENT / columns.max(1)).max(1)
}

/// What to write for one sheet row (its number, for messages).
pub(super) struct RowWrite {
    pub row: u32,
    pub write: PlannedWrite,
}

pub(super) async fn write_rows(
    txn: &DatabaseTransaction,
    rows: Vec<RowWrite>,
    note: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let households = create_households(txn, &rows, now).await?;
    let household_of = |w: &PlannedWrite| match (&w.new_household_code, &w.checked.household) {
        (Some(code), _) => households.get(code).copied(),
        (None, HouseholdChoice::Existing { household_id }) => Some(*household_id),
        (None, _) => None,
    };
    let mut saved: Vec<(u32, i32, &PlannedWrite)> = Vec::with_capacity(rows.len());
    let mut new_with_id = Vec::new();
    let mut renamed: Vec<i32> = Vec::new();
    for RowWrite { row, write } in &rows {
        let c = &write.checked;
        let place = Place { community: c.community_id, grid: c.grid_id, compound: c.compound_id };
        let model = active_model(c, place, household_of(write), write.existing.clone(), now);
        match (&write.existing, &c.id_number) {
            (Some(e), _) => {
                model.update(txn).await.map_err(|err| Error::from(err).at_row(*row))?;
                if e.name != c.name {
                    renamed.push(e.id);
                }
                saved.push((*row, e.id, write));
            }
            (None, Some(_)) => new_with_id.push((*row, model)),
            // Without an ID number nothing else tells the new row's id: one statement each (few).
            (None, None) => {
                let m = model.insert(txn).await.map_err(|err| Error::from(err).at_row(*row))?;
                saved.push((*row, m.id, write));
            }
        }
    }
    let before = highest_resident_id(txn).await?;
    insert_all(txn, new_with_id, rows_per_statement(22)).await?;
    let ids = ids_by_number(txn, before).await?;
    for RowWrite { row, write } in rows.iter().filter(|r| r.write.existing.is_none()) {
        if let Some(id) = write.checked.id_number.as_ref().and_then(|n| ids.get(n.as_str())) {
            saved.push((*row, *id, write));
        }
    }

    for chunk in renamed.chunks(500) {
        resident_search_key::Entity::delete_many()
            .filter(resident_search_key::Column::ResidentId.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    let renamed: HashSet<i32> = renamed.into_iter().collect();
    let keys = saved
        .iter()
        .filter(|(_, id, w)| w.existing.is_none() || renamed.contains(id))
        .flat_map(|(row, id, w)| search_key_rows(*id, &w.checked.name).into_iter().map(move |k| (*row, k)))
        .collect();
    insert_all(txn, keys, rows_per_statement(2)).await?;

    let categories = saved
        .iter()
        .flat_map(|(row, id, w)| {
            w.new_categories.iter().map(move |type_id| {
                let period = resident_category::ActiveModel {
                    resident_id: Set(*id),
                    category_type_id: Set(*type_id),
                    start_date: Set(today),
                    end_date: Set(None),
                    note: Set(Some(note.to_string())),
                    created_at: Set(now),
                    ..Default::default()
                };
                (*row, period)
            })
        })
        .collect();
    insert_all(txn, categories, rows_per_statement(7)).await
}

/// The households whose 户号 first appears in the sheet, created with the first row naming them.
async fn create_households(txn: &DatabaseTransaction, rows: &[RowWrite], now: DateTime<Utc>) -> Result<HashMap<String, i32>> {
    let mut codes = Vec::new();
    let mut seen = HashSet::new();
    let mut models = Vec::new();
    for RowWrite { row, write } in rows {
        let Some(code) = write.new_household_code.as_ref().filter(|c| seen.insert((*c).clone())) else { continue };
        codes.push(code.clone());
        let household = household::ActiveModel {
            code: Set(Some(code.clone())),
            address: Set(write.checked.address.clone().unwrap_or_default()),
            community_id: Set(write.checked.community_id),
            created_at: Set(now),
            ..Default::default()
        };
        models.push((*row, household));
    }
    insert_all(txn, models, rows_per_statement(5)).await?;
    let mut ids = HashMap::new();
    for chunk in codes.chunks(500) {
        for h in household::Entity::find().filter(household::Column::Code.is_in(chunk.iter().cloned())).all(txn).await? {
            if let Some(code) = h.code {
                ids.insert(code, h.id);
            }
        }
    }
    Ok(ids)
}

async fn highest_resident_id(txn: &DatabaseTransaction) -> Result<i32> {
    let last =
        resident::Entity::find().select_only().column_as(resident::Column::Id.max(), "id").into_tuple::<Option<i32>>().one(txn).await?;
    Ok(last.flatten().unwrap_or(0))
}

/// ID number → id of the residents inserted after `before` (in one query: the rows this
/// transaction just wrote, and on PostgreSQL any another session committed meanwhile, which the
/// caller does not ask for).
async fn ids_by_number(txn: &DatabaseTransaction, before: i32) -> Result<HashMap<String, i32>> {
    let rows: Vec<(i32, Option<String>)> = resident::Entity::find()
        .select_only()
        .column(resident::Column::Id)
        .column(resident::Column::IdNumber)
        .filter(resident::Column::Id.gt(before))
        .into_tuple()
        .all(txn)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, number)| number.map(|n| (n, id))).collect())
}

/// Inserts `rows` many per statement, each statement under a savepoint. When the database refuses
/// one, its rows are inserted one by one to find the row at fault, whose number the error carries.
///
/// The statement is written here rather than by the query builder, which spends more time building
/// a 100,000-row insert than the database spends writing it.
async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<(u32, A)>, per_statement: usize) -> Result<()>
where
    A: ActiveModelTrait + Clone + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let Some((_, first)) = rows.first() else { return Ok(()) };
    let backend = txn.get_database_backend();
    // Every model of one insert sets the same columns (the id is the database's).
    let columns: Vec<<A::Entity as EntityTrait>::Column> =
        <A::Entity as EntityTrait>::Column::iter().filter(|c| first.get(*c).is_set()).collect();
    let nulls: Vec<Option<Value>> = columns.iter().map(|c| first.get(*c).into_value().map(|v| v.as_null())).collect();
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    let head = format!("INSERT INTO \"{}\" ({}) VALUES ", A::Entity::default().table_name(), names.join(", "));
    for batch in rows.chunks(per_statement) {
        let mut sql = String::with_capacity(head.len() + batch.len() * columns.len() * 6);
        sql.push_str(&head);
        let mut values = Vec::with_capacity(batch.len() * columns.len());
        for (i, (_, model)) in batch.iter().enumerate() {
            sql.push_str(if i == 0 { "(" } else { "), (" });
            for (j, (column, null)) in columns.iter().zip(&nulls).enumerate() {
                if j > 0 {
                    sql.push_str(", ");
                }
                values.push(model.get(*column).into_value().or_else(|| null.clone()).unwrap_or(Value::Int(None)));
                match backend {
                    DbBackend::Postgres => sql.push_str(&format!("${}", values.len())),
                    _ => sql.push('?'),
                }
            }
        }
        sql.push(')');
        let savepoint = txn.begin().await?;
        match savepoint.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await {
            Ok(_) => savepoint.commit().await?,
            Err(refused) => {
                savepoint.rollback().await?;
                return Err(row_at_fault(txn, batch.to_vec(), refused).await);
            }
        }
    }
    Ok(())
}

async fn row_at_fault<A>(txn: &DatabaseTransaction, batch: Vec<(u32, A)>, refused: sea_orm::DbErr) -> Error
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    for (row, model) in batch {
        if let Err(e) = A::Entity::insert(model).exec_without_returning(txn).await {
            return Error::from(e).at_row(row);
        }
    }
    Error::from(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_stay_under_the_parameter_limits() {
        assert_eq!(rows_per_statement(2), 4_000);
        assert!(rows_per_statement(22) * 22 <= PARAMS_PER_STATEMENT);
        assert_eq!(rows_per_statement(0), PARAMS_PER_STATEMENT);
        assert_eq!(rows_per_statement(100_000), 1);
    }
}
