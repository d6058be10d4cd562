//! The residents registry on SQLite and PostgreSQL: rules, search, status history, categories,
//! relations, households and roles.

use crate::common;
use common::{day, id};

use caredesk_core::auth::Role;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::residents::categories::{self, NewCategoryPeriod};
use caredesk_core::residents::relations::{self, NewRelation};
use caredesk_core::residents::{
    self, HouseholdChoice, NoIdReason, RelationKind, ResidentInput, ResidentQuery, ResidentSort, Status, StatusChange,
};
use caredesk_core::Desk;

fn person(name: &str, id_number: &str) -> ResidentInput {
    ResidentInput { name: name.into(), id_number: Some(id_number.into()), ..Default::default() }
}

fn query(text: &str) -> ResidentQuery {
    ResidentQuery { text: Some(text.into()), page: 1, page_size: 50, ..Default::default() }
}

async fn names(desk: &Desk, actor: &caredesk_core::auth::Actor, q: ResidentQuery) -> Vec<String> {
    residents::search(desk, actor, &q).await.unwrap().rows.into_iter().map(|r| r.name).collect()
}

backend_test!(creates_a_resident_from_the_id_number, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let mut input = person(" 王 秀 英 ", &id("19491231", "002").to_lowercase());
    input.phone = Some("138 0356 1234".into());
    let r = residents::create(desk, &admin, input).await.unwrap();
    assert_eq!(r.name, "王秀英");
    assert_eq!(r.birth_date, day(1949, 12, 31));
    assert_eq!(r.sex_label, "女");
    assert_eq!(r.age, Some(76));
    assert_eq!(r.id_number_masked.as_deref(), Some(format!("110101********{}", &id("19491231", "002")[14..]).as_str()));
    assert_eq!(r.phone_masked.as_deref(), Some("138****1234"));
    assert_eq!(r.age_group_labels, ["60岁以上", "65岁以上"]);
    assert!(r.eligibility_today.allowed);

    // The same number again names the resident who has it, and nothing is written.
    let e = residents::create(desk, &admin, person("王秀", &id("19491231", "002"))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("duplicate_resident", Some("idNumber")));
    assert!(e.to_string().contains("王秀英"), "{e}");
    assert_eq!(db.count("residents").await, 1);

    // A birth date that disagrees with the number is an error on that field.
    let mut wrong = person("李建国", &id("19500302", "013"));
    wrong.birth_date = Some(day(1950, 3, 3));
    let e = residents::create(desk, &admin, wrong).await.unwrap_err();
    assert_eq!(e.field(), Some("birthDate"));

    // No ID number needs a reason.
    let foreigner = ResidentInput { name: "Anna Schmidt".into(), ..Default::default() };
    assert_eq!(residents::create(desk, &admin, foreigner.clone()).await.unwrap_err().code(), "id_number_required");
    let foreigner = ResidentInput {
        no_id_reason: Some(NoIdReason::ForeignPassport),
        birth_date: Some(day(1958, 6, 1)),
        sex: Some(caredesk_core::residents::id_number::Sex::Female),
        ..foreigner
    };
    let anna = residents::create(desk, &admin, foreigner).await.unwrap();
    assert_eq!(anna.no_id_reason_label.as_deref(), Some("外国护照"));
    assert_eq!(anna.id_number_masked, None);

    // Editing with the masked number shown in the form keeps the number.
    let mut edit = person("王秀英", r.id_number_masked.as_deref().unwrap());
    edit.phone = r.phone_masked.clone();
    edit.address = Some("双桥社区欣园小区3号楼".into());
    let edited = residents::update(desk, &admin, r.id, edit).await.unwrap();
    assert_eq!(edited.address.as_deref(), Some("双桥社区欣园小区3号楼"));
    let full = residents::reveal(desk, &admin, r.id).await.unwrap();
    assert_eq!(full.id_number.as_deref(), Some(id("19491231", "002").as_str()));
    assert_eq!(full.phone.as_deref(), Some("13803561234"));
});

backend_test!(finds_by_name_pinyin_and_number_suffixes, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let people = [
        ("张三", id("19400101", "011"), "13803561234"),
        ("张珊珊", id("19600101", "022"), "13912345678"),
        ("单丽", id("19550505", "042"), "0358-7221234"),
        ("曾国强", id("19480808", "031"), "13700001111"),
        ("王秀英", id("19491231", "002"), "13600002222"),
    ];
    for (name, number, phone) in &people {
        let mut p = person(name, number);
        p.phone = Some(phone.to_string());
        residents::create(desk, &admin, p).await.unwrap();
    }
    assert_eq!(names(desk, &admin, query("秀英")).await, ["王秀英"]);
    // Initials match as a prefix: zs finds 张三 (zs) and 张珊珊 (zss).
    assert_eq!(names(desk, &admin, query("zs")).await, ["张三", "张珊珊"]);
    assert_eq!(names(desk, &admin, query("zhangs")).await, ["张三", "张珊珊"]);
    assert_eq!(names(desk, &admin, query("ZSS")).await, ["张珊珊"]);
    // Both readings of polyphonic surnames.
    assert_eq!(names(desk, &admin, query("shanli")).await, ["单丽"]);
    assert_eq!(names(desk, &admin, query("dl")).await, ["单丽"]);
    assert_eq!(names(desk, &admin, query("zgq")).await, ["曾国强"]);
    assert_eq!(names(desk, &admin, query("cengguo")).await, ["曾国强"]);
    // ID number suffixes (4–6 characters, X included) and phone suffixes.
    let wang = id("19491231", "002");
    assert_eq!(names(desk, &admin, query(&wang[12..])).await, ["王秀英"]);
    assert_eq!(names(desk, &admin, query(&wang[14..].to_lowercase())).await, ["王秀英"]);
    assert_eq!(names(desk, &admin, query("5678")).await, ["张珊珊"]);
    assert_eq!(names(desk, &admin, query("7221234")).await, ["单丽"]);
    assert_eq!(residents::search(desk, &admin, &query("12")).await.unwrap_err().code(), "search_too_short");
    // Lists are masked.
    let row = &residents::search(desk, &admin, &query("5678")).await.unwrap().rows[0];
    assert_eq!(row.phone_masked.as_deref(), Some("139****5678"));
    assert!(row.id_number_masked.as_deref().unwrap().contains("********"));
    // Paging and sorting.
    let mut all = ResidentQuery { page: 1, page_size: 2, sort: ResidentSort::OldestFirst, ..Default::default() };
    let first = residents::search(desk, &admin, &all).await.unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(first.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["张三", "曾国强"]);
    all.page = 3;
    assert_eq!(residents::search(desk, &admin, &all).await.unwrap().rows.len(), 1);
    all.sort = ResidentSort::Name;
    all.page = 1;
    all.page_size = 10;
    // Pinyin order: dan/shan li, wang, zeng, zhang san, zhang shan.
    assert_eq!(names(desk, &admin, all).await, ["单丽", "王秀英", "曾国强", "张三", "张珊珊"]);
});

backend_test!(filters_by_place_category_age_and_status_on_a_date, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let c = communities::add(desk, &admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
        .await
        .unwrap();
    let g = communities::add(desk, &admin, NewCommunity { parent_id: Some(c.id), kind: CommunityKind::Grid, name: "第一网格".into() })
        .await
        .unwrap();
    let mut old = person("赵大爷", &id("19461128", "011"));
    old.grid_id = Some(g.id);
    let old = residents::create(desk, &admin, old).await.unwrap();
    assert_eq!(old.community_name.as_deref(), Some("双桥社区"), "the grid names its community");
    let child = residents::create(desk, &admin, person("赵小宝", &id("20200601", "021"))).await.unwrap();
    let types = categories::types(desk, &admin).await.unwrap();
    assert_eq!(types.len(), 10);
    let dibao = types.iter().find(|t| t.name == "低保").unwrap().id;
    let period = NewCategoryPeriod { category_type_id: dibao, start_date: day(2025, 1, 1), end_date: Some(day(2025, 12, 31)), note: None };
    categories::add(desk, &admin, old.id, period.clone()).await.unwrap();
    let overlap = NewCategoryPeriod { start_date: day(2025, 6, 1), end_date: None, ..period.clone() };
    assert_eq!(categories::add(desk, &admin, old.id, overlap).await.unwrap_err().code(), "category_overlap");

    let by = |f: fn(&mut ResidentQuery)| {
        let mut q = ResidentQuery { page: 1, page_size: 50, ..Default::default() };
        f(&mut q);
        q
    };
    let in_community = by(|q| q.community_id = Some(1));
    assert_eq!(names(desk, &admin, ResidentQuery { community_id: Some(c.id), ..in_community }).await, ["赵大爷"]);
    let dibao_2025 = ResidentQuery { category_type_id: Some(dibao), on_date: Some(day(2025, 5, 1)), ..by(|_| {}) };
    assert_eq!(names(desk, &admin, dibao_2025).await, ["赵大爷"]);
    let dibao_now = ResidentQuery { category_type_id: Some(dibao), ..by(|_| {}) };
    assert!(names(desk, &admin, dibao_now).await.is_empty(), "the period ended");
    // 80 on the birthday (28 Nov 2026 is today), 79 the day before.
    let eighty = ResidentQuery { age_min: Some(80), ..by(|_| {}) };
    assert_eq!(names(desk, &admin, eighty.clone()).await, ["赵大爷"]);
    let yesterday = ResidentQuery { on_date: Some(day(2026, 11, 27)), ..eighty };
    assert!(names(desk, &admin, yesterday).await.is_empty());
    let children = ResidentQuery { age_min: Some(0), age_max: Some(6), ..by(|_| {}) };
    assert_eq!(names(desk, &admin, children).await, ["赵小宝"]);

    // A death recorded late still stops services from its date; earlier dates stay valid.
    let change = StatusChange { status: Status::Deceased, effective_date: day(2026, 11, 1), note: Some("家属告知".into()) };
    let after = residents::change_status(desk, &admin, old.id, change).await.unwrap();
    assert_eq!(after.status_label, "去世");
    assert!(!after.eligibility_today.allowed);
    assert!(after.eligibility_today.reason.as_deref().unwrap().contains("2026年11月1日去世"));
    let db_conn = desk.db_for_tests();
    assert!(residents::may_receive_service(db_conn, old.id, day(2026, 10, 31)).await.unwrap().allowed);
    assert!(!residents::may_receive_service(db_conn, old.id, day(2026, 11, 1)).await.unwrap().allowed);
    let many = residents::eligibility_many(db_conn, &[old.id, child.id], day(2026, 11, 2)).await.unwrap();
    assert!(!many[&old.id].allowed && many[&child.id].allowed);
    let active_only = ResidentQuery { status: Some(Status::Active), ..by(|_| {}) };
    assert_eq!(names(desk, &admin, active_only).await, ["赵小宝"]);
    let future = StatusChange { status: Status::MovedOut, effective_date: day(2026, 11, 29), note: None };
    assert_eq!(residents::change_status(desk, &admin, child.id, future).await.unwrap_err().field(), Some("effectiveDate"));
});

backend_test!(households_and_relations, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let mut head = person("刘建华", &id("19800101", "011"));
    head.household = HouseholdChoice::New { code: Some("H001".into()) };
    head.relation_to_head = Some("户主".into());
    head.address = Some("欣园小区1号楼".into());
    let head = residents::create(desk, &admin, head).await.unwrap();
    let household = head.household.as_ref().unwrap().id;
    let mut kid = person("刘小雨", &id("20180301", "022"));
    kid.household = HouseholdChoice::Existing { household_id: household };
    kid.relation_to_head = Some("子女".into());
    let kid = residents::create(desk, &admin, kid).await.unwrap();
    assert_eq!(kid.household.as_ref().unwrap().members.len(), 2);
    let mut second_head = person("刘二", &id("19820101", "031"));
    second_head.household = HouseholdChoice::Existing { household_id: household };
    second_head.relation_to_head = Some("户主".into());
    let e = residents::create(desk, &admin, second_head).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("household_has_head", Some("relationToHead")));

    let guardian = NewRelation {
        kind: RelationKind::Guardian,
        related_resident_id: Some(head.id),
        contact_name: None,
        contact_phone: None,
        relationship: Some("父亲".into()),
        note: None,
    };
    relations::add(desk, &admin, kid.id, guardian).await.unwrap();
    let outsider = NewRelation {
        kind: RelationKind::Pickup,
        related_resident_id: None,
        contact_name: Some("陈阿姨".into()),
        contact_phone: Some("13812345678".into()),
        relationship: Some("保姆".into()),
        note: None,
    };
    relations::add(desk, &admin, kid.id, outsider.clone()).await.unwrap();
    let full = residents::reveal(desk, &admin, kid.id).await.unwrap();
    assert_eq!(full.relation_phones.len(), 1, "the guardian has no phone; the pick-up person has one");
    assert_eq!(full.relation_phones[0].phone, "13812345678");
    let bad_phone = NewRelation { contact_phone: Some("12345".into()), ..outsider };
    assert_eq!(relations::add(desk, &admin, kid.id, bad_phone).await.unwrap_err().field(), Some("contactPhone"));
    let shown = residents::get(desk, &admin, kid.id).await.unwrap();
    assert_eq!(shown.relations.len(), 2);
    assert_eq!(shown.relations[0].name, "刘建华");
    assert_eq!(shown.relations[1].phone_masked.as_deref(), Some("138****5678"));
    relations::remove(desk, &admin, shown.relations[1].id).await.unwrap();
    assert_eq!(residents::get(desk, &admin, kid.id).await.unwrap().relations.len(), 1);
});

backend_test!(roles_decide_who_keeps_and_who_reveals, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let viewer = db.add_user(&admin, "viewer1", Role::Viewer).await;
    let canteen = db.add_user(&admin, "canteen1", Role::Canteen).await;
    let health = db.add_user(&admin, "health1", Role::Health).await;
    let social = db.add_user(&admin, "social1", Role::SocialWorker).await;
    let e = residents::create(desk, &viewer, person("王秀英", &id("19491231", "002"))).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let r = residents::create(desk, &social, person("王秀英", &id("19491231", "002"))).await.unwrap();
    assert_eq!(residents::search(desk, &viewer, &query("wxy")).await.unwrap().total, 1, "everyone may find");
    assert_eq!(residents::reveal(desk, &canteen, r.id).await.unwrap_err().code(), "forbidden");
    let before = db.count("audit_log").await;
    assert!(residents::reveal(desk, &health, r.id).await.unwrap().id_number.is_some());
    assert_eq!(db.count("audit_log").await, before + 1, "a reveal is audited");
    assert_eq!(categories::add_type(desk, &social, "计生特殊家庭").await.unwrap_err().code(), "forbidden");
    let t = categories::add_type(desk, &admin, "计生特殊家庭").await.unwrap();
    assert!(!t.builtin);
    assert_eq!(categories::add_type(desk, &admin, "计生特殊家庭").await.unwrap_err().code(), "conflict");
});

backend_test!(category_periods_end_and_delete, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let r = residents::create(desk, &admin, person("孙大妈", &id("19500101", "022"))).await.unwrap();
    let solo = categories::types(desk, &admin).await.unwrap().into_iter().find(|t| t.name == "独居").unwrap().id;
    let open = NewCategoryPeriod { category_type_id: solo, start_date: day(2024, 1, 1), end_date: None, note: None };
    categories::add(desk, &admin, r.id, open).await.unwrap();
    let shown = residents::get(desk, &admin, r.id).await.unwrap();
    assert!(shown.categories[0].current);
    let period = shown.categories[0].id;
    let e = categories::end(desk, &admin, period, day(2023, 12, 31)).await.unwrap_err();
    assert_eq!(e.field(), Some("endDate"));
    categories::end(desk, &admin, period, day(2026, 6, 30)).await.unwrap();
    let shown = residents::get(desk, &admin, r.id).await.unwrap();
    assert!(!shown.categories[0].current);
    assert_eq!(shown.categories[0].end_date, Some(day(2026, 6, 30)));
    // After the end a new period may start; the old one stays as history until deleted.
    let again = NewCategoryPeriod { category_type_id: solo, start_date: day(2026, 11, 1), end_date: None, note: None };
    categories::add(desk, &admin, r.id, again).await.unwrap();
    assert_eq!(residents::get(desk, &admin, r.id).await.unwrap().categories.len(), 2);
    categories::delete(desk, &admin, period).await.unwrap();
    assert_eq!(residents::get(desk, &admin, r.id).await.unwrap().categories.len(), 1);
    // A deactivated type stays on records but is no longer offered.
    assert!(!categories::set_type_active(desk, &admin, solo, false).await.unwrap().active);
    let other = residents::create(desk, &admin, person("孙大爷", &id("19490101", "011"))).await.unwrap();
    let late = NewCategoryPeriod { category_type_id: solo, start_date: day(2026, 1, 1), end_date: None, note: None };
    assert_eq!(categories::add(desk, &admin, other.id, late).await.unwrap_err().field(), Some("categoryTypeId"));
});

backend_test!(exports_are_masked_unless_a_role_that_may_reveals, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let canteen = db.add_user(&admin, "canteen1", Role::Canteen).await;
    let health = db.add_user(&admin, "health1", Role::Health).await;
    let number = id("19491231", "002");
    let mut wang = person("王秀英", &number);
    wang.phone = Some("13803561234".into());
    residents::create(desk, &admin, wang).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let texts = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        let sheet = caredesk_core::io::read_workbook("x.xlsx", &bytes).unwrap();
        sheet.rows.iter().flatten().filter_map(caredesk_core::io::clean::text).collect::<Vec<_>>().join(" ")
    };
    let all = ResidentQuery::default();
    let masked = dir.path().join("masked.xlsx");
    let s = residents::export::export_xlsx(desk, &canteen, &all, false, &masked).await.unwrap();
    assert_eq!((s.rows, s.revealed), (1, false));
    let text = texts(&masked);
    assert!(text.contains("138****1234") && !text.contains(&number) && !text.contains("13803561234"), "{text}");

    let refused = dir.path().join("refused.xlsx");
    let e = residents::export::export_xlsx(desk, &canteen, &all, true, &refused).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert!(!refused.exists(), "nothing is written for a refused export");

    let before = db.count("audit_log").await;
    let full = dir.path().join("full.xlsx");
    residents::export::export_xlsx(desk, &health, &all, true, &full).await.unwrap();
    let text = texts(&full);
    assert!(text.contains(&number) && text.contains("13803561234") && text.contains("妥善保管"), "{text}");
    assert_eq!(db.count("audit_log").await, before + 1, "every export is audited");
});
