//! `caredesk childcare …`: the after-school care desk from the command line, for scripts and tests.

use super::{print_json, sign_in, Cli};
use caredesk_core::childcare::desk::{self, DeskChild, DeskScan, SignOutInput};
use caredesk_core::childcare::enrolment;
use caredesk_core::childcare::model::ArrivalMode;
use caredesk_core::{Desk, Result};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum ChildcareCommand {
    /// 扫描卡片：儿童卡签到，接送卡签退该儿童 / Scan a card: a child's card signs in, a pick-up card signs out
    Scan {
        code: String,
        /// 到达方式：parent/on_own/volunteer 或 家长送/自行到达/志愿者从学校接 / How the child came
        #[arg(long, default_value = "parent")]
        mode: String,
        /// 输出 JSON / Print JSON
        #[arg(long)]
        json: bool,
    },
    /// 签退：由接送人 PERSON 接走儿童（报名编号 CHILD）/ Sign a child out to a pick-up person
    SignOut {
        /// 报名编号 / Enrolment number
        #[arg(long)]
        child: i32,
        /// 接送人编号 / Pick-up person number
        #[arg(long)]
        person: i32,
        /// 输出 JSON / Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &ChildcareCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        ChildcareCommand::Scan { code, mode, json } => {
            let card = caredesk_core::childcare::cards::enrolment_of_code(desk, code).await?;
            let program = enrolment::enrolment(desk, &actor, card).await?.program_id;
            let result = desk::scan(desk, &actor, program, code, ArrivalMode::parse(mode)?).await?;
            if *json {
                return print_json(&result);
            }
            match result {
                DeskScan::SignedIn { child } => println!("已签到：{} {}", child.name, child.arrived_at.unwrap_or_default()),
                DeskScan::SignedOut { child } => print_signed_out(&child),
                DeskScan::Matches { children } => println!("找到 {} 名儿童", children.len()),
            }
        }
        ChildcareCommand::SignOut { child, person, json } => {
            let input = SignOutInput { person_id: Some(*person), alone: false, emergency: false };
            let out = desk::sign_out(desk, &actor, *child, input).await?;
            if *json {
                return print_json(&out);
            }
            print_signed_out(&out);
        }
    }
    Ok(())
}

fn print_signed_out(child: &DeskChild) {
    let late = if child.late { "（晚接）" } else { "" };
    println!(
        "已签退：{} 由 {} 接走，{}{late}",
        child.name,
        child.left_with.as_deref().unwrap_or(""),
        child.left_at.as_deref().unwrap_or("")
    );
}
