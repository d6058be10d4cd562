//! After-school care (托育服务): programs with their closed days and staff, enrolments with the
//! waiting list, the persons who may pick a child up (and temporary delegates), the cards printed
//! for children and pick-up persons, the day's attendance with absences, refused pick-ups and
//! closed days.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChildcarePrograms::Table)
                    .col(pk_auto(ChildcarePrograms::Id))
                    .col(string(ChildcarePrograms::Name).unique_key())
                    .col(string(ChildcarePrograms::Kind))
                    .col(integer_null(ChildcarePrograms::CommunityId))
                    .col(string(ChildcarePrograms::Place))
                    .col(integer(ChildcarePrograms::MinAge))
                    .col(integer(ChildcarePrograms::MaxAge))
                    .col(integer(ChildcarePrograms::Capacity))
                    .col(date(ChildcarePrograms::TermStart))
                    .col(date(ChildcarePrograms::TermEnd))
                    .col(integer(ChildcarePrograms::Weekdays))
                    .col(string(ChildcarePrograms::StartsAt))
                    .col(string(ChildcarePrograms::EndsAt))
                    .col(string(ChildcarePrograms::MissingCallAt))
                    .col(integer(ChildcarePrograms::SelfHomeMinAge))
                    .col(boolean(ChildcarePrograms::Active).default(true))
                    .col(timestamp_with_time_zone(ChildcarePrograms::CreatedAt))
                    .col(integer_null(ChildcarePrograms::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_programs_community_id",
                        (ChildcarePrograms::Table, ChildcarePrograms::CommunityId),
                        (Communities::Table, Communities::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_programs_created_by",
                        (ChildcarePrograms::Table, ChildcarePrograms::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareClosedDays::Table)
                    .col(pk_auto(ChildcareClosedDays::Id))
                    .col(integer(ChildcareClosedDays::ProgramId))
                    .col(date(ChildcareClosedDays::Day))
                    .col(string(ChildcareClosedDays::Reason))
                    .foreign_key(&mut fk(
                        "fk_childcare_closed_days_program_id",
                        (ChildcareClosedDays::Table, ChildcareClosedDays::ProgramId),
                        (ChildcarePrograms::Table, ChildcarePrograms::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_closed_days_program_day")
                    .table(ChildcareClosedDays::Table)
                    .col(ChildcareClosedDays::ProgramId)
                    .col(ChildcareClosedDays::Day)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareEnrolments::Table)
                    .col(pk_auto(ChildcareEnrolments::Id))
                    .col(integer(ChildcareEnrolments::ProgramId))
                    .col(integer(ChildcareEnrolments::ResidentId))
                    .col(string(ChildcareEnrolments::Status))
                    .col(date(ChildcareEnrolments::StartDate))
                    .col(date_null(ChildcareEnrolments::EndDate))
                    .col(string_null(ChildcareEnrolments::EndReason))
                    .col(date_null(ChildcareEnrolments::ConsentDate))
                    .col(string_null(ChildcareEnrolments::ConsentBy))
                    .col(string(ChildcareEnrolments::School).default(""))
                    .col(string(ChildcareEnrolments::ClassName).default(""))
                    .col(string(ChildcareEnrolments::Allergies).default(""))
                    .col(string(ChildcareEnrolments::Notes).default(""))
                    .col(string(ChildcareEnrolments::Fee))
                    .col(date_null(ChildcareEnrolments::SelfHomePermittedOn))
                    .col(timestamp_with_time_zone(ChildcareEnrolments::CreatedAt))
                    .col(integer_null(ChildcareEnrolments::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_enrolments_program_id",
                        (ChildcareEnrolments::Table, ChildcareEnrolments::ProgramId),
                        (ChildcarePrograms::Table, ChildcarePrograms::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_enrolments_resident_id",
                        (ChildcareEnrolments::Table, ChildcareEnrolments::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_enrolments_created_by",
                        (ChildcareEnrolments::Table, ChildcareEnrolments::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_enrolments_program")
                    .table(ChildcareEnrolments::Table)
                    .col(ChildcareEnrolments::ProgramId)
                    .col(ChildcareEnrolments::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcarePickupPersons::Table)
                    .col(pk_auto(ChildcarePickupPersons::Id))
                    .col(integer(ChildcarePickupPersons::EnrolmentId))
                    .col(integer_null(ChildcarePickupPersons::ResidentId))
                    .col(string(ChildcarePickupPersons::Name))
                    .col(string(ChildcarePickupPersons::Phone).default(""))
                    .col(string(ChildcarePickupPersons::Relationship))
                    .col(string(ChildcarePickupPersons::Status))
                    .col(boolean(ChildcarePickupPersons::AdultConfirmed).default(false))
                    .col(string_null(ChildcarePickupPersons::PhotoPath))
                    .col(date_null(ChildcarePickupPersons::DelegateFrom))
                    .col(date_null(ChildcarePickupPersons::DelegateTo))
                    .col(string_null(ChildcarePickupPersons::DelegatedBy))
                    .col(string_null(ChildcarePickupPersons::DelegatedHow))
                    .col(boolean(ChildcarePickupPersons::Active).default(true))
                    .col(timestamp_with_time_zone(ChildcarePickupPersons::CreatedAt))
                    .col(integer_null(ChildcarePickupPersons::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_pickup_persons_enrolment_id",
                        (ChildcarePickupPersons::Table, ChildcarePickupPersons::EnrolmentId),
                        (ChildcareEnrolments::Table, ChildcareEnrolments::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_pickup_persons_resident_id",
                        (ChildcarePickupPersons::Table, ChildcarePickupPersons::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_pickup_persons_created_by",
                        (ChildcarePickupPersons::Table, ChildcarePickupPersons::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareCards::Table)
                    .col(pk_auto(ChildcareCards::Id))
                    .col(integer(ChildcareCards::EnrolmentId))
                    .col(integer_null(ChildcareCards::PickupPersonId))
                    .col(timestamp_with_time_zone(ChildcareCards::IssuedAt))
                    .col(timestamp_with_time_zone_null(ChildcareCards::RevokedAt))
                    .col(integer_null(ChildcareCards::RevokedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_cards_enrolment_id",
                        (ChildcareCards::Table, ChildcareCards::EnrolmentId),
                        (ChildcareEnrolments::Table, ChildcareEnrolments::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_cards_pickup_person_id",
                        (ChildcareCards::Table, ChildcareCards::PickupPersonId),
                        (ChildcarePickupPersons::Table, ChildcarePickupPersons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareAttendance::Table)
                    .col(pk_auto(ChildcareAttendance::Id))
                    .col(integer(ChildcareAttendance::EnrolmentId))
                    .col(date(ChildcareAttendance::Day))
                    .col(timestamp_with_time_zone_null(ChildcareAttendance::ArrivedAt))
                    .col(string_null(ChildcareAttendance::ArrivalMode))
                    .col(timestamp_with_time_zone_null(ChildcareAttendance::LeftAt))
                    .col(integer_null(ChildcareAttendance::PickupPersonId))
                    .col(boolean(ChildcareAttendance::LeftAlone).default(false))
                    .col(boolean(ChildcareAttendance::Late).default(false))
                    .col(string_null(ChildcareAttendance::AbsenceReason))
                    .col(string_null(ChildcareAttendance::AbsenceBy))
                    .col(integer_null(ChildcareAttendance::RecordedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_attendance_enrolment_id",
                        (ChildcareAttendance::Table, ChildcareAttendance::EnrolmentId),
                        (ChildcareEnrolments::Table, ChildcareEnrolments::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_attendance_pickup_person_id",
                        (ChildcareAttendance::Table, ChildcareAttendance::PickupPersonId),
                        (ChildcarePickupPersons::Table, ChildcarePickupPersons::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_attendance_enrolment_day")
                    .table(ChildcareAttendance::Table)
                    .col(ChildcareAttendance::EnrolmentId)
                    .col(ChildcareAttendance::Day)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareRefusals::Table)
                    .col(pk_auto(ChildcareRefusals::Id))
                    .col(integer(ChildcareRefusals::EnrolmentId))
                    .col(timestamp_with_time_zone(ChildcareRefusals::At))
                    .col(integer_null(ChildcareRefusals::PickupPersonId))
                    .col(string(ChildcareRefusals::Who))
                    .col(string(ChildcareRefusals::Reason))
                    .col(string(ChildcareRefusals::Message))
                    .col(integer_null(ChildcareRefusals::RecordedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_refusals_enrolment_id",
                        (ChildcareRefusals::Table, ChildcareRefusals::EnrolmentId),
                        (ChildcareEnrolments::Table, ChildcareEnrolments::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChildcareDayClosings::Table)
                    .col(pk_auto(ChildcareDayClosings::Id))
                    .col(integer(ChildcareDayClosings::ProgramId))
                    .col(date(ChildcareDayClosings::Day))
                    .col(timestamp_with_time_zone(ChildcareDayClosings::ClosedAt))
                    .col(integer_null(ChildcareDayClosings::ClosedBy))
                    .foreign_key(&mut fk(
                        "fk_childcare_day_closings_program_id",
                        (ChildcareDayClosings::Table, ChildcareDayClosings::ProgramId),
                        (ChildcarePrograms::Table, ChildcarePrograms::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_day_closings_program_day")
                    .table(ChildcareDayClosings::Table)
                    .col(ChildcareDayClosings::ProgramId)
                    .col(ChildcareDayClosings::Day)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_pickup_persons_enrolment")
                    .table(ChildcarePickupPersons::Table)
                    .col(ChildcarePickupPersons::EnrolmentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_cards_enrolment")
                    .table(ChildcareCards::Table)
                    .col(ChildcareCards::EnrolmentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_childcare_refusals_enrolment")
                    .table(ChildcareRefusals::Table)
                    .col(ChildcareRefusals::EnrolmentId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ChildcarePrograms {
    Table,
    Id,
    Name,
    Kind,
    CommunityId,
    Place,
    MinAge,
    MaxAge,
    Capacity,
    TermStart,
    TermEnd,
    Weekdays,
    StartsAt,
    EndsAt,
    MissingCallAt,
    SelfHomeMinAge,
    Active,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum ChildcareClosedDays {
    Table,
    Id,
    ProgramId,
    Day,
    Reason,
}

#[derive(DeriveIden)]
enum ChildcareEnrolments {
    Table,
    Id,
    ProgramId,
    ResidentId,
    Status,
    StartDate,
    EndDate,
    EndReason,
    ConsentDate,
    ConsentBy,
    School,
    ClassName,
    Allergies,
    Notes,
    Fee,
    SelfHomePermittedOn,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum ChildcarePickupPersons {
    Table,
    Id,
    EnrolmentId,
    ResidentId,
    Name,
    Phone,
    Relationship,
    Status,
    AdultConfirmed,
    PhotoPath,
    DelegateFrom,
    DelegateTo,
    DelegatedBy,
    DelegatedHow,
    Active,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum ChildcareCards {
    Table,
    Id,
    EnrolmentId,
    PickupPersonId,
    IssuedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum ChildcareAttendance {
    Table,
    Id,
    EnrolmentId,
    Day,
    ArrivedAt,
    ArrivalMode,
    LeftAt,
    PickupPersonId,
    LeftAlone,
    Late,
    AbsenceReason,
    AbsenceBy,
    RecordedBy,
}

#[derive(DeriveIden)]
enum ChildcareRefusals {
    Table,
    Id,
    EnrolmentId,
    At,
    PickupPersonId,
    Who,
    Reason,
    Message,
    RecordedBy,
}

#[derive(DeriveIden)]
enum ChildcareDayClosings {
    Table,
    Id,
    ProgramId,
    Day,
    ClosedAt,
    ClosedBy,
}

#[derive(DeriveIden)]
enum Communities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Residents {
    Table,
    Id,
}
