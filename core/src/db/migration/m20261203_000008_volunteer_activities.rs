//! Volunteers (志愿服务), second part: activities with their needs, sign-ups and sign-in/out
//! pairs; the service record (志愿服务记录), an append-only ledger of minutes where a correction
//! is a new entry; training, commendations and evaluations; and the proofs issued (志愿服务证明),
//! each kept with what it said so that a reprint is the same document under the same number.
//! Visits already entered become service entries of the volunteer who went.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

fn index(name: &str, table: impl IntoIden + Copy, cols: &[Col], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(*col);
    }
    if unique {
        index.unique();
    }
    index
}

fn created(table: &mut TableCreateStatement, name: &str, on: impl IntoIden + Copy) {
    table.col(timestamp_with_time_zone(Col::CreatedAt)).col(integer_null(Col::CreatedBy)).foreign_key(&mut fk(
        &format!("fk_{name}_created_by"),
        (on, Col::CreatedBy),
        (Users::Table, Col::Id),
    ));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut activities = Table::create()
            .table(Activities::Table)
            .col(pk_auto(Col::Id))
            .col(string(Col::Title))
            .col(date(Col::HeldOn))
            .col(string(Col::StartsAt))
            .col(string(Col::EndsAt))
            .col(string(Col::Place))
            .col(string(Col::Organiser))
            .col(integer_null(Col::TeamId))
            .col(string(Col::Content))
            .col(boolean(Col::MinorsOk).default(false))
            .col(string(Col::Status))
            .col(timestamp_with_time_zone_null(Col::ConfirmedAt))
            .col(integer_null(Col::ConfirmedBy))
            .col(string_null(Col::CancelReason))
            .foreign_key(&mut fk("fk_volunteer_activities_team_id", (Activities::Table, Col::TeamId), (Teams::Table, Col::Id)))
            .foreign_key(&mut fk("fk_volunteer_activities_confirmed_by", (Activities::Table, Col::ConfirmedBy), (Users::Table, Col::Id)))
            .to_owned();
        created(&mut activities, "volunteer_activities", Activities::Table);
        manager.create_table(activities).await?;
        manager.create_index(index("idx_volunteer_activities_held_on", Activities::Table, &[Col::HeldOn], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(Needs::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ActivityId))
                    .col(string(Col::Role))
                    .col(integer(Col::People))
                    .col(string(Col::StartsAt))
                    .col(string(Col::EndsAt))
                    .foreign_key(&mut fk("fk_activity_needs_activity_id", (Needs::Table, Col::ActivityId), (Activities::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_activity_needs_activity_id", Needs::Table, &[Col::ActivityId], false)).await?;

        let mut signups = Table::create()
            .table(Signups::Table)
            .col(pk_auto(Col::Id))
            .col(integer(Col::ActivityId))
            .col(integer_null(Col::NeedId))
            .col(integer(Col::VolunteerId))
            .col(string_null(Col::Evaluation))
            .col(timestamp_with_time_zone_null(Col::WithdrawnAt))
            .foreign_key(&mut fk("fk_activity_signups_activity_id", (Signups::Table, Col::ActivityId), (Activities::Table, Col::Id)))
            .foreign_key(&mut fk("fk_activity_signups_need_id", (Signups::Table, Col::NeedId), (Needs::Table, Col::Id)))
            .foreign_key(&mut fk("fk_activity_signups_volunteer_id", (Signups::Table, Col::VolunteerId), (Volunteers::Table, Col::Id)))
            .to_owned();
        created(&mut signups, "activity_signups", Signups::Table);
        manager.create_table(signups).await?;
        manager.create_index(index("idx_activity_signups_need_id", Signups::Table, &[Col::NeedId], false)).await?;
        // One sign-up per volunteer and activity, also when two PCs sign up the same person.
        manager
            .create_index(index("idx_activity_signups_activity_volunteer", Signups::Table, &[Col::ActivityId, Col::VolunteerId], true))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attendance::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ActivityId))
                    .col(integer(Col::VolunteerId))
                    .col(timestamp_with_time_zone(Col::SignedInAt))
                    .col(timestamp_with_time_zone_null(Col::SignedOutAt))
                    .col(string(Col::Way))
                    .col(integer_null(Col::InBy))
                    .col(integer_null(Col::OutBy))
                    .foreign_key(&mut fk(
                        "fk_activity_attendance_activity_id",
                        (Attendance::Table, Col::ActivityId),
                        (Activities::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_activity_attendance_volunteer_id",
                        (Attendance::Table, Col::VolunteerId),
                        (Volunteers::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk("fk_activity_attendance_in_by", (Attendance::Table, Col::InBy), (Users::Table, Col::Id)))
                    .foreign_key(&mut fk("fk_activity_attendance_out_by", (Attendance::Table, Col::OutBy), (Users::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_activity_attendance_activity_volunteer",
                Attendance::Table,
                &[Col::ActivityId, Col::VolunteerId],
                false,
            ))
            .await?;
        // One open sign-in per volunteer and activity: a double scan from two desks signs in once.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_activity_attendance_open ON activity_attendance (activity_id, volunteer_id) \
                 WHERE signed_out_at IS NULL",
            )
            .await?;

        let mut entries = Table::create()
            .table(Entries::Table)
            .col(pk_auto(Col::Id))
            .col(integer(Col::VolunteerId))
            .col(date(Col::ServedOn))
            .col(string(Col::Source))
            .col(integer_null(Col::ActivityId))
            .col(integer_null(Col::VisitId))
            .col(integer(Col::Minutes))
            .col(string(Col::Content))
            .col(integer_null(Col::CorrectsId))
            .col(integer_null(Col::OldMinutes))
            .col(string_null(Col::Reason))
            .col(string_null(Col::RequestedBy))
            .foreign_key(&mut fk("fk_service_entries_volunteer_id", (Entries::Table, Col::VolunteerId), (Volunteers::Table, Col::Id)))
            .foreign_key(&mut fk("fk_service_entries_activity_id", (Entries::Table, Col::ActivityId), (Activities::Table, Col::Id)))
            .foreign_key(&mut fk("fk_service_entries_visit_id", (Entries::Table, Col::VisitId), (Visits::Table, Col::Id)))
            .foreign_key(&mut fk("fk_service_entries_corrects_id", (Entries::Table, Col::CorrectsId), (Entries::Table, Col::Id)))
            .to_owned();
        created(&mut entries, "service_entries", Entries::Table);
        manager.create_table(entries).await?;
        manager
            .create_index(index("idx_service_entries_volunteer_served_on", Entries::Table, &[Col::VolunteerId, Col::ServedOn], false))
            .await?;
        manager.create_index(index("idx_service_entries_served_on", Entries::Table, &[Col::ServedOn], false)).await?;
        manager.create_index(index("idx_service_entries_corrects_id", Entries::Table, &[Col::CorrectsId], false)).await?;
        // An activity's minutes are credited once per volunteer, a visit's once.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_service_entries_activity_once ON service_entries (activity_id, volunteer_id) \
                 WHERE source = 'activity'",
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX idx_service_entries_visit_once ON service_entries (visit_id) WHERE source = 'visit'")
            .await?;

        let mut honours = Table::create()
            .table(Honours::Table)
            .col(pk_auto(Col::Id))
            .col(integer(Col::VolunteerId))
            .col(string(Col::Kind))
            .col(date(Col::OnDate))
            .col(string(Col::Title))
            .col(string(Col::Issuer))
            .col(string(Col::Notes))
            .foreign_key(&mut fk("fk_volunteer_honours_volunteer_id", (Honours::Table, Col::VolunteerId), (Volunteers::Table, Col::Id)))
            .to_owned();
        created(&mut honours, "volunteer_honours", Honours::Table);
        manager.create_table(honours).await?;
        manager.create_index(index("idx_volunteer_honours_volunteer_id", Honours::Table, &[Col::VolunteerId], false)).await?;

        let mut proofs = Table::create()
            .table(Proofs::Table)
            .col(pk_auto(Col::Id))
            .col(string(Col::Number).unique_key())
            .col(integer(Col::VolunteerId))
            .col(date(Col::PeriodFrom))
            .col(date(Col::PeriodTo))
            .col(big_integer(Col::Minutes))
            .col(text(Col::Lines))
            .col(string(Col::VolunteerName))
            .col(string(Col::IdTypeLabel))
            .col(string(Col::MaskedId))
            .col(string(Col::VolunteerNumber))
            .col(string(Col::Office))
            .col(string(Col::PersonInCharge))
            .col(string(Col::Handler))
            .col(string(Col::HandlerPhone))
            .col(date(Col::IssuedOn))
            .col(integer(Col::Reprints).default(0))
            .foreign_key(&mut fk("fk_volunteer_proofs_volunteer_id", (Proofs::Table, Col::VolunteerId), (Volunteers::Table, Col::Id)))
            .to_owned();
        created(&mut proofs, "volunteer_proofs", Proofs::Table);
        manager.create_table(proofs).await?;
        manager.create_index(index("idx_volunteer_proofs_volunteer_id", Proofs::Table, &[Col::VolunteerId], false)).await?;

        // The visits entered before this schema count for the volunteer who went.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO service_entries (volunteer_id, served_on, source, visit_id, minutes, content, created_at, created_by) \
                 SELECT volunteer_id, visited_on, 'visit', id, duration_minutes, \
                 CASE way WHEN 'home' THEN '结对走访（上门）' WHEN 'phone' THEN '结对走访（电话）' \
                 WHEN 'hospital' THEN '结对走访（陪同就医）' ELSE '结对走访（代办）' END, created_at, created_by \
                 FROM visits WHERE volunteer_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Activities {
    #[sea_orm(iden = "volunteer_activities")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Needs {
    #[sea_orm(iden = "activity_needs")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Signups {
    #[sea_orm(iden = "activity_signups")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attendance {
    #[sea_orm(iden = "activity_attendance")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Entries {
    #[sea_orm(iden = "service_entries")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Honours {
    #[sea_orm(iden = "volunteer_honours")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Proofs {
    #[sea_orm(iden = "volunteer_proofs")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Teams {
    #[sea_orm(iden = "volunteer_teams")]
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Volunteers {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Visits {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    Title,
    HeldOn,
    StartsAt,
    EndsAt,
    Place,
    Organiser,
    TeamId,
    Content,
    MinorsOk,
    Status,
    ConfirmedAt,
    ConfirmedBy,
    CancelReason,
    ActivityId,
    Role,
    People,
    NeedId,
    VolunteerId,
    Evaluation,
    WithdrawnAt,
    SignedInAt,
    SignedOutAt,
    Way,
    InBy,
    OutBy,
    ServedOn,
    Source,
    VisitId,
    Minutes,
    CorrectsId,
    OldMinutes,
    Reason,
    RequestedBy,
    Kind,
    OnDate,
    Issuer,
    Notes,
    Number,
    PeriodFrom,
    PeriodTo,
    Lines,
    VolunteerName,
    IdTypeLabel,
    MaskedId,
    VolunteerNumber,
    Office,
    PersonInCharge,
    Handler,
    HandlerPhone,
    IssuedOn,
    Reprints,
    CreatedAt,
    CreatedBy,
}
