//! `caredesk checkups …`: importing the hospital's result sheet.

use super::residents_cli::{said_dry_run, show_preview, show_result};
use super::{sign_in, Cli};
use caredesk_core::checkups::import;
use caredesk_core::residents::import::read_file;
use caredesk_core::{Desk, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CheckupsCommand {
    /// 从医院的 Excel（.xlsx/.xls）或 CSV 导入体检结果 / Import check-up results from the hospital's sheet
    Import {
        file: PathBuf,
        /// 只检查不写入 / Check only, write nothing
        #[arg(long)]
        dry_run: bool,
        /// 输出每一行的结果（JSON）/ Print every row's outcome as JSON
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(cli: &Cli, desk: &Desk, cmd: &CheckupsCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        CheckupsCommand::Import { file, dry_run, json } => {
            let (name, bytes) = read_file(file)?;
            let preview = import::preview(desk, &actor, &name, &bytes).await?;
            show_preview(&preview, *json)?;
            if *dry_run {
                said_dry_run(*json);
                return Ok(());
            }
            let result = import::commit(desk, &actor, &name, &bytes).await?;
            show_result(&result, *json);
        }
    }
    Ok(())
}
