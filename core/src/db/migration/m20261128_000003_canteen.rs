//! The community canteen: canteens with their meal slots, dishes and set meals with a price per
//! diner type, daily menus, registered diners, subsidy rules, standing orders and bookings (which
//! record the price, the subsidy and the rule that applied, and are redeemed once when served).

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
                    .table(Canteens::Table)
                    .col(pk_auto(Canteens::Id))
                    .col(string(Canteens::Name).unique_key())
                    .col(integer_null(Canteens::CommunityId))
                    .col(string(Canteens::Address))
                    .col(boolean(Canteens::WalkInsAllowed).default(false))
                    .col(boolean(Canteens::Active).default(true))
                    .col(timestamp_with_time_zone(Canteens::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_canteens_community",
                        (Canteens::Table, Canteens::CommunityId),
                        (Communities::Table, Communities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CanteenSlots::Table)
                    .col(pk_auto(CanteenSlots::Id))
                    .col(integer(CanteenSlots::CanteenId))
                    .col(string(CanteenSlots::Slot))
                    .col(string(CanteenSlots::ServeFrom))
                    .col(string(CanteenSlots::ServeTo))
                    .col(string(CanteenSlots::BookingCutoff))
                    .col(integer_null(CanteenSlots::Capacity))
                    .col(boolean(CanteenSlots::Active).default(true))
                    .foreign_key(&mut fk(
                        "fk_slots_canteen",
                        (CanteenSlots::Table, CanteenSlots::CanteenId),
                        (Canteens::Table, Canteens::Id),
                    ))
                    .index(Index::create().name("uq_slots_canteen_slot").col(CanteenSlots::CanteenId).col(CanteenSlots::Slot).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Dishes::Table)
                    .col(pk_auto(Dishes::Id))
                    .col(integer(Dishes::CanteenId))
                    .col(string(Dishes::Name))
                    .col(string(Dishes::Kind))
                    .col(big_integer(Dishes::PriceElderly))
                    .col(big_integer(Dishes::PriceChild))
                    .col(big_integer(Dishes::PriceResident))
                    .col(big_integer(Dishes::PriceStaff))
                    .col(string(Dishes::Tags).default(""))
                    .col(boolean(Dishes::Active).default(true))
                    .col(timestamp_with_time_zone(Dishes::CreatedAt))
                    .foreign_key(&mut fk("fk_dishes_canteen", (Dishes::Table, Dishes::CanteenId), (Canteens::Table, Canteens::Id)))
                    .index(Index::create().name("uq_dishes_canteen_name").col(Dishes::CanteenId).col(Dishes::Name).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MenuItems::Table)
                    .col(pk_auto(MenuItems::Id))
                    .col(integer(MenuItems::CanteenId))
                    .col(date(MenuItems::MealDate))
                    .col(string(MenuItems::Slot))
                    .col(integer(MenuItems::DishId))
                    .col(integer(MenuItems::SortOrder).default(0))
                    .foreign_key(&mut fk("fk_menu_canteen", (MenuItems::Table, MenuItems::CanteenId), (Canteens::Table, Canteens::Id)))
                    .foreign_key(&mut fk("fk_menu_dish", (MenuItems::Table, MenuItems::DishId), (Dishes::Table, Dishes::Id)))
                    .index(
                        Index::create()
                            .name("uq_menu_day_slot_dish")
                            .col(MenuItems::CanteenId)
                            .col(MenuItems::MealDate)
                            .col(MenuItems::Slot)
                            .col(MenuItems::DishId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Diners::Table)
                    .col(pk_auto(Diners::Id))
                    .col(integer(Diners::CanteenId))
                    .col(integer(Diners::ResidentId))
                    .col(string(Diners::CardNumber))
                    .col(string(Diners::DinerType))
                    .col(string(Diners::DefaultMode))
                    .col(string_null(Diners::Route))
                    .col(string_null(Diners::DeliveryAddress))
                    .col(text_null(Diners::Notes))
                    .col(boolean(Diners::Active).default(true))
                    .col(timestamp_with_time_zone(Diners::CreatedAt))
                    .col(timestamp_with_time_zone(Diners::UpdatedAt))
                    .foreign_key(&mut fk("fk_diners_canteen", (Diners::Table, Diners::CanteenId), (Canteens::Table, Canteens::Id)))
                    .foreign_key(&mut fk("fk_diners_resident", (Diners::Table, Diners::ResidentId), (Residents::Table, Residents::Id)))
                    .index(Index::create().name("uq_diners_resident").col(Diners::CanteenId).col(Diners::ResidentId).unique())
                    .index(Index::create().name("uq_diners_card").col(Diners::CanteenId).col(Diners::CardNumber).unique())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SubsidyRules::Table)
                    .col(pk_auto(SubsidyRules::Id))
                    .col(string(SubsidyRules::Name))
                    .col(integer_null(SubsidyRules::AgeMin))
                    .col(integer_null(SubsidyRules::AgeMax))
                    .col(integer_null(SubsidyRules::CategoryTypeId))
                    .col(date(SubsidyRules::ValidFrom))
                    .col(date_null(SubsidyRules::ValidTo))
                    .col(big_integer(SubsidyRules::PerMeal))
                    .col(big_integer_null(SubsidyRules::PerDayCap))
                    .col(integer(SubsidyRules::Priority).default(0))
                    .col(boolean(SubsidyRules::Active).default(true))
                    .col(timestamp_with_time_zone(SubsidyRules::CreatedAt))
                    .col(timestamp_with_time_zone(SubsidyRules::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_subsidy_rules_category",
                        (SubsidyRules::Table, SubsidyRules::CategoryTypeId),
                        (CategoryTypes::Table, CategoryTypes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StandingOrders::Table)
                    .col(pk_auto(StandingOrders::Id))
                    .col(integer(StandingOrders::DinerId))
                    .col(string(StandingOrders::Slot))
                    .col(integer(StandingOrders::Weekdays))
                    .col(integer(StandingOrders::DishId))
                    .col(string(StandingOrders::Mode))
                    .col(date(StandingOrders::StartDate))
                    .col(date_null(StandingOrders::EndDate))
                    .col(date_null(StandingOrders::PausedFrom))
                    .col(date_null(StandingOrders::ResumeOn))
                    .col(boolean(StandingOrders::Active).default(true))
                    .col(timestamp_with_time_zone(StandingOrders::CreatedAt))
                    .col(integer_null(StandingOrders::CreatedBy))
                    .foreign_key(&mut fk(
                        "fk_standing_diner",
                        (StandingOrders::Table, StandingOrders::DinerId),
                        (Diners::Table, Diners::Id),
                    ))
                    .foreign_key(&mut fk("fk_standing_dish", (StandingOrders::Table, StandingOrders::DishId), (Dishes::Table, Dishes::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(pk_auto(Bookings::Id))
                    .col(integer(Bookings::CanteenId))
                    .col(integer(Bookings::DinerId))
                    .col(integer(Bookings::ResidentId))
                    .col(date(Bookings::MealDate))
                    .col(string(Bookings::Slot))
                    .col(string(Bookings::Mode))
                    .col(string_null(Bookings::Route))
                    .col(string_null(Bookings::Address))
                    .col(string(Bookings::DinerType))
                    .col(big_integer(Bookings::Price))
                    .col(big_integer(Bookings::Subsidy))
                    .col(big_integer(Bookings::Payable))
                    .col(integer_null(Bookings::SubsidyRuleId))
                    .col(string_null(Bookings::SubsidyRuleName))
                    .col(string(Bookings::Status))
                    .col(boolean(Bookings::WalkIn).default(false))
                    .col(integer_null(Bookings::StandingOrderId))
                    .col(timestamp_with_time_zone(Bookings::CreatedAt))
                    .col(integer_null(Bookings::CreatedBy))
                    .col(timestamp_with_time_zone_null(Bookings::CancelledAt))
                    .col(integer_null(Bookings::CancelledBy))
                    .col(string_null(Bookings::CancelReason))
                    .col(timestamp_with_time_zone_null(Bookings::ServedAt))
                    .col(integer_null(Bookings::ServedBy))
                    .foreign_key(&mut fk("fk_bookings_canteen", (Bookings::Table, Bookings::CanteenId), (Canteens::Table, Canteens::Id)))
                    .foreign_key(&mut fk("fk_bookings_diner", (Bookings::Table, Bookings::DinerId), (Diners::Table, Diners::Id)))
                    .foreign_key(&mut fk(
                        "fk_bookings_resident",
                        (Bookings::Table, Bookings::ResidentId),
                        (Residents::Table, Residents::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_bookings_rule",
                        (Bookings::Table, Bookings::SubsidyRuleId),
                        (SubsidyRules::Table, SubsidyRules::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_bookings_standing",
                        (Bookings::Table, Bookings::StandingOrderId),
                        (StandingOrders::Table, StandingOrders::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The day's lists, the board and the ledger read bookings by canteen, day and slot.
        manager
            .create_index(
                Index::create()
                    .name("idx_bookings_day")
                    .table(Bookings::Table)
                    .col(Bookings::CanteenId)
                    .col(Bookings::MealDate)
                    .col(Bookings::Slot)
                    .col(Bookings::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bookings_resident")
                    .table(Bookings::Table)
                    .col(Bookings::ResidentId)
                    .col(Bookings::MealDate)
                    .to_owned(),
            )
            .await?;
        // One live booking per diner, day and slot; a cancelled one does not block booking again.
        // Same partial-index syntax on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX uq_bookings_live ON bookings (diner_id, meal_date, slot) WHERE status <> 'cancelled'")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingItems::Table)
                    .col(pk_auto(BookingItems::Id))
                    .col(integer(BookingItems::BookingId))
                    .col(integer(BookingItems::DishId))
                    .col(string(BookingItems::DishName))
                    .col(integer(BookingItems::Quantity))
                    .col(big_integer(BookingItems::UnitPrice))
                    .foreign_key(&mut fk(
                        "fk_items_booking",
                        (BookingItems::Table, BookingItems::BookingId),
                        (Bookings::Table, Bookings::Id),
                    ))
                    .foreign_key(&mut fk("fk_items_dish", (BookingItems::Table, BookingItems::DishId), (Dishes::Table, Dishes::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_booking_items_booking").table(BookingItems::Table).col(BookingItems::BookingId).to_owned(),
            )
            .await?;
        // Meal tickets carry a MAC made with this installation's own secret, so a ticket edited or
        // invented elsewhere is refused. Every PC sharing the database shares the secret.
        let secret: [u8; 32] = rand::random();
        let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(Settings::Table)
                    .columns([Settings::Key, Settings::Value])
                    .values_panic(["canteen.ticket_secret".into(), hex.into()])
                    .to_owned(),
            )
            .await?;
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
enum Residents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CategoryTypes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Canteens {
    Table,
    Id,
    Name,
    CommunityId,
    Address,
    WalkInsAllowed,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CanteenSlots {
    Table,
    Id,
    CanteenId,
    Slot,
    ServeFrom,
    ServeTo,
    BookingCutoff,
    Capacity,
    Active,
}

#[derive(DeriveIden)]
enum Dishes {
    Table,
    Id,
    CanteenId,
    Name,
    Kind,
    PriceElderly,
    PriceChild,
    PriceResident,
    PriceStaff,
    Tags,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MenuItems {
    Table,
    Id,
    CanteenId,
    MealDate,
    Slot,
    DishId,
    SortOrder,
}

#[derive(DeriveIden)]
enum Diners {
    Table,
    Id,
    CanteenId,
    ResidentId,
    CardNumber,
    DinerType,
    DefaultMode,
    Route,
    DeliveryAddress,
    Notes,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SubsidyRules {
    Table,
    Id,
    Name,
    AgeMin,
    AgeMax,
    CategoryTypeId,
    ValidFrom,
    ValidTo,
    PerMeal,
    PerDayCap,
    Priority,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StandingOrders {
    Table,
    Id,
    DinerId,
    Slot,
    Weekdays,
    DishId,
    Mode,
    StartDate,
    EndDate,
    PausedFrom,
    ResumeOn,
    Active,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    Id,
    CanteenId,
    DinerId,
    ResidentId,
    MealDate,
    Slot,
    Mode,
    Route,
    Address,
    DinerType,
    Price,
    Subsidy,
    Payable,
    SubsidyRuleId,
    SubsidyRuleName,
    Status,
    WalkIn,
    StandingOrderId,
    CreatedAt,
    CreatedBy,
    CancelledAt,
    CancelledBy,
    CancelReason,
    ServedAt,
    ServedBy,
}

#[derive(DeriveIden)]
enum BookingItems {
    Table,
    Id,
    BookingId,
    DishId,
    DishName,
    Quantity,
    UnitPrice,
}
