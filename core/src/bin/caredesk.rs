//! `caredesk`: the CareDesk command line — the same core services as the app, without a window.
//! Errors go to stderr in Chinese with their code; the exit status is 1 (2 for bad arguments).

use caredesk_core::auth::{self, audit, Actor, NewUser, Role};
use caredesk_core::communities::{self, CommunityKind, CommunityNode, NewCommunity};
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{backup, db, Desk, Error, Location, Result};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "caredesk/canteen.rs"]
mod canteen_cli;
#[path = "caredesk/checkups.rs"]
mod checkups_cli;
#[path = "caredesk/childcare.rs"]
mod childcare_cli;
#[path = "caredesk/print.rs"]
mod print_cli;
#[path = "caredesk/report.rs"]
mod report_cli;
#[path = "caredesk/residents.rs"]
mod residents_cli;

#[derive(Parser)]
#[command(
    name = "caredesk",
    version,
    about = "一老一小服务台命令行 / CareDesk command line",
    long_about = "一老一小服务台命令行：与桌面程序使用同一套规则和数据。\n\
                  CareDesk command line: the same rules and data as the desktop app.\n\n\
                  需要登录的命令从环境变量 CAREDESK_PASSWORD 读取密码，没有时提示输入。\n\
                  Commands acting for a user read the password from CAREDESK_PASSWORD or prompt for it."
)]
struct Cli {
    /// 数据库：SQLite 文件路径或 postgres:// 地址；默认与桌面程序相同 / Database: SQLite path or postgres:// URL; default: the app's file
    #[arg(long, global = true, env = "CAREDESK_DATABASE_URL")]
    db: Option<String>,
    /// 以哪个用户的身份操作 / Act as this user
    #[arg(long, global = true, env = "CAREDESK_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 初始设置：街道办事处名称和管理员账户 / First-run set-up: office name and administrator
    Init {
        /// 街道办事处名称 / Office name, e.g. 中阳楼街道办事处
        #[arg(long)]
        office: String,
        /// 管理员用户名 / Administrator user name
        #[arg(long)]
        admin: String,
    },
    /// 升级数据库结构（打开时也会自动进行）/ Apply pending schema migrations
    Migrate,
    /// 备份数据库到文件（仅 SQLite）/ Back up the database to a file (SQLite only)
    Backup {
        /// 备份文件路径（不能已存在）/ Output file (must not exist)
        #[arg(long)]
        out: PathBuf,
    },
    /// 从备份文件恢复（先检查文件，并先备份当前数据）/ Restore from a backup file
    Restore {
        /// 备份文件 / Backup file
        file: PathBuf,
    },
    /// 用户管理 / Users
    #[command(subcommand)]
    Users(UsersCommand),
    /// 社区、网格、小区 / Communities, grids and compounds
    #[command(subcommand)]
    Communities(CommunitiesCommand),
    /// 操作日志 / Audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// 居民档案 / Residents registry
    #[command(subcommand)]
    Residents(residents_cli::ResidentsCommand),
    /// 社区食堂 / Community canteen
    #[command(subcommand)]
    Canteen(canteen_cli::CanteenCommand),
    /// 健康体检 / Health check-ups
    #[command(subcommand)]
    Checkups(checkups_cli::CheckupsCommand),
    /// 托育服务 / After-school care
    #[command(subcommand)]
    Childcare(childcare_cli::ChildcareCommand),
    /// 打印（生成 PDF）/ Printouts as PDF
    #[command(subcommand)]
    Print(print_cli::PrintCommand),
    /// 统计报表 / Reports
    #[command(subcommand)]
    Report(report_cli::ReportCommand),
    /// 在没有居民的数据库中生成演示数据（需管理员）/ Fill an empty database with realistic synthetic data (admin)
    Demo {
        /// 居民人数 / Number of residents
        #[arg(long, default_value_t = 2000)]
        residents: u32,
        /// 随机种子：相同种子生成相同数据 / Random seed: the same seed gives the same data
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// 输出 JSON / Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// 新增用户，新密码取自 CAREDESK_NEW_PASSWORD 或提示输入 / Add a user (password from CAREDESK_NEW_PASSWORD or prompt)
    Add {
        /// 用户名 / User name
        username: String,
        /// 角色：admin 管理员, canteen 食堂, health 卫生, childcare 托育, social_worker 社工, viewer 只读
        #[arg(long)]
        role: String,
        /// 姓名（默认同用户名）/ Display name (default: the user name)
        #[arg(long, default_value = "")]
        name: String,
    },
    /// 列出用户 / List users
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// 停用用户 / Disable a user
    Disable {
        /// 用户名 / User name
        username: String,
    },
}

#[derive(Subcommand)]
enum CommunitiesCommand {
    /// 新增社区、网格或小区 / Add a community, grid or compound
    Add {
        /// 名称 / Name
        name: String,
        /// 类型：社区/网格/小区 或 community/grid/compound / Kind
        #[arg(long, default_value = "community")]
        kind: String,
        /// 上级节点的编号（见 list）/ Parent node id (see list)
        #[arg(long)]
        parent: Option<i32>,
    },
    /// 以树形列出 / List as a tree
    List {
        /// 包括已停用的 / Include deactivated nodes
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// 从 CSV 导入（列：社区,网格,小区；UTF-8），全部成功或全部不写入 / Import from CSV, all or nothing
    Import {
        /// CSV 文件 / CSV file
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// 列出操作日志（最新在前）/ List audit rows, newest first
    List {
        /// 动作代码，如 login_failed / Action code
        #[arg(long)]
        action: Option<String>,
        /// 起始日期 YYYY-MM-DD / From date
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// 截止日期 YYYY-MM-DD / To date
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// 最多显示条数 / At most this many rows
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Args)]
struct JsonFlag {
    /// 输出 JSON / Print JSON
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&Error::Io(e.to_string())),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(e: &Error) -> ExitCode {
    eprintln!("错误 [{}]：{}", e.code(), e);
    if let Some(detail) = e.detail() {
        eprintln!("详情 / detail: {detail}");
    }
    ExitCode::FAILURE
}

async fn open(cli: &Cli) -> Result<Desk> {
    let location = match &cli.db {
        Some(url) => Location::parse(url)?,
        None => Location::SqliteFile(db::default_data_dir()?.join(db::DB_FILE_NAME)),
    };
    Ok(Desk::open(location).await?.with_origin(caredesk_core::Origin::CommandLine))
}

fn password_from_env_or_prompt(var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    // No terminal to type into (a scheduled task, a pipe): say how to give the password instead of
    // reporting a file error.
    rpassword::prompt_password(prompt).map_err(|_| {
        Error::invalid(
            "password_unreadable",
            "password",
            format!("无法读取密码：当前没有可以输入密码的终端。请在终端中运行，或用环境变量 {var} 提供密码"),
        )
    })
}

async fn sign_in(desk: &Desk, user: &Option<String>) -> Result<Actor> {
    let Some(username) = user else {
        return Err(Error::invalid("user_required", "user", "请用 --user 指定操作的用户（或设置 CAREDESK_USER）"));
    };
    let password = password_from_env_or_prompt("CAREDESK_PASSWORD", &format!("{username} 的密码 / password: "))?;
    Ok(auth::login(desk, username, &password).await?.actor().clone())
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Io(e.to_string()))?;
    println!("{text}");
    Ok(())
}

async fn run(cli: Cli) -> Result<()> {
    let desk = open(&cli).await?;
    // Restore replaces the open database, so it takes the desk by value.
    if let Command::Restore { file } = &cli.command {
        let actor = match sign_in(&desk, &cli.user).await {
            Ok(a) => a,
            Err(e) => {
                desk.close().await;
                return Err(e);
            }
        };
        let desk = backup::restore(desk, &actor, file).await?;
        println!("已从 {} 恢复；恢复前的数据已另存为备份", file.display());
        desk.close().await;
        return Ok(());
    }
    let result = dispatch(&cli, &desk).await;
    desk.close().await;
    result
}

async fn dispatch(cli: &Cli, desk: &Desk) -> Result<()> {
    match &cli.command {
        Command::Init { office, admin } => {
            let password = password_from_env_or_prompt("CAREDESK_PASSWORD", "管理员密码 / administrator password: ")?;
            let password_confirm = if std::env::var("CAREDESK_PASSWORD").is_ok() {
                password.clone()
            } else {
                password_from_env_or_prompt("CAREDESK_PASSWORD", "再输入一次 / again: ")?
            };
            settings::initialize(
                desk,
                SetupRequest { office_name: office.clone(), admin_username: admin.clone(), password, password_confirm },
            )
            .await?;
            println!("已完成初始设置：{office}，管理员 {admin}");
        }
        Command::Migrate => {
            // Opening the desk has applied every pending migration (after a backup).
            println!("数据库已是最新结构：{}", desk.location().describe());
        }
        Command::Backup { out } => {
            let actor = sign_in(desk, &cli.user).await?;
            let info = backup::export_to(desk, &actor, out).await?;
            println!("已备份到 {}（{} 字节）", info.file_name, info.size_bytes);
        }
        Command::Restore { .. } => {
            return Err(Error::Unsupported("内部错误：恢复命令应由 run 处理".into()));
        }
        Command::Users(cmd) => users(cli, desk, cmd).await?,
        Command::Communities(cmd) => communities_cmd(cli, desk, cmd).await?,
        Command::Residents(cmd) => residents_cli::run(cli, desk, cmd).await?,
        Command::Canteen(cmd) => canteen_cli::run(cli, desk, cmd).await?,
        Command::Checkups(cmd) => checkups_cli::run(cli, desk, cmd).await?,
        Command::Childcare(cmd) => childcare_cli::run(cli, desk, cmd).await?,
        Command::Print(cmd) => print_cli::run(cli, desk, cmd).await?,
        Command::Report(cmd) => report_cli::run(cli, desk, cmd).await?,
        Command::Demo { residents, seed, json } => {
            let actor = sign_in(desk, &cli.user).await?;
            let s = caredesk_core::demo::create(desk, &actor, *residents, *seed).await?;
            if *json {
                return print_json(&s);
            }
            println!(
                "已生成演示数据：{} 个社区，{} 户 {} 人（60 岁以上 {} 人，14 岁以下 {} 人），类别记录 {} 条，联系人 {} 条；\
                 食堂 {} 个，菜品 {} 道，就餐人 {} 人，长期订餐 {} 份，近 5 周预订 {} 份（已就餐 {} 份）；\
                 健康服务站 {} 个，体检活动 {} 次，邀请 {} 人次，体检结果 {} 份，随访 {} 次；\
                 托育项目 {} 个，在托儿童 {} 人，出勤 {} 人次；志愿服务队 {} 支，志愿者 {} 人，结对帮扶 {} 户，走访 {} 次，志愿活动 {} 次（已确认 {} 小时）",
                s.communities,
                s.households,
                s.residents,
                s.elderly_60_plus,
                s.children_under_14,
                s.category_periods,
                s.relations,
                s.canteens,
                s.dishes,
                s.diners,
                s.standing_orders,
                s.bookings,
                s.served_meals,
                s.health_stations,
                s.checkup_campaigns,
                s.checkup_invitations,
                s.checkup_results,
                s.followups,
                s.childcare_programs,
                s.childcare_children,
                s.childcare_attendance_days,
                s.volunteer_teams,
                s.volunteers,
                s.pairings,
                s.visits,
                s.volunteer_activities,
                caredesk_core::volunteers::activities::hours_text(s.volunteer_minutes)
            );
        }
        Command::Audit(AuditCommand::List { action, from, to, limit, out }) => {
            let actor = sign_in(desk, &cli.user).await?;
            let filter = audit::AuditFilter { user_id: None, action: action.clone(), from: *from, to: *to, page: 1, page_size: *limit };
            let page = audit::list(desk, &actor, &filter).await?;
            if out.json {
                print_json(&page)?;
            } else {
                for r in &page.rows {
                    println!(
                        "{}\t{}\t{}\t{}",
                        caredesk_core::clock::local(r.at).format("%Y-%m-%d %H:%M:%S"),
                        r.username.as_deref().unwrap_or("-"),
                        r.action_label,
                        r.detail.as_deref().unwrap_or("")
                    );
                }
                println!("共 {} 条，显示 {} 条", page.total, page.rows.len());
            }
        }
    }
    Ok(())
}

async fn users(cli: &Cli, desk: &Desk, cmd: &UsersCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        UsersCommand::Add { username, role, name } => {
            let role = Role::parse(role)?;
            let password = password_from_env_or_prompt("CAREDESK_NEW_PASSWORD", &format!("{username} 的新密码 / new password: "))?;
            let u =
                auth::add_user(desk, &actor, NewUser { username: username.clone(), display_name: name.clone(), role, password }).await?;
            println!("已新增用户 {}（{}）", u.username, u.role_label);
        }
        UsersCommand::List { out } => {
            let list = auth::list_users(desk, &actor).await?;
            if out.json {
                return print_json(&list);
            }
            for u in list {
                let status = if u.disabled {
                    "已停用"
                } else if u.locked_until.is_some() {
                    "锁定中"
                } else {
                    "正常"
                };
                println!("{}\t{}\t{}\t{}\t{}", u.id, u.username, u.display_name, u.role_label, status);
            }
        }
        UsersCommand::Disable { username } => {
            let list = auth::list_users(desk, &actor).await?;
            let target = list
                .iter()
                .find(|u| &u.username == username)
                .ok_or_else(|| Error::invalid("not_found", "username", format!("没有用户“{username}”")))?;
            auth::set_disabled(desk, &actor, target.id, true).await?;
            println!("已停用用户 {username}");
        }
    }
    Ok(())
}

async fn communities_cmd(cli: &Cli, desk: &Desk, cmd: &CommunitiesCommand) -> Result<()> {
    let actor = sign_in(desk, &cli.user).await?;
    match cmd {
        CommunitiesCommand::Add { name, kind, parent } => {
            let kind = CommunityKind::parse(kind)?;
            let n = communities::add(desk, &actor, NewCommunity { parent_id: *parent, kind, name: name.clone() }).await?;
            println!("已新增{}“{}”（编号 {}）", n.kind_label, n.name, n.id);
        }
        CommunitiesCommand::List { all, out } => {
            let tree = communities::tree(desk, &actor, *all).await?;
            if out.json {
                return print_json(&tree);
            }
            fn show(n: &CommunityNode, depth: usize) {
                let state = if n.active { "" } else { "（已停用）" };
                println!("{}{} {}［{}］{}", "  ".repeat(depth), n.id, n.name, n.kind_label, state);
                for c in &n.children {
                    show(c, depth + 1);
                }
            }
            tree.iter().for_each(|n| show(n, 0));
        }
        CommunitiesCommand::Import { file } => {
            let f = std::fs::File::open(file)
                .map_err(|e| Error::invalid("file_unreadable", "file", format!("无法打开 {}：{e}", file.display())))?;
            let s = communities::import_csv(desk, &actor, std::io::BufReader::new(f)).await?;
            println!("已导入 {} 行，新建 {} 个节点", s.rows, s.created);
        }
    }
    Ok(())
}
