//! `caredesk-core`: the rules, services and storage of CareDesk (一老一小服务台), with no window.
//!
//! Open a [`Desk`] on a database (an embedded SQLite file by default, PostgreSQL by URL), sign in
//! with [`auth::login`] to get a [`auth::Session`] and its [`auth::Actor`], then call the module
//! services (`communities::add(&desk, actor, …)`, …). The Tauri app and the `caredesk` CLI are thin
//! views over the same functions, so roles, validation and the audit log behave the same in both.

pub mod auth;
pub mod backup;
pub mod canteen;
pub mod checkups;
pub mod childcare;
pub mod clock;
mod coded;
pub mod communities;
pub mod db;
pub mod demo;
pub mod error;
pub mod io;
pub mod money;
mod numbering;
pub mod print;
pub mod residents;
pub mod settings;
mod validate;
pub mod volunteers;

pub use clock::Clock;
pub use db::Location;
pub use error::{Code, Error, ErrorPayload, Result};

use db::migration::{self, Migrator};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;

/// A handle on one CareDesk database, migrated to this build's schema.
pub struct Desk {
    db: DatabaseConnection,
    location: Location,
    clock: Clock,
    origin: Origin,
}

/// Which program works on the database, so the audit log can tell a clerk's sign-in in the window
/// from a script's on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    App,
    CommandLine,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::App => "程序窗口",
            Origin::CommandLine => "命令行",
        }
    }
}

impl Desk {
    pub async fn open(location: Location) -> Result<Desk> {
        Desk::open_with_clock(location, Clock::from_env()).await
    }

    /// Connects, refuses a database from a newer build, backs up an existing SQLite database before
    /// applying pending migrations, then migrates.
    pub async fn open_with_clock(location: Location, clock: Clock) -> Result<Desk> {
        Desk::open_migrated::<Migrator>(location, clock).await
    }

    async fn open_migrated<M: MigratorTrait>(location: Location, clock: Clock) -> Result<Desk> {
        let db = db::connect(&location).await?;
        let applied = migration::applied_names(&db).await?;
        let known = migration::names_of::<M>();
        if let Err(e) = migration::ensure_known(&applied, &known) {
            let _ = db.close().await;
            return Err(e);
        }
        let pending = applied.len() < known.len();
        if pending && !applied.is_empty() {
            if let Some(file) = location.sqlite_path() {
                backup::snapshot(&db, file, clock.now(), backup::Reason::PreMigration).await?;
            }
        }
        if pending {
            M::up(&db, None).await?;
        }
        Ok(Desk { db, location, clock, origin: Origin::App })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The command line says so once after opening; the window is the default.
    pub fn with_origin(mut self, origin: Origin) -> Desk {
        self.origin = origin;
        self
    }

    pub fn origin(&self) -> Origin {
        self.origin
    }

    pub(crate) fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Starts a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so it waits its turn behind another writer for the busy timeout instead of
    /// failing when that writer commits between its reads and its first write; after the timeout
    /// the error is `db_busy` and nothing was written. PostgreSQL ignores the mode.
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let options = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
        Ok(self.db.begin_with_options(options).await?)
    }

    /// Waits for running statements, checkpoints the WAL and closes the connections.
    pub async fn close(self) {
        let _ = self.db.close().await;
    }
}

impl Desk {
    /// The raw connection, for tests that inspect the schema.
    #[doc(hidden)]
    pub fn db_for_tests(&self) -> &DatabaseConnection {
        &self.db
    }
}

#[cfg(test)]
mod upgrade_tests {
    //! A database made by the previous schema, with data in it, upgrades to the next one: the
    //! data stays and a backup of the old file is made first. Simulated with a next migration
    //! that only exists here, so the mechanism is proven before the first real schema change.
    use super::*;
    use sea_orm_migration::prelude::*;

    struct NextMigrator;

    fn office_setup() -> settings::SetupRequest {
        settings::SetupRequest {
            office_name: "中阳楼街道办事处".into(),
            admin_username: "admin".into(),
            password: "Passw0rd!".into(),
            password_confirm: "Passw0rd!".into(),
        }
    }

    struct NextMigration;

    impl MigrationName for NextMigration {
        fn name(&self) -> &str {
            "m29990101_000001_next"
        }
    }

    #[async_trait::async_trait]
    impl MigrationTrait for NextMigration {
        async fn up(&self, manager: &SchemaManager) -> std::result::Result<(), DbErr> {
            manager.get_connection().execute_unprepared("CREATE TABLE next_table (id INTEGER PRIMARY KEY)").await?;
            Ok(())
        }
    }

    #[async_trait::async_trait]
    impl MigratorTrait for NextMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            let mut all = Migrator::migrations();
            all.push(Box::new(NextMigration));
            all
        }
    }

    #[tokio::test]
    async fn upgrading_keeps_the_data_and_backs_up_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-11-28T02:00:00Z".parse().expect("time"));
        let desk = Desk::open_with_clock(location.clone(), clock.clone()).await.expect("open");
        settings::initialize(&desk, office_setup()).await.expect("set-up");
        desk.close().await;

        let desk = Desk::open_migrated::<NextMigrator>(location.clone(), clock.clone()).await.expect("upgrade");
        assert_eq!(db::raw_count(&desk, "users").await.expect("count"), 1);
        assert_eq!(db::raw_count(&desk, "next_table").await.expect("count"), 0);
        let backups = backup::list_dir(&backup::backup_dir(&file)).expect("list");
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, "升级前自动备份");
        desk.close().await;

        // Opening again migrates nothing and backs up nothing.
        let desk = Desk::open_migrated::<NextMigrator>(location.clone(), clock).await.expect("reopen");
        assert_eq!(backup::list_dir(&backup::backup_dir(&file)).expect("list").len(), 1);
        desk.close().await;
        // This build, which does not know the next migration, refuses the upgraded file.
        let e = Desk::open(location).await.err().expect("refused");
        assert_eq!(e.code(), "schema_too_new");
    }

    /// The schema as it landed with the foundation issue, before the residents registry.
    struct FoundationMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for FoundationMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(1).collect()
        }
    }

    #[tokio::test]
    async fn a_foundation_database_with_data_gains_the_residents_registry() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-11-28T02:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<FoundationMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        let community =
            communities::NewCommunity { parent_id: None, kind: communities::CommunityKind::Community, name: "双桥社区".into() };
        let shuangqiao = communities::add(&old, &admin, community).await.expect("community");
        assert!(db::raw_count(&old, "residents").await.is_err(), "the old schema has no residents table");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        assert_eq!(db::raw_count(&desk, "users").await.expect("count"), 1);
        assert_eq!(db::raw_count(&desk, "communities").await.expect("count"), 1);
        assert_eq!(db::raw_count(&desk, "category_types").await.expect("count"), 10);
        let mut wang = residents::ResidentInput { name: "王秀英".into(), ..Default::default() };
        wang.id_number = Some("11010519491231002X".into());
        wang.community_id = Some(shuangqiao.id);
        let created = residents::create(&desk, &admin, wang).await.expect("a resident in an old community");
        assert_eq!(created.community_name.as_deref(), Some("双桥社区"));
        assert_eq!(backup::list_dir(&backup::backup_dir(&file)).expect("list").len(), 1);
        desk.close().await;
    }

    /// The schema as it landed with the residents issue, before the canteen.
    struct ResidentsMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for ResidentsMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(2).collect()
        }
    }

    #[tokio::test]
    async fn a_residents_database_with_data_gains_the_canteen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-11-28T01:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<ResidentsMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        let mut wang = residents::ResidentInput { name: "王秀英".into(), ..Default::default() };
        wang.id_number = Some("11010519491231002X".into());
        let wang = residents::create(&old, &admin, wang).await.expect("resident");
        assert!(db::raw_count(&old, "bookings").await.is_err(), "the old schema has no canteen");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        assert_eq!(db::raw_count(&desk, "residents").await.expect("count"), 1);
        assert_eq!(backup::list_dir(&backup::backup_dir(&file)).expect("list").len(), 1);
        // The upgrade gave the installation its ticket secret, and the old resident can dine.
        let secret = canteen::tickets::secret(desk.db()).await.expect("ticket secret");
        assert_eq!(secret.len(), 32);
        let c = canteen::setup::create_canteen(
            &desk,
            &admin,
            canteen::setup::CanteenInput {
                name: "幸福食光".into(),
                community_id: None,
                address: "双桥路 8 号".into(),
                walk_ins_allowed: false,
                active: true,
                slots: vec![],
            },
        )
        .await
        .expect("canteen");
        let diner = canteen::diners::DinerInput {
            resident_id: wang.id,
            card_number: None,
            diner_type: None,
            default_mode: canteen::model::Mode::DineIn,
            route: None,
            delivery_address: None,
            notes: None,
            active: true,
        };
        let d = canteen::diners::register(&desk, &admin, c.id, diner).await.expect("diner");
        assert_eq!(d.card_number, "0001");
        desk.close().await;
    }

    /// The schema as it landed with the canteen issue, before the check-ups.
    struct CanteenMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for CanteenMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(3).collect()
        }
    }

    #[tokio::test]
    async fn a_canteen_database_with_data_gains_the_checkups() {
        use checkups::campaigns::{CampaignInput, SlotInput, TargetRule};
        use checkups::stations::{ProviderInput, ProviderKind, StationInput};
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-11-28T01:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<CanteenMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        let mut wang = residents::ResidentInput { name: "王秀英".into(), ..Default::default() };
        wang.id_number = Some("11010519491231002X".into());
        let wang = residents::create(&old, &admin, wang).await.expect("resident");
        let canteen_input = canteen::setup::CanteenInput {
            name: "幸福食光".into(),
            community_id: None,
            address: "双桥路 8 号".into(),
            walk_ins_allowed: false,
            active: true,
            slots: vec![],
        };
        canteen::setup::create_canteen(&old, &admin, canteen_input).await.expect("canteen");
        assert!(db::raw_count(&old, "checkup_campaigns").await.is_err(), "the old schema has no check-ups");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        assert_eq!(db::raw_count(&desk, "residents").await.expect("count"), 1);
        assert_eq!(db::raw_count(&desk, "canteens").await.expect("count"), 1);
        let station = StationInput {
            name: "双桥社区健康服务站".into(),
            community_id: None,
            address: "双桥路 10 号".into(),
            phone: None,
            active: true,
        };
        let station = checkups::stations::save_station(&desk, &admin, None, station).await.expect("station");
        let provider = ProviderInput {
            name: "街道卫生院".into(),
            kind: ProviderKind::HealthCenter,
            doctors: "张医生".into(),
            phone: None,
            active: true,
        };
        let provider = checkups::stations::save_provider(&desk, &admin, None, provider).await.expect("provider");
        let today = desk.clock().today();
        let input = CampaignInput {
            name: "冬季体检".into(),
            station_id: station.id,
            provider_id: provider.id,
            first_day: today,
            last_day: today,
            target: TargetRule { min_age: Some(65), ..Default::default() },
            bring_note: "身份证".into(),
            fasting: true,
            notes: None,
            slots: vec![SlotInput { id: None, day: today, starts_at: "08:00".into(), ends_at: "11:00".into(), capacity: 30 }],
        };
        let c = checkups::campaigns::save_campaign(&desk, &admin, None, input).await.expect("campaign");
        let proposed = checkups::invitations::propose(&desk, &admin, c.id).await.expect("propose");
        assert_eq!(proposed.iter().map(|p| p.person.resident_id).collect::<Vec<_>>(), vec![wang.id]);
        desk.close().await;
    }

    /// The schema as it landed with the check-ups issue, before after-school care.
    struct CheckupsMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for CheckupsMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(4).collect()
        }
    }

    #[tokio::test]
    async fn a_checkups_database_with_data_gains_childcare() {
        use childcare::enrolment::EnrolInput;
        use childcare::programs::ProgramInput;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-12-03T01:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<CheckupsMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        let mut child = residents::ResidentInput { name: "张小雨".into(), ..Default::default() };
        child.id_number = Some("11010520170305021X".into());
        let child = residents::create(&old, &admin, child).await.expect("resident");
        assert!(db::raw_count(&old, "childcare_programs").await.is_err(), "the old schema has no childcare");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        assert_eq!(db::raw_count(&desk, "residents").await.expect("count"), 1);
        assert_eq!(backup::list_dir(&backup::backup_dir(&file)).expect("list").len(), 1);
        let program = ProgramInput {
            name: "四点半课堂".into(),
            kind: childcare::model::ProgramKind::AfterSchool,
            community_id: None,
            place: "党群服务中心".into(),
            min_age: 6,
            max_age: 12,
            capacity: 30,
            term_start: "2026-09-01".parse().expect("date"),
            term_end: "2027-01-20".parse().expect("date"),
            weekdays: 0x1f,
            starts_at: "16:30".into(),
            ends_at: "18:30".into(),
            missing_call_at: None,
            self_home_min_age: None,
            active: true,
            monthly_fee: 0,
            reduced_fee: 0,
            staff_ids: vec![],
            helper_ids: vec![],
        };
        let p = childcare::programs::save_program(&desk, &admin, None, program).await.expect("program");
        let enrol = EnrolInput {
            resident_id: child.id,
            start_date: "2026-12-03".parse().expect("date"),
            end_date: None,
            consent_date: Some("2026-12-01".parse().expect("date")),
            consent_by: Some("母亲".into()),
            school: String::new(),
            class_name: String::new(),
            allergies: String::new(),
            notes: String::new(),
            fee: childcare::model::FeeStatus::Free,
            self_home_permitted_on: None,
        };
        let e = childcare::enrolment::enrol(&desk, &admin, p.id, enrol).await.expect("the old resident can be enrolled");
        assert_eq!(e.status, childcare::model::EnrolmentStatus::Enrolled);
        desk.close().await;
    }

    /// The schema as it landed with the first childcare issue, before staff, duties, photos and fees.
    struct ChildcareMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for ChildcareMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(5).collect()
        }
    }

    #[tokio::test]
    async fn a_childcare_database_with_a_program_gains_staff_duties_photos_and_fees() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-12-03T01:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<ChildcareMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        // The old entity is gone from this build, so the old row is written as the old build wrote it.
        old.db()
            .execute_unprepared(
                "INSERT INTO childcare_programs (name, kind, place, min_age, max_age, capacity, term_start, term_end, weekdays, \
                 starts_at, ends_at, missing_call_at, self_home_min_age, active, created_at) VALUES ('四点半课堂', 'after_school', \
                 '党群服务中心', 6, 12, 30, '2026-09-01', '2027-01-20', 31, '16:30', '18:30', '17:00', 10, 1, '2026-12-01T01:00:00Z')",
            )
            .await
            .expect("old program");
        assert!(db::raw_count(&old, "childcare_duties").await.is_err(), "the old schema has no duty grid");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        let programs = childcare::programs::list_programs(&desk, &admin).await.expect("programs");
        assert_eq!((programs[0].name.as_str(), programs[0].monthly_fee, programs[0].staff.len()), ("四点半课堂", 0, 0));
        let id = programs[0].id;
        let day: chrono::NaiveDate = "2026-12-04".parse().expect("date");
        let e = childcare::duty::set_duty(&desk, &admin, id, day, vec![admin.user_id()]).await.expect_err("not staff yet");
        assert_eq!(e.code(), "not_program_staff");
        let month = childcare::duty::fill_duty(&desk, &admin, id, "2026-12", 1).await.expect_err("no staff");
        assert_eq!(month.code(), "no_staff");
        desk.close().await;
    }

    /// The schema as it landed with the first volunteers issue, before activities and the record.
    struct VolunteersMigrator;

    #[async_trait::async_trait]
    impl MigratorTrait for VolunteersMigrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            Migrator::migrations().into_iter().take(7).collect()
        }
    }

    #[tokio::test]
    async fn visits_made_before_the_service_record_count_for_the_volunteer_who_went() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("caredesk.db");
        let location = Location::SqliteFile(file.clone());
        let clock = Clock::fixed("2026-12-03T01:00:00Z".parse().expect("time"));
        let old = Desk::open_migrated::<VolunteersMigrator>(location.clone(), clock.clone()).await.expect("open old");
        settings::initialize(&old, office_setup()).await.expect("set-up");
        let admin = auth::login(&old, "admin", "Passw0rd!").await.expect("login").actor().clone();
        let elder =
            residents::ResidentInput { name: "孙秀英".into(), id_number: Some("110101194001010418".into()), ..Default::default() };
        let elder = residents::create(&old, &admin, elder).await.map(|r| r.id);
        let v = volunteers::registry::VolunteerInput {
            resident_id: None,
            name: "王建国".into(),
            id_type: Some(volunteers::model::IdType::Other),
            id_number: Some("NO-0001".into()),
            birth_date: Some("1960-03-12".parse().expect("date")),
            phone: "13912345678".into(),
            skills: String::new(),
            availability: String::new(),
            joined_on: "2026-03-01".parse().expect("date"),
            status: volunteers::model::VolunteerStatus::Active,
            guardian_consent_on: None,
            guardian_consent_by: None,
            notes: String::new(),
            team_ids: vec![],
        };
        let volunteer = volunteers::registry::save_volunteer(&old, &admin, None, v).await.expect("volunteer").id;
        let elder = elder.expect("elder");
        // Written as the old build wrote them (the old pairing and visit rows).
        old.db()
            .execute_unprepared(&format!(
                "INSERT INTO pairings (elder_id, frequency_days, start_date, notes, visit_count, created_at) \
                 VALUES ({elder}, 7, '2026-11-01', '', 2, '2026-11-01T01:00:00Z'); \
                 INSERT INTO visits (pairing_id, volunteer_id, visited_on, duration_minutes, way, health, safety, mood, needs, \
                 needs_help, health_worry, created_at) VALUES \
                 (1, {volunteer}, '2026-11-20', 40, 'phone', '', '', '', '', 0, 0, '2026-11-20T01:00:00Z'), \
                 (1, NULL, '2026-11-27', 30, 'home', '', '', '', '', 0, 0, '2026-11-27T01:00:00Z')"
            ))
            .await
            .expect("old visits");
        assert!(db::raw_count(&old, "service_entries").await.is_err(), "the old schema has no service record");
        old.close().await;

        let desk = Desk::open_with_clock(location, clock).await.expect("upgrade");
        let record = volunteers::record::service_record(&desk, &admin, volunteer).await.expect("record");
        assert_eq!(record.entries.len(), 1, "the staff's own visit counts for nobody");
        let e = &record.entries[0];
        assert_eq!((e.minutes, e.content.as_str(), e.served_on.to_string().as_str()), (40, "结对走访（电话）", "2026-11-20"));
        desk.close().await;
    }
}
