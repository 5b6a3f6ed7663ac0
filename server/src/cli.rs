//! `server [serve] | migrate | create-user --email … --role … [--region …] | backup PATH`.

use app::domain::account::Role;
use app::domain::region::Region;

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    CreateUser {
        email: String,
        role: Role,
        regions: Vec<Region>,
    },
    /// A consistent copy of the SQLite database into a new file.
    Backup {
        to: std::path::PathBuf,
    },
    Help,
}

pub const USAGE: &str = "\
usage: server [serve]            run the web server (the default)
       server migrate            apply pending database migrations and exit
       server create-user --email EMAIL --role secretariat|organiser [--region CODE]...
                                 create a staff account; the password is read from
                                 CONSULTA_PASSWORD or asked for (never an argument)
       server backup PATH        copy the SQLite database, while it is in use, into the
                                 new file PATH (never overwritten); on PostgreSQL use
                                 pg_dump (README: Operating, Backups)
region codes: africa asia csca europe north_america oceania
configuration: see README (DATABASE_URL, LEPTOS_SITE_ADDR, CONSULTA_*)";

pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter().map(String::as_str);
    match it.next() {
        None | Some("serve") => Ok(Command::Serve),
        Some("migrate") => Ok(Command::Migrate),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("create-user") => {
            let (mut email, mut role, mut regions) = (None, None, Vec::new());
            while let Some(flag) = it.next() {
                let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
                match flag {
                    "--email" => email = Some(value()?.to_string()),
                    "--role" => {
                        let v = value()?;
                        role = Some(v.parse::<Role>().map_err(|_| {
                            format!("--role {v:?}: expected secretariat or organiser")
                        })?)
                    }
                    "--region" => {
                        let v = value()?;
                        regions.push(
                            v.parse::<Region>()
                                .map_err(|_| format!("--region {v:?}: unknown region code"))?,
                        )
                    }
                    "--password" => {
                        return Err("passwords are never taken as arguments: set CONSULTA_PASSWORD or answer the prompt".into());
                    }
                    other => return Err(format!("unknown option {other:?}")),
                }
            }
            Ok(Command::CreateUser {
                email: email.ok_or("--email is required")?,
                role: role.ok_or("--role is required")?,
                regions,
            })
        }
        Some("backup") => {
            let to = match it.next() {
                None => return Err("backup needs a PATH: the new file to write".into()),
                Some(p) if p.starts_with('-') => {
                    return Err(format!(
                        "backup: unknown option {p:?} (usage: server backup PATH)"
                    ));
                }
                Some(p) => p,
            };
            if let Some(extra) = it.next() {
                return Err(format!(
                    "backup takes one PATH; unexpected {extra:?} after {to:?}"
                ));
            }
            Ok(Command::Backup { to: to.into() })
        }
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn commands() {
        assert_eq!(parse(&args("")), Ok(Command::Serve));
        assert_eq!(parse(&args("migrate")), Ok(Command::Migrate));
        assert_eq!(
            parse(&args(
                "create-user --email a@b.org --role organiser --region africa --region oceania"
            )),
            Ok(Command::CreateUser {
                email: "a@b.org".into(),
                role: Role::Organiser,
                regions: vec![Region::Africa, Region::Oceania]
            })
        );
        assert_eq!(
            parse(&args("backup /var/backups/consulta-2026-05-01.db")),
            Ok(Command::Backup {
                to: "/var/backups/consulta-2026-05-01.db".into()
            })
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert!(
            parse(&args("create-user --role secretariat"))
                .unwrap_err()
                .contains("--email")
        );
        assert!(
            parse(&args("create-user --email a@b.org --role admin"))
                .unwrap_err()
                .contains("admin")
        );
        assert!(
            parse(&args(
                "create-user --email a@b.org --role organiser --region mars"
            ))
            .unwrap_err()
            .contains("mars")
        );
        assert!(
            parse(&args("create-user --email a@b.org --password x"))
                .unwrap_err()
                .contains("never")
        );
        assert!(parse(&args("backup")).unwrap_err().contains("PATH"));
        assert!(
            parse(&args("backup a.db b.db"))
                .unwrap_err()
                .contains("b.db")
        );
        assert!(
            parse(&args("backup --force a.db"))
                .unwrap_err()
                .contains("--force")
        );
        assert!(
            parse(&args("frobnicate"))
                .unwrap_err()
                .contains("frobnicate")
        );
    }
}
