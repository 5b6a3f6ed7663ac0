use app::ssr::config::{Config, LogFormat};
use app::ssr::services::accounts;
use server::cli::{self, Command};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: server::memory::Allocator = server::memory::Allocator;

fn main() -> ExitCode {
    // Before the runtime's threads exist.
    server::memory::tune();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts")
        .block_on(run_main())
}

async fn run_main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let cfg = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(cfg.log_format);
    match run(command, cfg).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, cfg: Config) -> Result<(), String> {
    match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        Command::Migrate => {
            server::connect_and_migrate(&cfg)
                .await
                .map_err(|e| e.to_string())?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateUser {
            email,
            role,
            regions,
        } => {
            let password = match std::env::var("CONSULTA_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let p = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
                    let again = rpassword::prompt_password("Password again: ")
                        .map_err(|e| e.to_string())?;
                    if p != again {
                        return Err("the passwords differ".into());
                    }
                    p
                }
            };
            let db = server::connect_and_migrate(&cfg)
                .await
                .map_err(|e| e.to_string())?;
            let user = accounts::create(&db, cfg.password_cost, &email, role, &regions, &password)
                .await
                .map_err(|e| e.to_string())?;
            println!("created {} account {}", user.role.code(), user.email);
            Ok(())
        }
        Command::Backup { to } => {
            let written = app::ssr::backup::run(&cfg.database_url, &to)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "backup written to {} ({}, {} bytes)",
                written.path.display(),
                app::ssr::backup::human_size(written.bytes),
                written.bytes
            );
            println!(
                "it holds the whole database but not the server secret: keep the secret apart from backups"
            );
            Ok(())
        }
        Command::Serve => {
            let started = std::time::Instant::now();
            let outbox = match &cfg.mail.transport {
                app::ssr::mail::Transport::File { dir } => Some(dir.clone()),
                _ => None,
            };
            let running = server::start(cfg).await.map_err(|e| e.to_string())?;
            if let Some(banner) = &running.demo_banner {
                println!("{banner}");
            }
            let addr = running.addr;
            tracing::info!(%addr, ms = started.elapsed().as_millis() as u64, "listening");
            println!("Consulta is listening on http://{addr} (sign in at http://{addr}/sign-in)");
            if let Some(dir) = outbox {
                println!(
                    "E-mails (invitations, reminders) are written as .eml files in {}",
                    dir.display()
                );
            }
            running.wait().await.map_err(|e| e.to_string())
        }
    }
}

fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
