//! Chinese names for synthetic residents: surnames in their real proportions (per mille of the
//! population, rounded), given names in the fashion of each generation, and a few rare characters
//! that printouts and fonts must cope with.

use rand::seq::IndexedRandom;
use rand::Rng;

pub const SURNAMES: &[(&str, u32)] = &[
    ("王", 71),
    ("李", 70),
    ("张", 67),
    ("刘", 54),
    ("陈", 45),
    ("杨", 31),
    ("黄", 22),
    ("赵", 20),
    ("吴", 19),
    ("周", 19),
    ("徐", 15),
    ("孙", 15),
    ("马", 14),
    ("朱", 13),
    ("胡", 13),
    ("郭", 12),
    ("何", 12),
    ("高", 11),
    ("林", 11),
    ("罗", 10),
    ("郑", 9),
    ("梁", 9),
    ("谢", 8),
    ("宋", 8),
    ("唐", 8),
    ("许", 7),
    ("韩", 7),
    ("冯", 7),
    ("邓", 7),
    ("曹", 7),
    ("彭", 6),
    ("曾", 6),
    ("肖", 6),
    ("田", 6),
    ("董", 6),
    ("袁", 5),
    ("潘", 5),
    ("于", 5),
    ("蒋", 5),
    ("蔡", 5),
    ("余", 5),
    ("杜", 5),
    ("叶", 4),
    ("程", 4),
    ("苏", 4),
    ("魏", 4),
    ("吕", 4),
    ("丁", 4),
    ("任", 4),
    ("沈", 4),
    ("武", 4),
    ("贾", 3),
    ("薛", 3),
    ("侯", 3),
    ("白", 3),
    ("段", 3),
    ("单", 1),
    ("解", 1),
    ("区", 1),
    ("仇", 1),
    ("翟", 1),
    ("欧阳", 1),
    ("司马", 1),
];

const ELDER_MALE: &[&str] = &[
    "建国", "国强", "志强", "德福", "长生", "保国", "福贵", "振华", "永庆", "有才", "建华", "树林", "天明", "金山", "玉林", "春生", "德胜",
    "满仓", "文斌", "守义",
];
const ELDER_FEMALE: &[&str] = &[
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "玉珍", "淑珍", "翠花", "金凤", "秀珍", "兰英", "素梅", "彩云", "桂芳", "淑英", "玉梅",
    "改娥", "俊英", "爱莲",
];
const ADULT_MALE: &[&str] = &["伟", "强", "军", "勇", "磊", "涛", "斌", "浩", "鹏", "超", "俊杰", "海涛", "志刚", "晓东", "建军"];
const ADULT_FEMALE: &[&str] = &["敏", "静", "丽", "燕", "艳", "娟", "霞", "红梅", "海燕", "丽娟", "晓琳", "雪梅", "婷", "慧", "佳"];
const CHILD_MALE: &[&str] = &["子轩", "浩然", "宇航", "俊熙", "思远", "梓豪", "一鸣", "皓轩", "博文", "沐阳", "睿", "昇", "堃", "喆"];
const CHILD_FEMALE: &[&str] = &["梓涵", "一诺", "欣怡", "雨桐", "梓萱", "诗涵", "可馨", "语汐", "若曦", "思彤", "淼", "䶮"];
/// Given names with characters outside the basic CJK block (Extension B), as real registries have.
const RARE: &[&str] = &["𠇔", "𠮷", "䶮"];

pub fn surname(rng: &mut impl Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (s, w) in SURNAMES {
        if pick < *w {
            return s;
        }
        pick -= w;
    }
    "王"
}

/// A given name for someone born in `year`.
pub fn given(rng: &mut impl Rng, year: i32, male: bool) -> String {
    if rng.random_range(0..500) == 0 {
        let base = if male { ADULT_MALE } else { ADULT_FEMALE };
        return format!("{}{}", base.choose(rng).unwrap_or(&"伟"), RARE.choose(rng).unwrap_or(&"𠇔"));
    }
    let pool = match (year, male) {
        (..=1966, true) => ELDER_MALE,
        (..=1966, false) => ELDER_FEMALE,
        (1967..=2009, true) => ADULT_MALE,
        (1967..=2009, false) => ADULT_FEMALE,
        (_, true) => CHILD_MALE,
        (_, false) => CHILD_FEMALE,
    };
    pool.choose(rng).copied().unwrap_or("明").to_string()
}
