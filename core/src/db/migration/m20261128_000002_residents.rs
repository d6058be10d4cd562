//! The residents registry: households, residents, their status history, dated categories
//! (with the list of category types) and relations to other people.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The category types every office starts with; admins add more.
const BUILTIN_CATEGORIES: [&str; 10] = ["独居", "空巢", "失能", "半失能", "低保", "特困", "残疾", "双职工家庭", "留守儿童", "优抚对象"];

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Households::Table)
                    .col(pk_auto(Households::Id))
                    .col(string_null(Households::Code).unique_key())
                    .col(string(Households::Address))
                    .col(integer_null(Households::CommunityId))
                    .col(timestamp_with_time_zone(Households::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_households_community",
                        (Households::Table, Households::CommunityId),
                        (Communities::Table, Communities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Residents::Table)
                    .col(pk_auto(Residents::Id))
                    .col(string(Residents::Name))
                    .col(string(Residents::Sex))
                    .col(string_null(Residents::IdNumber).unique_key())
                    .col(string_null(Residents::NoIdReason))
                    .col(date(Residents::BirthDate))
                    .col(string_null(Residents::Phone))
                    .col(string_null(Residents::Address))
                    .col(integer_null(Residents::CommunityId))
                    .col(integer_null(Residents::GridId))
                    .col(integer_null(Residents::CompoundId))
                    .col(integer_null(Residents::HouseholdId))
                    .col(string_null(Residents::RelationToHead))
                    .col(string(Residents::Status).default("active"))
                    .col(date_null(Residents::StatusDate))
                    .col(text_null(Residents::Notes))
                    .col(string(Residents::SearchText))
                    .col(string_null(Residents::IdReversed))
                    .col(string_null(Residents::PhoneReversed))
                    .col(timestamp_with_time_zone(Residents::CreatedAt))
                    .col(timestamp_with_time_zone(Residents::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_residents_community",
                        (Residents::Table, Residents::CommunityId),
                        (Communities::Table, Communities::Id),
                    ))
                    .foreign_key(&mut fk("fk_residents_grid", (Residents::Table, Residents::GridId), (Communities::Table, Communities::Id)))
                    .foreign_key(&mut fk(
                        "fk_residents_compound",
                        (Residents::Table, Residents::CompoundId),
                        (Communities::Table, Communities::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_residents_household",
                        (Residents::Table, Residents::HouseholdId),
                        (Households::Table, Households::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The search box scans this narrow index instead of the table: every column a search
        // filters on, in pinyin order, so a page in name order can be read straight off it.
        manager
            .create_index(
                Index::create()
                    .name("idx_residents_search")
                    .table(Residents::Table)
                    .col(Residents::SearchText)
                    .col(Residents::Name)
                    .col(Residents::Status)
                    .col(Residents::CommunityId)
                    .col(Residents::GridId)
                    .col(Residents::BirthDate)
                    .to_owned(),
            )
            .await?;
        // Filtering by community (and age, status) reads this index alone.
        manager
            .create_index(
                Index::create()
                    .name("idx_residents_community")
                    .table(Residents::Table)
                    .col(Residents::CommunityId)
                    .col(Residents::Status)
                    .col(Residents::BirthDate)
                    .col(Residents::GridId)
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            // The narrowest index holding names: counting a name search scans it alone.
            ("idx_residents_name", Residents::Name),
            ("idx_residents_household", Residents::HouseholdId),
            ("idx_residents_id_reversed", Residents::IdReversed),
            ("idx_residents_phone_reversed", Residents::PhoneReversed),
        ] {
            manager.create_index(Index::create().name(name).table(Residents::Table).col(col).to_owned()).await?;
        }
        // One row per pinyin key (full reading, initials, both readings of polyphonic surnames): a
        // search by pinyin is a prefix range on the primary key instead of a scan.
        manager
            .create_table(
                Table::create()
                    .table(ResidentSearchKeys::Table)
                    .col(string(ResidentSearchKeys::Key))
                    .col(integer(ResidentSearchKeys::ResidentId))
                    .primary_key(Index::create().col(ResidentSearchKeys::Key).col(ResidentSearchKeys::ResidentId))
                    .foreign_key(&mut fk(
                        "fk_search_keys_resident",
                        (ResidentSearchKeys::Table, ResidentSearchKeys::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_keys_resident")
                    .table(ResidentSearchKeys::Table)
                    .col(ResidentSearchKeys::ResidentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResidentStatusEvents::Table)
                    .col(pk_auto(ResidentStatusEvents::Id))
                    .col(integer(ResidentStatusEvents::ResidentId))
                    .col(string(ResidentStatusEvents::Status))
                    .col(date(ResidentStatusEvents::EffectiveDate))
                    .col(text_null(ResidentStatusEvents::Note))
                    .col(timestamp_with_time_zone(ResidentStatusEvents::RecordedAt))
                    .col(integer_null(ResidentStatusEvents::RecordedBy))
                    .foreign_key(&mut fk(
                        "fk_status_events_resident",
                        (ResidentStatusEvents::Table, ResidentStatusEvents::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_status_events_resident")
                    .table(ResidentStatusEvents::Table)
                    .col(ResidentStatusEvents::ResidentId)
                    .col(ResidentStatusEvents::EffectiveDate)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CategoryTypes::Table)
                    .col(pk_auto(CategoryTypes::Id))
                    .col(string_uniq(CategoryTypes::Name))
                    .col(boolean(CategoryTypes::Builtin).default(false))
                    .col(boolean(CategoryTypes::Active).default(true))
                    .col(integer(CategoryTypes::SortOrder).default(0))
                    .to_owned(),
            )
            .await?;
        for (i, name) in BUILTIN_CATEGORIES.iter().enumerate() {
            let insert = Query::insert()
                .into_table(CategoryTypes::Table)
                .columns([CategoryTypes::Name, CategoryTypes::Builtin, CategoryTypes::Active, CategoryTypes::SortOrder])
                .values_panic([(*name).into(), true.into(), true.into(), ((i as i32 + 1) * 10).into()])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ResidentCategories::Table)
                    .col(pk_auto(ResidentCategories::Id))
                    .col(integer(ResidentCategories::ResidentId))
                    .col(integer(ResidentCategories::CategoryTypeId))
                    .col(date(ResidentCategories::StartDate))
                    .col(date_null(ResidentCategories::EndDate))
                    .col(text_null(ResidentCategories::Note))
                    .col(timestamp_with_time_zone(ResidentCategories::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_resident_categories_resident",
                        (ResidentCategories::Table, ResidentCategories::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_resident_categories_type",
                        (ResidentCategories::Table, ResidentCategories::CategoryTypeId),
                        (CategoryTypes::Table, CategoryTypes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_resident_categories_resident")
                    .table(ResidentCategories::Table)
                    .col(ResidentCategories::ResidentId)
                    .to_owned(),
            )
            .await?;
        // "Who is 低保 on this date" reads this index alone.
        manager
            .create_index(
                Index::create()
                    .name("idx_resident_categories_type")
                    .table(ResidentCategories::Table)
                    .col(ResidentCategories::CategoryTypeId)
                    .col(ResidentCategories::StartDate)
                    .col(ResidentCategories::EndDate)
                    .col(ResidentCategories::ResidentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResidentRelations::Table)
                    .col(pk_auto(ResidentRelations::Id))
                    .col(integer(ResidentRelations::ResidentId))
                    .col(string(ResidentRelations::Kind))
                    .col(integer_null(ResidentRelations::RelatedResidentId))
                    .col(string_null(ResidentRelations::ContactName))
                    .col(string_null(ResidentRelations::ContactPhone))
                    .col(string_null(ResidentRelations::Relationship))
                    .col(text_null(ResidentRelations::Note))
                    .col(timestamp_with_time_zone(ResidentRelations::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_resident_relations_resident",
                        (ResidentRelations::Table, ResidentRelations::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_resident_relations_related",
                        (ResidentRelations::Table, ResidentRelations::RelatedResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_resident_relations_resident", ResidentRelations::ResidentId),
            ("idx_resident_relations_related", ResidentRelations::RelatedResidentId),
        ] {
            manager.create_index(Index::create().name(name).table(ResidentRelations::Table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("migrations are forward-only".into()))
    }
}

#[derive(DeriveIden)]
enum Communities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Households {
    Table,
    Id,
    Code,
    Address,
    CommunityId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Residents {
    Table,
    Id,
    Name,
    Sex,
    IdNumber,
    NoIdReason,
    BirthDate,
    Phone,
    Address,
    CommunityId,
    GridId,
    CompoundId,
    HouseholdId,
    RelationToHead,
    Status,
    StatusDate,
    Notes,
    SearchText,
    IdReversed,
    PhoneReversed,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ResidentSearchKeys {
    Table,
    Key,
    ResidentId,
}

#[derive(DeriveIden)]
enum ResidentStatusEvents {
    Table,
    Id,
    ResidentId,
    Status,
    EffectiveDate,
    Note,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum CategoryTypes {
    Table,
    Id,
    Name,
    Builtin,
    Active,
    SortOrder,
}

#[derive(DeriveIden)]
enum ResidentCategories {
    Table,
    Id,
    ResidentId,
    CategoryTypeId,
    StartDate,
    EndDate,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ResidentRelations {
    Table,
    Id,
    ResidentId,
    Kind,
    RelatedResidentId,
    ContactName,
    ContactPhone,
    Relationship,
    Note,
    CreatedAt,
}
