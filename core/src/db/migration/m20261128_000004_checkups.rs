//! Health check-ups and follow-ups: health stations and providers, versioned thresholds, campaigns
//! with time slots, invitations and sign-ins, results with the flags computed from them, known
//! chronic conditions, and follow-up tasks and records.

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
                    .table(HealthStations::Table)
                    .col(pk_auto(HealthStations::Id))
                    .col(string(HealthStations::Name).unique_key())
                    .col(integer_null(HealthStations::CommunityId))
                    .col(string(HealthStations::Address))
                    .col(string_null(HealthStations::Phone))
                    .col(boolean(HealthStations::Active).default(true))
                    .col(timestamp_with_time_zone(HealthStations::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_health_stations_community_id",
                        (HealthStations::Table, HealthStations::CommunityId),
                        (Communities::Table, Communities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HealthProviders::Table)
                    .col(pk_auto(HealthProviders::Id))
                    .col(string(HealthProviders::Name).unique_key())
                    .col(string(HealthProviders::Kind))
                    .col(string(HealthProviders::Doctors).default(""))
                    .col(string_null(HealthProviders::Phone))
                    .col(boolean(HealthProviders::Active).default(true))
                    .col(timestamp_with_time_zone(HealthProviders::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThresholdSets::Table)
                    .col(pk_auto(ThresholdSets::Id))
                    .col(string(ThresholdSets::Version).unique_key())
                    .col(string(ThresholdSets::Source))
                    .col(text(ThresholdSets::Body))
                    .col(timestamp_with_time_zone(ThresholdSets::CreatedAt))
                    .col(integer_null(ThresholdSets::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_threshold_sets_created_by",
                        (ThresholdSets::Table, ThresholdSets::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckupCampaigns::Table)
                    .col(pk_auto(CheckupCampaigns::Id))
                    .col(string(CheckupCampaigns::Name))
                    .col(integer(CheckupCampaigns::StationId))
                    .col(integer(CheckupCampaigns::ProviderId))
                    .col(date(CheckupCampaigns::FirstDay))
                    .col(date(CheckupCampaigns::LastDay))
                    .col(integer_null(CheckupCampaigns::TargetMinAge))
                    .col(integer_null(CheckupCampaigns::TargetCategoryTypeId))
                    .col(boolean(CheckupCampaigns::TargetNotCheckedThisYear).default(false))
                    .col(string(CheckupCampaigns::BringNote))
                    .col(boolean(CheckupCampaigns::Fasting).default(true))
                    .col(string_null(CheckupCampaigns::Notes))
                    .col(timestamp_with_time_zone(CheckupCampaigns::CreatedAt))
                    .col(integer_null(CheckupCampaigns::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_checkup_campaigns_station_id",
                        (CheckupCampaigns::Table, CheckupCampaigns::StationId),
                        (HealthStations::Table, HealthStations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_campaigns_provider_id",
                        (CheckupCampaigns::Table, CheckupCampaigns::ProviderId),
                        (HealthProviders::Table, HealthProviders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_campaigns_target_category_type_id",
                        (CheckupCampaigns::Table, CheckupCampaigns::TargetCategoryTypeId),
                        (CategoryTypes::Table, CategoryTypes::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_campaigns_created_by",
                        (CheckupCampaigns::Table, CheckupCampaigns::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_campaigns_days")
                    .table(CheckupCampaigns::Table)
                    .col(CheckupCampaigns::FirstDay)
                    .col(CheckupCampaigns::LastDay)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CampaignSlots::Table)
                    .col(pk_auto(CampaignSlots::Id))
                    .col(integer(CampaignSlots::CampaignId))
                    .col(date(CampaignSlots::Day))
                    .col(string(CampaignSlots::StartsAt))
                    .col(string(CampaignSlots::EndsAt))
                    .col(integer(CampaignSlots::Capacity))
                    .foreign_key(&mut fk(
                        "fk_campaign_slots_campaign_id",
                        (CampaignSlots::Table, CampaignSlots::CampaignId),
                        (CheckupCampaigns::Table, CheckupCampaigns::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_campaign_slots_start")
                    .table(CampaignSlots::Table)
                    .col(CampaignSlots::CampaignId)
                    .col(CampaignSlots::Day)
                    .col(CampaignSlots::StartsAt)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckupInvitations::Table)
                    .col(pk_auto(CheckupInvitations::Id))
                    .col(integer(CheckupInvitations::CampaignId))
                    .col(integer(CheckupInvitations::ResidentId))
                    .col(integer_null(CheckupInvitations::SlotId))
                    .col(string(CheckupInvitations::Status))
                    .col(boolean(CheckupInvitations::WalkIn).default(false))
                    .col(timestamp_with_time_zone(CheckupInvitations::InvitedAt))
                    .col(integer_null(CheckupInvitations::InvitedBy))
                    .col(timestamp_with_time_zone_null(CheckupInvitations::SignedInAt))
                    .col(integer_null(CheckupInvitations::SignedInBy))
                    .foreign_key(&mut fk(
                        "fk_checkup_invitations_campaign_id",
                        (CheckupInvitations::Table, CheckupInvitations::CampaignId),
                        (CheckupCampaigns::Table, CheckupCampaigns::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_invitations_resident_id",
                        (CheckupInvitations::Table, CheckupInvitations::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_invitations_slot_id",
                        (CheckupInvitations::Table, CheckupInvitations::SlotId),
                        (CampaignSlots::Table, CampaignSlots::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_invitations_invited_by",
                        (CheckupInvitations::Table, CheckupInvitations::InvitedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_invitations_signed_in_by",
                        (CheckupInvitations::Table, CheckupInvitations::SignedInBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_invitations_resident")
                    .table(CheckupInvitations::Table)
                    .col(CheckupInvitations::CampaignId)
                    .col(CheckupInvitations::ResidentId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_invitations_slot").table(CheckupInvitations::Table).col(CheckupInvitations::SlotId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckupResults::Table)
                    .col(pk_auto(CheckupResults::Id))
                    .col(integer(CheckupResults::ResidentId))
                    .col(integer_null(CheckupResults::CampaignId))
                    .col(integer_null(CheckupResults::InvitationId))
                    .col(integer_null(CheckupResults::StationId))
                    .col(date(CheckupResults::CheckedOn))
                    .col(integer_null(CheckupResults::Systolic))
                    .col(integer_null(CheckupResults::Diastolic))
                    .col(integer_null(CheckupResults::HeartRate))
                    .col(integer_null(CheckupResults::GlucoseX10))
                    .col(string_null(CheckupResults::GlucoseKind))
                    .col(integer_null(CheckupResults::HeightX10))
                    .col(integer_null(CheckupResults::WeightX10))
                    .col(integer_null(CheckupResults::WaistX10))
                    .col(integer_null(CheckupResults::BmiX10))
                    .col(string_null(CheckupResults::Notes))
                    .col(string_null(CheckupResults::BpGrade))
                    .col(string_null(CheckupResults::GlucoseClass))
                    .col(string_null(CheckupResults::BmiClass))
                    .col(boolean(CheckupResults::BpUncontrolled).default(false))
                    .col(boolean(CheckupResults::GlucoseUncontrolled).default(false))
                    .col(boolean(CheckupResults::Urgent).default(false))
                    .col(integer(CheckupResults::ThresholdSetId))
                    .col(string(CheckupResults::Source))
                    .col(timestamp_with_time_zone(CheckupResults::RecordedAt))
                    .col(integer_null(CheckupResults::RecordedBy))
                    .col(timestamp_with_time_zone(CheckupResults::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_resident_id",
                        (CheckupResults::Table, CheckupResults::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_campaign_id",
                        (CheckupResults::Table, CheckupResults::CampaignId),
                        (CheckupCampaigns::Table, CheckupCampaigns::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_invitation_id",
                        (CheckupResults::Table, CheckupResults::InvitationId),
                        (CheckupInvitations::Table, CheckupInvitations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_station_id",
                        (CheckupResults::Table, CheckupResults::StationId),
                        (HealthStations::Table, HealthStations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_threshold_set_id",
                        (CheckupResults::Table, CheckupResults::ThresholdSetId),
                        (ThresholdSets::Table, ThresholdSets::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkup_results_recorded_by",
                        (CheckupResults::Table, CheckupResults::RecordedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_results_resident")
                    .table(CheckupResults::Table)
                    .col(CheckupResults::ResidentId)
                    .col(CheckupResults::CheckedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_results_day").table(CheckupResults::Table).col(CheckupResults::CheckedOn).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HealthConditions::Table)
                    .col(pk_auto(HealthConditions::Id))
                    .col(integer(HealthConditions::ResidentId))
                    .col(string(HealthConditions::Condition))
                    .col(date_null(HealthConditions::Since))
                    .col(string(HealthConditions::Source))
                    .col(timestamp_with_time_zone(HealthConditions::CreatedAt))
                    .col(integer_null(HealthConditions::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_health_conditions_resident_id",
                        (HealthConditions::Table, HealthConditions::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_health_conditions_created_by",
                        (HealthConditions::Table, HealthConditions::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_conditions_resident")
                    .table(HealthConditions::Table)
                    .col(HealthConditions::ResidentId)
                    .col(HealthConditions::Condition)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowupRecords::Table)
                    .col(pk_auto(FollowupRecords::Id))
                    .col(integer(FollowupRecords::ResidentId))
                    .col(integer_null(FollowupRecords::TaskId))
                    .col(date(FollowupRecords::FollowedOn))
                    .col(string(FollowupRecords::Method))
                    .col(integer_null(FollowupRecords::Systolic))
                    .col(integer_null(FollowupRecords::Diastolic))
                    .col(integer_null(FollowupRecords::HeartRate))
                    .col(integer_null(FollowupRecords::GlucoseX10))
                    .col(string_null(FollowupRecords::GlucoseKind))
                    .col(string_null(FollowupRecords::BpGrade))
                    .col(string_null(FollowupRecords::GlucoseClass))
                    .col(boolean(FollowupRecords::BpUncontrolled).default(false))
                    .col(boolean(FollowupRecords::GlucoseUncontrolled).default(false))
                    .col(boolean(FollowupRecords::Urgent).default(false))
                    .col(integer(FollowupRecords::ThresholdSetId))
                    .col(string(FollowupRecords::Outcome))
                    .col(date_null(FollowupRecords::NextOn))
                    .col(timestamp_with_time_zone(FollowupRecords::RecordedAt))
                    .col(integer_null(FollowupRecords::RecordedBy))
                    .foreign_key(&mut fk(
                        "fk_followup_records_resident_id",
                        (FollowupRecords::Table, FollowupRecords::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_records_threshold_set_id",
                        (FollowupRecords::Table, FollowupRecords::ThresholdSetId),
                        (ThresholdSets::Table, ThresholdSets::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_records_recorded_by",
                        (FollowupRecords::Table, FollowupRecords::RecordedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_followups_resident")
                    .table(FollowupRecords::Table)
                    .col(FollowupRecords::ResidentId)
                    .col(FollowupRecords::FollowedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowupTasks::Table)
                    .col(pk_auto(FollowupTasks::Id))
                    .col(integer(FollowupTasks::ResidentId))
                    .col(string(FollowupTasks::Kind))
                    .col(date(FollowupTasks::DueOn))
                    .col(string(FollowupTasks::Reason))
                    .col(string(FollowupTasks::Status))
                    .col(integer_null(FollowupTasks::SourceResultId))
                    .col(integer_null(FollowupTasks::SourceRecordId))
                    .col(timestamp_with_time_zone(FollowupTasks::CreatedAt))
                    .col(timestamp_with_time_zone_null(FollowupTasks::ClosedAt))
                    .col(integer_null(FollowupTasks::ClosedBy))
                    .col(integer_null(FollowupTasks::ClosedRecordId))
                    .foreign_key(&mut fk(
                        "fk_followup_tasks_resident_id",
                        (FollowupTasks::Table, FollowupTasks::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_tasks_source_result_id",
                        (FollowupTasks::Table, FollowupTasks::SourceResultId),
                        (CheckupResults::Table, CheckupResults::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_tasks_source_record_id",
                        (FollowupTasks::Table, FollowupTasks::SourceRecordId),
                        (FollowupRecords::Table, FollowupRecords::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_tasks_closed_by",
                        (FollowupTasks::Table, FollowupTasks::ClosedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_followup_tasks_closed_record_id",
                        (FollowupTasks::Table, FollowupTasks::ClosedRecordId),
                        (FollowupRecords::Table, FollowupRecords::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tasks_open")
                    .table(FollowupTasks::Table)
                    .col(FollowupTasks::Status)
                    .col(FollowupTasks::DueOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tasks_resident")
                    .table(FollowupTasks::Table)
                    .col(FollowupTasks::ResidentId)
                    .col(FollowupTasks::Status)
                    .to_owned(),
            )
            .await?;
        // One result per invitation; results imported or entered without an invitation are free.
        // Same partial-index syntax on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_results_invitation ON checkup_results (invitation_id) WHERE invitation_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("migrations are forward-only".into()))
    }
}

#[derive(DeriveIden)]
enum HealthStations {
    Table,
    Id,
    Name,
    CommunityId,
    Address,
    Phone,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HealthProviders {
    Table,
    Id,
    Name,
    Kind,
    Doctors,
    Phone,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ThresholdSets {
    Table,
    Id,
    Version,
    Source,
    Body,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum CheckupCampaigns {
    Table,
    Id,
    Name,
    StationId,
    ProviderId,
    FirstDay,
    LastDay,
    TargetMinAge,
    TargetCategoryTypeId,
    TargetNotCheckedThisYear,
    BringNote,
    Fasting,
    Notes,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum CampaignSlots {
    Table,
    Id,
    CampaignId,
    Day,
    StartsAt,
    EndsAt,
    Capacity,
}

#[derive(DeriveIden)]
enum CheckupInvitations {
    Table,
    Id,
    CampaignId,
    ResidentId,
    SlotId,
    Status,
    WalkIn,
    InvitedAt,
    InvitedBy,
    SignedInAt,
    SignedInBy,
}

#[derive(DeriveIden)]
enum CheckupResults {
    Table,
    Id,
    ResidentId,
    CampaignId,
    InvitationId,
    StationId,
    CheckedOn,
    Systolic,
    Diastolic,
    HeartRate,
    GlucoseX10,
    GlucoseKind,
    HeightX10,
    WeightX10,
    WaistX10,
    BmiX10,
    Notes,
    BpGrade,
    GlucoseClass,
    BmiClass,
    BpUncontrolled,
    GlucoseUncontrolled,
    Urgent,
    ThresholdSetId,
    Source,
    RecordedAt,
    RecordedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HealthConditions {
    Table,
    Id,
    ResidentId,
    Condition,
    Since,
    Source,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum FollowupRecords {
    Table,
    Id,
    ResidentId,
    TaskId,
    FollowedOn,
    Method,
    Systolic,
    Diastolic,
    HeartRate,
    GlucoseX10,
    GlucoseKind,
    BpGrade,
    GlucoseClass,
    BpUncontrolled,
    GlucoseUncontrolled,
    Urgent,
    ThresholdSetId,
    Outcome,
    NextOn,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum FollowupTasks {
    Table,
    Id,
    ResidentId,
    Kind,
    DueOn,
    Reason,
    Status,
    SourceResultId,
    SourceRecordId,
    CreatedAt,
    ClosedAt,
    ClosedBy,
    ClosedRecordId,
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

#[derive(DeriveIden)]
enum CategoryTypes {
    Table,
    Id,
}
