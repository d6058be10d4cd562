//! `caredesk residents …`: search, import and export the registry.

use super::{print_json, sign_in, Cli};
use caredesk_core::auth::Actor;
use caredesk_core::communities;
use caredesk_core::residents::{self, categories, export, import, ImportOutcome, ImportPreview, ImportResult, ResidentQuery, Status};
use caredesk_core::{Desk, Error, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ResidentsCommand {
    /// 查找居民：姓名、拼音或首字母、证件号或电话后几位 / Find residents by name, pinyin, initials or number suffix
    Search {
        /// 查找内容，如 王秀英、wxy、1234 / What to look for
        query: String,
        /// 最多显示条数 / At most this many rows
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// 输出 JSON / Print JSON
        #[arg(long)]
        json: bool,
    },
    /// 从 Excel（.xlsx/.xls）或 CSV 导入居民 / Import residents from .xlsx, .xls or .csv
    Import {
        file: PathBuf,
        /// 只检查不写入 / Check only, write nothing
        #[arg(long)]
        dry_run: bool,
        /// 输出每一行的结果（JSON）/ Print every row's outcome as JSON
        #[arg(long)]
        json: bool,
    },
    /// 导出居民名单到 .xlsx / Export the (filtered) list to .xlsx
    Export {
        /// 输出文件 / Output file
        #[arg(long)]
        out: PathBuf,
        /// 关键词 / Search text
        #[arg(long)]
        text: Option<String>,
        /// 社区名称 / Community name
        #[arg(long)]
        community: Option<String>,
        /// 类别名称，如 低保 / Category name
        #[arg(long)]
        category: Option<String>,
        /// 最小年龄 / Minimum age
        #[arg(long)]
        age_min: Option<u32>,
        /// 最大年龄 / Maximum age
        #[arg(long)]
        age_max: Option<u32>,
        /// 状态：在册、迁出、去世；默认全部 / Status; all when absent
        #[arg(long)]
        status: Option<String>,
        /// 年龄和类别按此日期计算 YYYY-MM-DD / Date for ages and categories
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// 导出完整身份证号和电话（需相应角色，记入操作日志）/ Full ID numbers and phones (audited)
        #[arg(long)]
        reveal: bool,
    },
    /// 写出导入模板 .xlsx / Write the import template
    Template {
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &ResidentsCommand) -> Result<()> {
    if let ResidentsCommand::Template { out } = cmd {
        std::fs::write(out, import::template_xlsx()?)?;
        println!("已写出导入模板：{}", out.display());
        return Ok(());
    }
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        ResidentsCommand::Search { query, limit, json } => {
            let q = ResidentQuery { text: Some(query.clone()), page: 1, page_size: *limit, ..Default::default() };
            let page = residents::search(desk, &actor, &q).await?;
            if *json {
                return print_json(&page);
            }
            for r in &page.rows {
                println!(
                    "{}\t{}\t{}\t{}岁\t{}\t{}\t{}\t{}",
                    r.id,
                    r.name,
                    r.sex_label,
                    r.age.map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
                    r.id_number_masked.as_deref().unwrap_or("（无证件）"),
                    r.phone_masked.as_deref().unwrap_or("-"),
                    r.community_name.as_deref().unwrap_or("-"),
                    r.status_label
                );
            }
            println!("共找到 {} 人，显示 {} 人", page.total, page.rows.len());
        }
        ResidentsCommand::Import { file, dry_run, json } => import_file(desk, &actor, file, *dry_run, *json).await?,
        ResidentsCommand::Export { out, text, community, category, age_min, age_max, status, on, reveal } => {
            let q = ResidentQuery {
                text: text.clone(),
                community_id: match community {
                    Some(name) => Some(community_id(desk, &actor, name).await?),
                    None => None,
                },
                category_type_id: match category {
                    Some(name) => Some(category_id(desk, &actor, name).await?),
                    None => None,
                },
                age_min: *age_min,
                age_max: *age_max,
                on_date: *on,
                status: status.as_deref().map(Status::parse).transpose()?,
                ..Default::default()
            };
            let s = export::export_xlsx(desk, &actor, &q, *reveal, out).await?;
            println!("已导出 {} 人到 {}{}", s.rows, s.path, if s.revealed { "（含完整身份证号和电话）" } else { "" });
        }
        ResidentsCommand::Template { .. } => {}
    }
    Ok(())
}

async fn import_file(desk: &Desk, actor: &Actor, file: &std::path::Path, dry_run: bool, json: bool) -> Result<()> {
    let (name, bytes) = import::read_file(file)?;
    let preview = import::preview(desk, actor, &name, &bytes).await?;
    show_preview(&preview, json)?;
    if dry_run {
        said_dry_run(json);
        return Ok(());
    }
    let result = import::commit(desk, actor, &name, &bytes).await?;
    show_result(&result, json);
    Ok(())
}

/// Prints an import preview: the errors row by row and the counts, or the whole preview as JSON.
pub(super) fn show_preview(preview: &ImportPreview, json: bool) -> Result<()> {
    if json {
        return print_json(preview);
    }
    for r in preview.rows.iter().filter(|r| r.outcome == ImportOutcome::Error) {
        for e in &r.errors {
            let column = if e.column.is_empty() { String::new() } else { format!("［{}］", e.column) };
            eprintln!("第 {} 行{}：{}", r.row, column, e.message);
        }
    }
    for r in preview.rows.iter().filter(|r| !r.cleared.is_empty()) {
        println!("第 {} 行（{}）将清空：{}", r.row, r.name, r.cleared.join("、"));
    }
    let c = &preview.counts;
    println!("共 {} 行：新增 {}，更新 {}，无变化 {}，有错误 {}", c.total, c.new, c.update, c.unchanged, c.error);
    if c.clearing > 0 {
        println!("其中 {} 行会清空已有的信息（见上面“将清空”）；不想清空的，请在表中填上或删除整列", c.clearing);
    }
    if !preview.ignored_headers.is_empty() {
        println!("未导入的列：{}", preview.ignored_headers.join("、"));
    }
    Ok(())
}

pub(super) fn said_dry_run(json: bool) {
    if !json {
        println!("（仅检查，未写入任何数据）");
    }
}

pub(super) fn show_result(result: &ImportResult, json: bool) {
    if !json {
        println!(
            "已导入：新增 {}，更新 {}，无变化 {}；有错误未导入 {} 行",
            result.created, result.updated, result.unchanged, result.skipped
        );
    }
}

async fn community_id(desk: &Desk, actor: &Actor, name: &str) -> Result<i32> {
    communities::tree(desk, actor, true)
        .await?
        .into_iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .ok_or_else(|| Error::invalid("not_found", "community", format!("没有社区“{name}”")))
}

async fn category_id(desk: &Desk, actor: &Actor, name: &str) -> Result<i32> {
    categories::types(desk, actor)
        .await?
        .into_iter()
        .find(|t| t.name == name)
        .map(|t| t.id)
        .ok_or_else(|| Error::invalid("not_found", "category", format!("没有类别“{name}”")))
}
