//! The TypeScript types in `ui/src/bindings` are generated from these Rust types. This test
//! regenerates them and fails when the committed files are stale; run it with
//! `UPDATE_BINDINGS=1 cargo test -p caredesk-core --test core bindings` to rewrite them.

use caredesk_core::auth::audit::{AuditActionOption, AuditFilter, AuditPage};
use caredesk_core::auth::{NewUser, RoleOption, SessionInfo};
use caredesk_core::backup::BackupInfo;
use caredesk_core::canteen::board::DayBoard;
use caredesk_core::canteen::bookings::{BookingInfo, BookingInput, CancelRequest, DayQuery, Quote};
use caredesk_core::canteen::checkin::ScanOutcome;
use caredesk_core::canteen::diners::{DinerInput, DinerRow};
use caredesk_core::canteen::ledger::{DaySummary, MonthlyClaim};
use caredesk_core::canteen::menu::{CopyWeekResult, MenuDay};
use caredesk_core::canteen::printing::TicketRequest;
use caredesk_core::canteen::schedule::CanteenNow;
use caredesk_core::canteen::setup::{CanteenInfo, CanteenInput, DishInfo, DishInput};
use caredesk_core::canteen::standing::{PauseRequest, StandingOrderInfo, StandingOrderInput, StandingOrderSaved, StandingState};
use caredesk_core::canteen::subsidy::{SubsidyRuleInfo, SubsidyRuleInput};
use caredesk_core::checkups::campaigns::{CampaignInfo, CampaignInput};
use caredesk_core::checkups::followups::{ConditionEntry, FollowupInput, FollowupSaved, TaskRow};
use caredesk_core::checkups::health::HealthPage;
use caredesk_core::checkups::invitations::{Candidate, InvitationRow, InviteResult};
use caredesk_core::checkups::readings::ReadingInput;
use caredesk_core::checkups::results::ResultView;
use caredesk_core::checkups::stations::{ProviderInfo, ProviderInput, StationInfo, StationInput};
use caredesk_core::checkups::stats::CheckupCounts;
use caredesk_core::checkups::threshold_sets::ThresholdVersion;
use caredesk_core::childcare::desk::{AbsenceInput, DeskDay, DeskScan, RefusalRow, SignOutInput};
use caredesk_core::childcare::duty::{DutyDay, DutyMonth};
use caredesk_core::childcare::enrolment::{EnrolInput, EnrolmentRow};
use caredesk_core::childcare::helpers::HelperRef;
use caredesk_core::childcare::pickup::{PickupPerson, PickupPersonInput};
use caredesk_core::childcare::programs::{ClosedDay, ProgramInfo, ProgramInput};
use caredesk_core::childcare::reports::MonthReport;
use caredesk_core::communities::{CommunityImportSummary, CommunityNode, NewCommunity};
use caredesk_core::io::FileKind;
use caredesk_core::print::PrintedFile;
use caredesk_core::residents::categories::{CategoryType, NewCategoryPeriod};
use caredesk_core::residents::relations::NewRelation;
use caredesk_core::residents::services::ResidentServices;
use caredesk_core::residents::{
    ExportSummary, IdNumberCheck, ImportPreview, ImportResult, ResidentDetail, ResidentInput, ResidentPage, ResidentQuery, RevealedContact,
    StatusChange,
};
use caredesk_core::settings::{AppStatus, OfficeSettings, SetupRequest};
use caredesk_core::volunteers::activities::attendance::AttendanceScan;
use caredesk_core::volunteers::activities::confirm::EvaluationInput;
use caredesk_core::volunteers::activities::{
    ActivityDetail, ActivityFilter, ActivityInput, ActivityRow, NeedInput, NeedRow, PairRow, SignupRow,
};
use caredesk_core::volunteers::hours::{HoursReport, HoursRow};
use caredesk_core::volunteers::pairings::{ElderSuggestion, PairingFilter, PairingInput, PairingRow};
use caredesk_core::volunteers::proofs::{ProofFile, ProofInput, ProofLine, ProofRow};
use caredesk_core::volunteers::record::{CorrectionInput, CorrectionRow, EntryRow, HonourInput, HonourRow, ServiceRecord};
use caredesk_core::volunteers::registry::{VolunteerInput, VolunteerQuery, VolunteerRow};
use caredesk_core::volunteers::settings::VolunteerSettings;
use caredesk_core::volunteers::teams::{TeamInput, TeamRow};
use caredesk_core::volunteers::visits::{VisitInput, VisitRow};
use caredesk_core::{Code, ErrorPayload};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg).expect(stringify!($t)); )* };
    }
    {
        // Coded enums that no exported struct names: `labels.ts` needs their types.
        use caredesk_core::checkups::TaskStatus;
        use caredesk_core::childcare::model::ArrivalMode;
        use caredesk_core::money::MoneyTerm;
        export!(TaskStatus, MoneyTerm, ArrivalMode);
    }
    export!(
        ErrorPayload,
        Code,
        CanteenNow,
        ProgramInput,
        ProgramInfo,
        ClosedDay,
        EnrolInput,
        EnrolmentRow,
        PickupPersonInput,
        PickupPerson,
        DeskDay,
        DeskScan,
        SignOutInput,
        AbsenceInput,
        RefusalRow,
        MonthReport,
        DutyMonth,
        DutyDay,
        HelperRef,
        VolunteerInput,
        VolunteerQuery,
        VolunteerRow,
        TeamInput,
        TeamRow,
        PairingInput,
        PairingRow,
        PairingFilter,
        ElderSuggestion,
        VolunteerSettings,
        VisitInput,
        VisitRow,
        NeedInput,
        ActivityInput,
        NeedRow,
        ActivityRow,
        PairRow,
        SignupRow,
        ActivityDetail,
        ActivityFilter,
        AttendanceScan,
        EvaluationInput,
        CorrectionRow,
        EntryRow,
        HonourRow,
        ServiceRecord,
        CorrectionInput,
        HonourInput,
        HoursRow,
        HoursReport,
        ProofLine,
        ProofRow,
        ProofInput,
        ProofFile,
        AppStatus,
        SetupRequest,
        SessionInfo,
        RoleOption,
        NewUser,
        OfficeSettings,
        CommunityNode,
        NewCommunity,
        CommunityImportSummary,
        BackupInfo,
        AuditPage,
        AuditFilter,
        AuditActionOption,
        ResidentInput,
        ResidentDetail,
        ResidentServices,
        ResidentQuery,
        ResidentPage,
        IdNumberCheck,
        StatusChange,
        RevealedContact,
        CategoryType,
        NewCategoryPeriod,
        NewRelation,
        ImportPreview,
        ImportResult,
        ExportSummary,
        FileKind,
        CanteenInfo,
        CanteenInput,
        DishInfo,
        DishInput,
        MenuDay,
        CopyWeekResult,
        DinerInput,
        DinerRow,
        SubsidyRuleInfo,
        SubsidyRuleInput,
        BookingInput,
        BookingInfo,
        CancelRequest,
        DayQuery,
        ScanOutcome,
        DayBoard,
        TicketRequest,
        PrintedFile,
        DaySummary,
        MonthlyClaim,
        StandingOrderInput,
        StandingOrderInfo,
        StandingOrderSaved,
        PauseRequest,
        Quote,
        StandingState,
        StationInput,
        StationInfo,
        ProviderInput,
        ProviderInfo,
        CampaignInput,
        CampaignInfo,
        Candidate,
        InvitationRow,
        InviteResult,
        ResultView,
        ReadingInput,
        TaskRow,
        FollowupInput,
        FollowupSaved,
        ConditionEntry,
        ThresholdVersion,
        HealthPage,
        CheckupCounts,
    );
}

/// Written by the app's contract test (src-tauri/src/contract.rs) from the commands, not by this one.
const COMMANDS_FILE: &str = "commands.ts";

/// `labels.ts`: the Chinese word for every value of every coded enum, from the core's `label()`, so
/// the window shows 午餐 / 送餐上门 / 已核销 without a second copy of the words.
fn export_labels(dir: &Path) {
    use caredesk_core::auth::Role;
    use caredesk_core::canteen::model::{BookingStatus, DinerType, DishKind, Mode, Slot};
    use caredesk_core::canteen::standing::StandingState;
    use caredesk_core::checkups::flags::{BmiClass, BpGrade, GlucoseClass};
    use caredesk_core::checkups::followup_rules::{Condition, FollowupMethod, TaskKind};
    use caredesk_core::checkups::invitations::InvitationStatus;
    use caredesk_core::checkups::readings::GlucoseKind;
    use caredesk_core::checkups::stations::ProviderKind;
    use caredesk_core::checkups::TaskStatus;
    use caredesk_core::childcare::model::{
        AbsenceReason, ArrivalMode, DelegatedHow, EnrolmentStatus, FeeStatus, PickupStatus, ProgramKind,
    };
    use caredesk_core::communities::CommunityKind;
    use caredesk_core::money::MoneyTerm;
    use caredesk_core::residents::id_number::Sex;
    use caredesk_core::residents::model::{NoIdReason, RelationKind, Status};
    use caredesk_core::volunteers::model::{
        ActivityStatus, AttendanceWay, EntrySource, Evaluation, HonourKind, IdType, VisitWay, VolunteerStatus,
    };

    fn table<T: serde::Serialize + Copy>(name: &str, all: &[T], label: fn(T) -> &'static str) -> (String, String) {
        let entries: Vec<String> =
            all.iter().map(|v| format!("  {}: \"{}\",", serde_json::to_value(v).unwrap().as_str().unwrap(), label(*v))).collect();
        let constant = format!(
            "{}_LABELS",
            name.chars().fold(String::new(), |mut out, c| {
                if c.is_uppercase() && !out.is_empty() {
                    out.push('_');
                }
                out.push(c.to_ascii_uppercase());
                out
            })
        );
        (name.to_string(), format!("export const {constant}: Record<{name}, string> = {{\n{}\n}};\n", entries.join("\n")))
    }
    let tables = [
        table("Slot", Slot::ALL, Slot::label),
        table("Mode", Mode::ALL, Mode::label),
        table("DinerType", DinerType::ALL, DinerType::label),
        table("DishKind", DishKind::ALL, DishKind::label),
        table("BookingStatus", BookingStatus::ALL, BookingStatus::label),
        table("StandingState", StandingState::ALL, StandingState::label),
        table("Status", Status::ALL, Status::label),
        table("NoIdReason", NoIdReason::ALL, NoIdReason::label),
        table("RelationKind", RelationKind::ALL, RelationKind::label),
        table("TaskKind", TaskKind::ALL, TaskKind::label),
        table("TaskStatus", TaskStatus::ALL, TaskStatus::label),
        table("Condition", Condition::ALL, Condition::label),
        table("FollowupMethod", FollowupMethod::ALL, FollowupMethod::label),
        table("BpGrade", BpGrade::ALL, BpGrade::label),
        table("GlucoseClass", GlucoseClass::ALL, GlucoseClass::label),
        table("GlucoseKind", GlucoseKind::ALL, GlucoseKind::label),
        table("BmiClass", BmiClass::ALL, BmiClass::label),
        table("ProviderKind", ProviderKind::ALL, ProviderKind::label),
        table("InvitationStatus", InvitationStatus::ALL, InvitationStatus::label),
        table("Role", &Role::ALL, Role::label),
        table("CommunityKind", &CommunityKind::ALL, CommunityKind::label),
        table("Sex", &[Sex::Male, Sex::Female], Sex::label),
        table("MoneyTerm", MoneyTerm::ALL, MoneyTerm::label),
        table("ProgramKind", ProgramKind::ALL, ProgramKind::label),
        table("EnrolmentStatus", EnrolmentStatus::ALL, EnrolmentStatus::label),
        table("PickupStatus", PickupStatus::ALL, PickupStatus::label),
        table("ArrivalMode", ArrivalMode::ALL, ArrivalMode::label),
        table("AbsenceReason", AbsenceReason::ALL, AbsenceReason::label),
        table("FeeStatus", FeeStatus::ALL, FeeStatus::label),
        table("DelegatedHow", DelegatedHow::ALL, DelegatedHow::label),
        table("IdType", IdType::ALL, IdType::label),
        table("VolunteerStatus", VolunteerStatus::ALL, VolunteerStatus::label),
        table("VisitWay", VisitWay::ALL, VisitWay::label),
        table("ActivityStatus", ActivityStatus::ALL, ActivityStatus::label),
        table("AttendanceWay", AttendanceWay::ALL, AttendanceWay::label),
        table("EntrySource", EntrySource::ALL, EntrySource::label),
        table("Evaluation", Evaluation::ALL, Evaluation::label),
        table("HonourKind", HonourKind::ALL, HonourKind::label),
    ];
    let mut out = String::from(
        "// Generated from the core's coded enums by core/tests/core/bindings.rs. Do not edit.\n\
         // The Chinese word for each stored value; the window shows these, never its own copy.\n\n",
    );
    for (name, _) in &tables {
        assert!(dir.join(format!("{name}.ts")).exists(), "{name} has labels but no generated type: add it to export!");
        out += &format!("import type {{ {name} }} from \"./{name}\";\n");
    }
    for (_, body) in &tables {
        out += "\n";
        out += body;
    }
    let definitions: Vec<String> = MoneyTerm::ALL.iter().map(|t| format!("  {}: \"{}\",", t.as_str(), t.definition())).collect();
    out += &format!(
        "\n/** What each money word means, shown beside it in the window. */\n\
         export const MONEY_TERM_DEFINITIONS: Record<MoneyTerm, string> = {{\n{}\n}};\n",
        definitions.join("\n")
    );
    std::fs::write(dir.join("labels.ts"), out).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts") && e.file_name() != COMMANDS_FILE)
                .map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read_to_string(e.path()).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn ui_bindings_are_up_to_date() {
    let committed: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    export_labels(fresh.path());
    let generated = read_dir(fresh.path());
    assert!(generated.contains_key("AppError.ts") && generated.contains_key("CommunityNode.ts"));
    if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(&committed).unwrap();
        for old in read_dir(&committed).keys() {
            std::fs::remove_file(committed.join(old)).unwrap();
        }
        for (name, text) in &generated {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let current = read_dir(&committed);
    let stale: Vec<&String> = generated.iter().filter(|(n, t)| current.get(*n) != Some(t)).map(|(n, _)| n).collect();
    let extra: Vec<&String> = current.keys().filter(|n| !generated.contains_key(*n)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; not generated: {extra:?}). \
         Run: UPDATE_BINDINGS=1 cargo test -p caredesk-core --test core bindings"
    );
}
