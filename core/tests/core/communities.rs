//! The community tree and its audit rows, on SQLite and PostgreSQL.

use crate::common;

use caredesk_core::auth::Role;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};

fn new(parent_id: Option<i32>, kind: CommunityKind, name: &str) -> NewCommunity {
    NewCommunity { parent_id, kind, name: name.into() }
}

backend_test!(builds_renames_and_deactivates_the_tree, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let shuangqiao = communities::add(desk, &admin, new(None, CommunityKind::Community, " 双桥社区 ")).await.unwrap();
    assert_eq!(shuangqiao.name, "双桥社区");
    let grid = communities::add(desk, &admin, new(Some(shuangqiao.id), CommunityKind::Grid, "第一网格")).await.unwrap();
    communities::add(desk, &admin, new(Some(grid.id), CommunityKind::Compound, "欣园小区")).await.unwrap();
    communities::add(desk, &admin, new(None, CommunityKind::Community, "方泰东社区")).await.unwrap();

    let tree = communities::tree(desk, &admin, false).await.unwrap();
    assert_eq!(tree.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["双桥社区", "方泰东社区"]);
    assert_eq!(tree[0].children[0].name, "第一网格");
    assert_eq!(tree[0].children[0].kind_label, "网格");
    assert_eq!(tree[0].children[0].children[0].name, "欣园小区");

    let renamed = communities::rename(desk, &admin, grid.id, "第一网格（东）").await.unwrap();
    assert_eq!(renamed.name, "第一网格（东）");
    communities::set_active(desk, &admin, shuangqiao.id, false).await.unwrap();
    let visible = communities::tree(desk, &admin, false).await.unwrap();
    assert_eq!(visible.len(), 1, "a deactivated community hides with its grids");
    let all = communities::tree(desk, &admin, true).await.unwrap();
    assert!(!all[0].active);
    // Nothing is deleted.
    assert_eq!(db.count("communities").await, 4);
    let e = communities::add(desk, &admin, new(Some(shuangqiao.id), CommunityKind::Grid, "第二网格")).await.unwrap_err();
    assert_eq!(e.code(), "parent_inactive");
    // A grid cannot be switched on under a switched-off community.
    communities::set_active(desk, &admin, grid.id, false).await.unwrap();
    let e = communities::set_active(desk, &admin, grid.id, true).await.unwrap_err();
    assert_eq!(e.code(), "parent_inactive");
    communities::set_active(desk, &admin, shuangqiao.id, true).await.unwrap();
    communities::set_active(desk, &admin, grid.id, true).await.unwrap();
    let tree = communities::tree(desk, &admin, false).await.unwrap();
    assert_eq!(tree[0].children[0].children.len(), 1);
});

backend_test!(refuses_bad_shapes_and_duplicates, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let c = communities::add(desk, &admin, new(None, CommunityKind::Community, "祥和社区")).await.unwrap();
    let g = communities::add(desk, &admin, new(Some(c.id), CommunityKind::Grid, "第一网格")).await.unwrap();
    let audit_before = db.count("audit_log").await;
    let cases = [
        (new(Some(g.id), CommunityKind::Grid, "子网格"), "invalid_parent", "kind"),
        (new(None, CommunityKind::Grid, "孤立网格"), "invalid_parent", "kind"),
        (new(Some(c.id), CommunityKind::Community, "社区中的社区"), "invalid_parent", "kind"),
        (new(None, CommunityKind::Community, "祥和社区"), "conflict", "name"),
        (new(Some(c.id), CommunityKind::Grid, "第一网格"), "conflict", "name"),
        (new(Some(c.id), CommunityKind::Grid, ""), "required", "name"),
        (new(Some(9999), CommunityKind::Grid, "幽灵"), "not_found", "parentId"),
    ];
    for (input, code, field) in cases {
        let e = communities::add(desk, &admin, input).await.unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
    }
    // The same grid name under another community is fine.
    let other = communities::add(desk, &admin, new(None, CommunityKind::Community, "尚义峰社区")).await.unwrap();
    communities::add(desk, &admin, new(Some(other.id), CommunityKind::Grid, "第一网格")).await.unwrap();
    // Refused actions wrote neither data nor audit rows.
    assert_eq!(db.count("communities").await, 4);
    assert_eq!(db.count("audit_log").await, audit_before + 2);
    let viewer = db.add_user(&admin, "chakan", Role::Viewer).await;
    assert_eq!(communities::tree(desk, &viewer, false).await.unwrap().len(), 2);
    let e = communities::add(desk, &viewer, new(None, CommunityKind::Community, "新社区")).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
});

backend_test!(csv_import_is_all_or_nothing, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let good = "社区,网格,小区\n双桥社区,第一网格,欣园小区\n双桥社区,第一网格,阳光小区\n双桥社区,,双桥小区\n方泰东社区,第二网格,\n";
    let s = communities::import_csv(desk, &admin, good.as_bytes()).await.unwrap();
    assert_eq!((s.rows, s.created), (4, 7));
    let audit_before = db.count("audit_log").await;
    // The last row is bad (a grid under a compound is impossible: empty community): nothing lands.
    let bad = "新社区,新网格,新小区\n另一社区,,\n,孤立网格,\n";
    let e = communities::import_csv(desk, &admin, bad.as_bytes()).await.unwrap_err();
    assert_eq!(e.code(), "required");
    assert_eq!(e.payload().row, Some(3));
    assert!(e.to_string().starts_with("第 3 行："), "{e}");
    assert_eq!(db.count("communities").await, 7);
    assert_eq!(db.count("audit_log").await, audit_before);
});
