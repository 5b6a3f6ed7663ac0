//! The `server` binary's command line, run for real. One test binary for
//! all of them (each links the whole server): `backup` is a module.

mod backup;

use std::process::Command;

fn server(db: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_server"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "error");
    c
}

#[test]
fn migrate_then_create_users_with_the_password_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = server(&db).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("migrations applied"));

    let out = server(&db)
        .args([
            "create-user",
            "--email",
            "Lead@Example.org",
            "--role",
            "organiser",
            "--region",
            "africa",
            "--region",
            "oceania",
        ])
        .env("CONSULTA_PASSWORD", "a long enough password")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "created organiser account lead@example.org"
    );

    // The same address again is refused.
    let out = server(&db)
        .args([
            "create-user",
            "--email",
            "lead@example.org",
            "--role",
            "secretariat",
        ])
        .env("CONSULTA_PASSWORD", "a long enough password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists"));

    // A short password is refused; the password never appears in any output.
    let out = server(&db)
        .args([
            "create-user",
            "--email",
            "x@example.org",
            "--role",
            "secretariat",
        ])
        .env("CONSULTA_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("at least 12 characters"), "{all}");
    assert!(!all.contains("short\n") && !all.contains("\"short\""));
}

#[test]
fn an_organiser_needs_a_region_and_arguments_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = server(&db)
        .args([
            "create-user",
            "--email",
            "o@example.org",
            "--role",
            "organiser",
        ])
        .env("CONSULTA_PASSWORD", "a long enough password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least one region"));
    let out = server(&db)
        .args(["create-user", "--email", "o@example.org", "--password", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never taken as arguments"));
}

#[test]
fn a_bad_configuration_value_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(&dir.path().join("x.db"))
        .arg("migrate")
        .env("LEPTOS_SITE_ADDR", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("LEPTOS_SITE_ADDR") && err.contains("not-an-address"),
        "{err}"
    );
}
