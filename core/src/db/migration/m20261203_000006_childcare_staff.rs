//! After-school care, second part: the staff of each program and the month's duty grid, the
//! photos of pick-up persons (kept in the database, so they travel with backups and are seen on
//! every PC of a PostgreSQL deployment), and each program's monthly fee with its 减免 amount.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

fn unique_index(name: &str, table: impl IntoIden, cols: &[ChildcareCols]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).unique().to_owned();
    for col in cols {
        index.col(*col);
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChildcareProgramStaff::Table)
                    .col(pk_auto(ChildcareCols::Id))
                    .col(integer(ChildcareCols::ProgramId))
                    .col(integer(ChildcareCols::UserId))
                    .foreign_key(&mut fk(
                        "fk_childcare_program_staff_program_id",
                        (ChildcareProgramStaff::Table, ChildcareCols::ProgramId),
                        (ChildcarePrograms::Table, ChildcareCols::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_program_staff_user_id",
                        (ChildcareProgramStaff::Table, ChildcareCols::UserId),
                        (Users::Table, ChildcareCols::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "idx_childcare_program_staff_program_user",
                ChildcareProgramStaff::Table,
                &[ChildcareCols::ProgramId, ChildcareCols::UserId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareDuties::Table)
                    .col(pk_auto(ChildcareCols::Id))
                    .col(integer(ChildcareCols::ProgramId))
                    .col(date(ChildcareCols::Day))
                    .col(integer(ChildcareCols::UserId))
                    .col(timestamp_with_time_zone(ChildcareCols::CreatedAt))
                    .col(integer_null(ChildcareCols::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_duties_program_id",
                        (ChildcareDuties::Table, ChildcareCols::ProgramId),
                        (ChildcarePrograms::Table, ChildcareCols::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_duties_user_id",
                        (ChildcareDuties::Table, ChildcareCols::UserId),
                        (Users::Table, ChildcareCols::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_duties_created_by",
                        (ChildcareDuties::Table, ChildcareCols::CreatedBy),
                        (Users::Table, ChildcareCols::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "idx_childcare_duties_program_day_user",
                ChildcareDuties::Table,
                &[ChildcareCols::ProgramId, ChildcareCols::Day, ChildcareCols::UserId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcarePhotos::Table)
                    .col(pk_auto(ChildcareCols::Id))
                    .col(integer(ChildcareCols::PickupPersonId))
                    .col(string(ChildcareCols::Mime))
                    .col(blob(ChildcareCols::Bytes))
                    .col(timestamp_with_time_zone(ChildcareCols::CreatedAt))
                    .col(integer_null(ChildcareCols::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_photos_pickup_person_id",
                        (ChildcarePhotos::Table, ChildcareCols::PickupPersonId),
                        (ChildcarePickupPersons::Table, ChildcareCols::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_photos_created_by",
                        (ChildcarePhotos::Table, ChildcareCols::CreatedBy),
                        (Users::Table, ChildcareCols::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("idx_childcare_photos_pickup_person", ChildcarePhotos::Table, &[ChildcareCols::PickupPersonId]))
            .await?;
        // SQLite adds one column per ALTER TABLE.
        for col in [ChildcareCols::MonthlyFee, ChildcareCols::ReducedFee] {
            manager.alter_table(Table::alter().table(ChildcarePrograms::Table).add_column(big_integer(col).default(0)).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ChildcareProgramStaff {
    Table,
}

#[derive(DeriveIden)]
enum ChildcareDuties {
    Table,
}

#[derive(DeriveIden)]
enum ChildcarePhotos {
    Table,
}

#[derive(DeriveIden)]
enum ChildcarePrograms {
    Table,
}

#[derive(DeriveIden)]
enum ChildcarePickupPersons {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChildcareCols {
    Id,
    ProgramId,
    UserId,
    Day,
    PickupPersonId,
    Mime,
    Bytes,
    MonthlyFee,
    ReducedFee,
    CreatedAt,
    CreatedBy,
}
