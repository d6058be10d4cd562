//! `caredesk print …`: the printouts as PDF files, the same documents the app prints.

use super::{sign_in, Cli};
use caredesk_core::canteen::model::Slot;
use caredesk_core::canteen::printing::{self, TicketRequest};
use caredesk_core::canteen::setup;
use caredesk_core::checkups;
use caredesk_core::print::PrintOutput;
use caredesk_core::volunteers;
use caredesk_core::{Desk, Error, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CanteenDay {
    /// 日期 YYYY-MM-DD / Date
    #[arg(long)]
    date: NaiveDate,
    /// 食堂名称或编号；只有一个食堂时可省略 / Canteen name or number (optional with one canteen)
    #[arg(long)]
    canteen: Option<String>,
    /// 输出 PDF 文件 / Output PDF file
    #[arg(long)]
    out: PathBuf,
}

#[derive(Subcommand)]
pub enum PrintCommand {
    /// 就餐名单 / The day's canteen list for one slot
    CanteenList {
        #[command(flatten)]
        day: CanteenDay,
        /// 餐别：breakfast/lunch/dinner 或 早餐/午餐/晚餐 / Slot
        #[arg(long, default_value = "lunch")]
        slot: String,
    },
    /// 厨房备餐单 / Kitchen sheet: portions per dish and tag
    KitchenSheet {
        #[command(flatten)]
        day: CanteenDay,
    },
    /// 送餐路线单（含电话和住址，记入操作日志）/ Delivery sheet (phones and addresses; audited)
    DeliverySheet {
        #[command(flatten)]
        day: CanteenDay,
    },
    /// 餐券，每页 10 张 / Meal tickets, 10 per page
    MealTickets {
        #[command(flatten)]
        day: CanteenDay,
        /// 打印到这一天（含）/ Last day, inclusive
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// 体检名单（证件号、电话已遮挡）/ A campaign's check-up list (masked IDs and phones)
    CheckupList {
        /// 体检活动编号 / Campaign number
        #[arg(long)]
        campaign: i32,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 体检通知单，每页 6 张 / Invitation slips, 6 per page
    Invitations {
        /// 体检活动编号 / Campaign number
        #[arg(long)]
        campaign: i32,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 托育每日签到签退表（记入操作日志）/ A program's daily sign-in and sign-out roster (audited)
    ChildcareRoster {
        /// 托育项目编号 / Program number
        #[arg(long)]
        program: i32,
        /// 日期，默认今天 / Day, today by default
        #[arg(long)]
        date: Option<NaiveDate>,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 接送卡和儿童签到卡，每页 8 张 / Pick-up and sign-in cards, 8 per page
    PickupCards {
        /// 托育项目编号 / Program number
        #[arg(long)]
        program: i32,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 托育联系单：未到和未接走的儿童及其接送人电话（记入操作日志）/ Children to call about, with phones (audited)
    ChildcareCalls {
        /// 托育项目编号 / Program number
        #[arg(long)]
        program: i32,
        /// 日期，默认今天 / Day, today by default
        #[arg(long)]
        date: Option<NaiveDate>,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 托育值班表（一个月）/ A program's staff duty grid for a month
    ChildcareDuty {
        /// 托育项目编号 / Program number
        #[arg(long)]
        program: i32,
        /// 月份，如 2026-12 / Month, e.g. 2026-12
        #[arg(long)]
        month: String,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 结对帮扶名单（最近走访与逾期标记）/ Pairings with their last visit and overdue marks
    Pairings {
        /// 截至日期，默认今天 / As of this day, today by default
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 逾期未走访名单（含志愿者电话，记入操作日志）/ Pairings not visited lately, with phones (audited)
    VisitsOverdue {
        /// 截至日期，默认今天 / As of this day, today by default
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 走访记录表，每位结对老人一页 / Visit forms, one page per paired elder
    VisitForms {
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 志愿活动签到表（每位报名者一行，附签到二维码）/ An activity's sign-in sheet with a QR per sign-up
    ActivitySignin {
        /// 活动编号 / Activity number
        #[arg(long)]
        activity: i32,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 出具志愿服务证明（编号 ZYZM-年份-序号，记入证明登记）/ Issue a numbered volunteer service proof
    VolunteerProof {
        /// 志愿者编号（如 ZY00012）或内部编号 / Volunteer number (ZY00012) or id
        #[arg(long)]
        volunteer: String,
        /// 开始日期 / From
        #[arg(long)]
        from: NaiveDate,
        /// 结束日期 / To
        #[arg(long)]
        to: NaiveDate,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
    /// 随访任务单（含健康数值，记入操作日志）/ Follow-up task list (health values; audited)
    Followups {
        /// 列出多少天内到期的任务（含已逾期），默认 7 / Tasks due within DAYS (overdue included)
        #[arg(long)]
        due_within: Option<u32>,
        /// 输出 PDF 文件 / Output PDF file
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &PrintCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    let (out, output) = match cmd {
        PrintCommand::CanteenList { day, slot } => {
            let c = setup::choose(desk, &actor, day.canteen.as_deref()).await?;
            (&day.out, printing::canteen_list(desk, &actor, c.id, day.date, Slot::parse(slot)?).await?)
        }
        PrintCommand::KitchenSheet { day } => {
            let c = setup::choose(desk, &actor, day.canteen.as_deref()).await?;
            (&day.out, printing::kitchen_sheet(desk, &actor, c.id, day.date).await?)
        }
        PrintCommand::DeliverySheet { day } => {
            let c = setup::choose(desk, &actor, day.canteen.as_deref()).await?;
            (&day.out, printing::delivery_sheet(desk, &actor, c.id, day.date).await?)
        }
        PrintCommand::MealTickets { day, to } => {
            let c = setup::choose(desk, &actor, day.canteen.as_deref()).await?;
            let request = TicketRequest { canteen_id: c.id, from: day.date, to: *to, diner_ids: vec![] };
            (&day.out, printing::meal_tickets(desk, &actor, request).await?)
        }
        PrintCommand::CheckupList { campaign, out } => (out, checkups::printing::checkup_list(desk, &actor, *campaign).await?),
        PrintCommand::Invitations { campaign, out } => (out, checkups::printing::invitation_slips(desk, &actor, *campaign).await?),
        PrintCommand::ChildcareRoster { program, date, out } => {
            let day = date.unwrap_or_else(|| desk.clock().today());
            (out, caredesk_core::childcare::printing::roster(desk, &actor, *program, day).await?)
        }
        PrintCommand::ChildcareCalls { program, date, out } => {
            let day = date.unwrap_or_else(|| desk.clock().today());
            (out, caredesk_core::childcare::printing::call_list(desk, &actor, *program, day).await?)
        }
        PrintCommand::ChildcareDuty { program, month, out } => {
            (out, caredesk_core::childcare::printing::duty(desk, &actor, *program, month).await?)
        }
        PrintCommand::PickupCards { program, out } => (out, caredesk_core::childcare::printing::cards(desk, &actor, *program).await?),
        PrintCommand::Pairings { as_of, out } => (out, volunteers::printing::pairings(desk, &actor, *as_of).await?),
        PrintCommand::VisitsOverdue { as_of, out } => (out, volunteers::printing::overdue(desk, &actor, *as_of).await?),
        PrintCommand::VisitForms { out } => (out, volunteers::printing::visit_forms(desk, &actor).await?),
        PrintCommand::ActivitySignin { activity, out } => (out, volunteers::printing::activity_signin(desk, &actor, *activity).await?),
        PrintCommand::VolunteerProof { volunteer, from, to, out } => {
            // The number is given for good: make sure the file can be written before taking one.
            std::fs::write(out, b"").map_err(|e| Error::Io(format!("无法写入 {}：{e}", out.display())))?;
            let volunteer_id = volunteers::registry::find_by_number(desk, &actor, volunteer).await?;
            let input = volunteers::proofs::ProofInput { volunteer_id, from: *from, to: *to };
            let issued = volunteers::proofs::issue_proof(desk, &actor, input).await?;
            println!("证明编号 {}：{}，{} 小时", issued.proof.number, issued.proof.volunteer_name, issued.proof.hours);
            (out, issued.pdf)
        }
        PrintCommand::Followups { due_within, out } => (out, checkups::printing::followup_list(desk, &actor, *due_within).await?),
    };
    write(out, &output)
}

fn write(out: &Path, output: &PrintOutput) -> Result<()> {
    std::fs::write(out, &output.bytes).map_err(|e| Error::Io(format!("无法写入 {}：{e}", out.display())))?;
    println!("已生成 {}（{} 页）", out.display(), output.pages);
    for note in &output.unprintable {
        eprintln!("注意：{note}");
    }
    Ok(())
}
