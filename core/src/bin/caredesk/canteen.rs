//! `caredesk canteen …`: the serving counter from the command line.

use super::{print_json, sign_in, Cli};
use caredesk_core::canteen::checkin;
use caredesk_core::money::yuan;
use caredesk_core::{Desk, Result};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum CanteenCommand {
    /// 核销餐券：CODE 为二维码内容 / Redeem a meal ticket; CODE is the QR text
    Redeem {
        code: String,
        /// 输出 JSON / Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &CanteenCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        CanteenCommand::Redeem { code, json } => {
            let b = checkin::redeem(desk, &actor, code).await?;
            if *json {
                return print_json(&b);
            }
            println!(
                "已核销：{} {} {}，{}，个人应付 {} 元（补贴 {} 元），{}",
                b.name,
                b.slot_label,
                b.meal,
                b.mode_label,
                yuan(b.payable),
                yuan(b.subsidy),
                b.served_time.as_deref().unwrap_or("")
            );
        }
    }
    Ok(())
}
