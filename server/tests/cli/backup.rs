//! `server backup PATH`, run for real: a new file written and reported; an
//! existing one refused and kept; PostgreSQL refused, naming pg_dump; every
//! refusal a message and a non-zero exit, never a panic.

use std::process::{Command, Output};

fn server(database_url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_server"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error");
    c
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn backup_writes_a_new_file_and_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let out = server(&url).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let to = dir.path().join("backups/first.db");
    let out = server(&url)
        .args(["backup", to.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let bytes = std::fs::metadata(&to).unwrap().len();
    assert!(
        said.contains(&format!("backup written to {}", to.display()))
            && said.contains(&format!("{bytes} bytes"))
            && said.contains("server secret"),
        "{said}"
    );
    assert!(
        std::fs::read(&to)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );

    // Again to the same path: refused, the first copy kept as it was.
    let first = std::fs::read(&to).unwrap();
    let out = server(&url)
        .args(["backup", to.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert_eq!(std::fs::read(&to).unwrap(), first);

    // No database where DATABASE_URL points: refused, nothing created.
    let nowhere = dir.path().join("nowhere.db");
    let out = server(&format!("sqlite://{}", nowhere.display()))
        .args(["backup", dir.path().join("x.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
    assert!(!nowhere.exists() && !dir.path().join("x.db").exists());

    // PostgreSQL: refused before connecting, naming pg_dump and pg_restore.
    let out = server("postgres://consulta@127.0.0.1:1/consulta")
        .args(["backup", dir.path().join("pg.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("pg_dump --format=custom") && err.contains("pg_restore"),
        "{err}"
    );
    assert!(!dir.path().join("pg.db").exists());

    // No PATH: a usage error.
    let out = server(&url).arg("backup").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("PATH"));
}
