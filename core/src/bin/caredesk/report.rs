//! `caredesk report …`: summaries for meetings and claims, as PDF or .xlsx.

use super::{sign_in, Cli};
use caredesk_core::canteen::{ledger, setup};
use caredesk_core::childcare::reports as childcare_reports;
use caredesk_core::volunteers::hours as volunteer_hours;
use caredesk_core::{Desk, Error, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 助餐补贴申领表（只计已核销的就餐）/ Monthly meal-subsidy claim (served meals only)
    CanteenMonth {
        /// 月份 YYYY-MM / Month
        #[arg(long)]
        month: String,
        /// 食堂名称或编号；只有一个食堂时可省略 / Canteen name or number
        #[arg(long)]
        canteen: Option<String>,
        /// 输出文件：.pdf 或 .xlsx / Output: .pdf or .xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// 托育月度出勤表 / A childcare program's monthly attendance
    ChildcareMonth {
        /// 托育项目编号 / Program number
        #[arg(long)]
        program: i32,
        /// 月份 YYYY-MM / Month
        #[arg(long)]
        month: String,
        /// 输出文件：.pdf 或 .xlsx / Output: .pdf or .xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// 志愿服务时长统计（活动、走访与更正）/ Volunteers' hours in a period
    VolunteerHours {
        /// 开始日期 / From
        #[arg(long)]
        from: chrono::NaiveDate,
        /// 结束日期 / To
        #[arg(long)]
        to: chrono::NaiveDate,
        /// 输出文件：.pdf 或 .xlsx / Output: .pdf or .xlsx
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &ReportCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        ReportCommand::CanteenMonth { month, canteen, out } => {
            let c = setup::choose(desk, &actor, canteen.as_deref()).await?;
            let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            let bytes = match ext.as_deref() {
                Some("pdf") => ledger::monthly_claim_pdf(desk, &actor, c.id, month).await?.bytes,
                Some("xlsx") => ledger::monthly_claim_xlsx(desk, &actor, c.id, month).await?,
                _ => return Err(Error::invalid("invalid_output", "out", "输出文件请以 .pdf 或 .xlsx 结尾")),
            };
            write(out, &bytes)?;
            let claim = ledger::monthly_claim(desk, &actor, c.id, month).await?;
            println!(
                "已生成 {}：{} {}，享受补贴 {} 人次，补贴合计 {} 元",
                out.display(),
                claim.canteen,
                claim.month,
                claim.subsidised_meals,
                caredesk_core::money::yuan(claim.subsidy)
            );
        }
        ReportCommand::ChildcareMonth { program, month, out } => {
            let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            let bytes = match ext.as_deref() {
                Some("pdf") => childcare_reports::month_pdf(desk, &actor, *program, month).await?.bytes,
                Some("xlsx") => childcare_reports::month_xlsx(desk, &actor, *program, month).await?,
                _ => return Err(Error::invalid("invalid_output", "out", "输出文件请以 .pdf 或 .xlsx 结尾")),
            };
            write(out, &bytes)?;
            let r = childcare_reports::month_report(desk, &actor, *program, month).await?;
            println!(
                "已生成 {}：{} {}，开放 {} 天，出勤 {} 人次，出勤率 {}",
                out.display(),
                r.program,
                r.month,
                r.open_days,
                r.total.attended,
                r.total.rate
            );
        }
        ReportCommand::VolunteerHours { from, to, out } => {
            let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            let bytes = match ext.as_deref() {
                Some("pdf") => volunteer_hours::hours_pdf(desk, &actor, *from, *to).await?.bytes,
                Some("xlsx") => volunteer_hours::hours_xlsx(desk, &actor, *from, *to).await?,
                _ => return Err(Error::invalid("invalid_output", "out", "输出文件请以 .pdf 或 .xlsx 结尾")),
            };
            write(out, &bytes)?;
            let r = volunteer_hours::hours_report(desk, &actor, *from, *to).await?;
            println!("已生成 {}：{} 名志愿者，合计 {} 小时", out.display(), r.rows.len(), r.total.hours);
        }
    }
    Ok(())
}

fn write(out: &std::path::Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(out, bytes).map_err(|e| Error::Io(format!("无法写入 {}：{e}", out.display())))
}
