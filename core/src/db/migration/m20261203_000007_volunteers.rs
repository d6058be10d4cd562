//! Volunteers (志愿服务), first part: volunteers with their numbers, teams and their members,
//! pairings of volunteers with elders (结对帮扶) and the visits made, and the counters that give
//! numbers in order (volunteer numbers now, proof numbers later) even with two writers at once, and
//! the volunteers who help at an after-school program.

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Counters::Table)
                    .col(string(Col::Key).primary_key())
                    .col(big_integer(Col::Value).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Volunteers::Table)
                    .col(pk_auto(Col::Id))
                    .col(string(Col::Number).unique_key())
                    .col(integer_null(Col::ResidentId))
                    .col(string(Col::Name))
                    .col(string(Col::IdType))
                    .col(string_null(Col::IdNumber))
                    .col(string(Col::Phone))
                    .col(date_null(Col::BirthDate))
                    .col(string(Col::Skills))
                    .col(string(Col::Availability))
                    .col(date(Col::JoinedOn))
                    .col(string(Col::Status))
                    .col(date_null(Col::GuardianConsentOn))
                    .col(string_null(Col::GuardianConsentBy))
                    .col(string(Col::Notes))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(integer_null(Col::CreatedBy))
                    .foreign_key(&mut fk("fk_volunteers_resident_id", (Volunteers::Table, Col::ResidentId), (Residents::Table, Col::Id)))
                    .foreign_key(&mut fk("fk_volunteers_created_by", (Volunteers::Table, Col::CreatedBy), (Users::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        // A resident is one volunteer (NULLs, the outside persons, do not clash).
        manager.create_index(index("idx_volunteers_resident_id", Volunteers::Table, &[Col::ResidentId], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table(VolunteerTeams::Table)
                    .col(pk_auto(Col::Id))
                    .col(string(Col::Name).unique_key())
                    .col(integer_null(Col::LeaderId))
                    .col(string(Col::Description))
                    .col(boolean(Col::Active).default(true))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(integer_null(Col::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_volunteer_teams_leader_id",
                        (VolunteerTeams::Table, Col::LeaderId),
                        (Volunteers::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk("fk_volunteer_teams_created_by", (VolunteerTeams::Table, Col::CreatedBy), (Users::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VolunteerTeamMembers::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::TeamId))
                    .col(integer(Col::VolunteerId))
                    .foreign_key(&mut fk(
                        "fk_volunteer_team_members_team_id",
                        (VolunteerTeamMembers::Table, Col::TeamId),
                        (VolunteerTeams::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_volunteer_team_members_volunteer_id",
                        (VolunteerTeamMembers::Table, Col::VolunteerId),
                        (Volunteers::Table, Col::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_volunteer_team_members_team_volunteer",
                VolunteerTeamMembers::Table,
                &[Col::TeamId, Col::VolunteerId],
                true,
            ))
            .await?;
        manager
            .create_index(index("idx_volunteer_team_members_volunteer", VolunteerTeamMembers::Table, &[Col::VolunteerId], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Pairings::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ElderId))
                    .col(integer(Col::FrequencyDays))
                    .col(date(Col::StartDate))
                    .col(date_null(Col::EndDate))
                    .col(string_null(Col::EndReason))
                    .col(string(Col::Notes))
                    .col(date_null(Col::LastVisitedOn))
                    .col(date_null(Col::NextVisitOn))
                    .col(integer(Col::VisitCount).default(0))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(integer_null(Col::CreatedBy))
                    .foreign_key(&mut fk("fk_pairings_elder_id", (Pairings::Table, Col::ElderId), (Residents::Table, Col::Id)))
                    .foreign_key(&mut fk("fk_pairings_created_by", (Pairings::Table, Col::CreatedBy), (Users::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_pairings_elder_id", Pairings::Table, &[Col::ElderId], false)).await?;
        // One open pairing per elder, also when two PCs save at once (SQLite and PostgreSQL both
        // know partial indexes).
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX idx_pairings_open_elder ON pairings (elder_id) WHERE end_date IS NULL")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PairingVolunteers::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::PairingId))
                    .col(integer(Col::VolunteerId))
                    .foreign_key(&mut fk(
                        "fk_pairing_volunteers_pairing_id",
                        (PairingVolunteers::Table, Col::PairingId),
                        (Pairings::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_pairing_volunteers_volunteer_id",
                        (PairingVolunteers::Table, Col::VolunteerId),
                        (Volunteers::Table, Col::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_pairing_volunteers_pairing_volunteer",
                PairingVolunteers::Table,
                &[Col::PairingId, Col::VolunteerId],
                true,
            ))
            .await?;
        manager.create_index(index("idx_pairing_volunteers_volunteer", PairingVolunteers::Table, &[Col::VolunteerId], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table(Visits::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::PairingId))
                    .col(integer_null(Col::VolunteerId))
                    .col(date(Col::VisitedOn))
                    .col(integer(Col::DurationMinutes))
                    .col(string(Col::Way))
                    .col(string(Col::Health))
                    .col(string(Col::Safety))
                    .col(string(Col::Mood))
                    .col(string(Col::Needs))
                    .col(boolean(Col::NeedsHelp).default(false))
                    .col(boolean(Col::HealthWorry).default(false))
                    .col(date_null(Col::NextVisitOn))
                    .col(integer_null(Col::FollowupTaskId))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(integer_null(Col::CreatedBy))
                    .foreign_key(&mut fk("fk_visits_pairing_id", (Visits::Table, Col::PairingId), (Pairings::Table, Col::Id)))
                    .foreign_key(&mut fk("fk_visits_volunteer_id", (Visits::Table, Col::VolunteerId), (Volunteers::Table, Col::Id)))
                    .foreign_key(&mut fk(
                        "fk_visits_followup_task_id",
                        (Visits::Table, Col::FollowupTaskId),
                        (FollowupTasks::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk("fk_visits_created_by", (Visits::Table, Col::CreatedBy), (Users::Table, Col::Id)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_visits_pairing_visited_on", Visits::Table, &[Col::PairingId, Col::VisitedOn], false)).await?;
        // The volunteers who help at an after-school program (the "helpers").
        manager
            .create_table(
                Table::create()
                    .table(ChildcareProgramHelpers::Table)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ProgramId))
                    .col(integer(Col::VolunteerId))
                    .foreign_key(&mut fk(
                        "fk_childcare_program_helpers_program_id",
                        (ChildcareProgramHelpers::Table, Col::ProgramId),
                        (ChildcarePrograms::Table, Col::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_childcare_program_helpers_volunteer_id",
                        (ChildcareProgramHelpers::Table, Col::VolunteerId),
                        (Volunteers::Table, Col::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_childcare_program_helpers_program_volunteer",
                ChildcareProgramHelpers::Table,
                &[Col::ProgramId, Col::VolunteerId],
                true,
            ))
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Counters {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Volunteers {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum VolunteerTeams {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum VolunteerTeamMembers {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Pairings {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum PairingVolunteers {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Visits {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChildcareProgramHelpers {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChildcarePrograms {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Residents {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum FollowupTasks {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    Key,
    Value,
    Number,
    ResidentId,
    Name,
    IdType,
    IdNumber,
    Phone,
    BirthDate,
    Skills,
    Availability,
    JoinedOn,
    Status,
    GuardianConsentOn,
    GuardianConsentBy,
    Notes,
    LeaderId,
    Description,
    Active,
    TeamId,
    VolunteerId,
    ElderId,
    FrequencyDays,
    StartDate,
    EndDate,
    EndReason,
    PairingId,
    ProgramId,
    VisitedOn,
    DurationMinutes,
    Way,
    Health,
    Safety,
    Mood,
    Needs,
    NeedsHelp,
    HealthWorry,
    NextVisitOn,
    FollowupTaskId,
    LastVisitedOn,
    VisitCount,
    CreatedAt,
    CreatedBy,
}
