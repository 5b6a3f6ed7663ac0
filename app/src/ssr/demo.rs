//! Demo accounts for a first look at Consulta (only with `CONSULTA_DEMO=true`,
//! and only while no account exists).

use super::config::Config;
use super::services::{accounts, secrets};
use crate::domain::account::Role;
use crate::domain::region::Region;
use sea_orm::DatabaseConnection;

pub const SECRETARIAT_EMAIL: &str = "secretariat@demo.consulta.test";
pub const ORGANISER_EMAIL: &str = "organiser.africa@demo.consulta.test";

/// Creates the demo accounts on first start and returns what to print once:
/// `None` when accounts already exist.
pub async fn ensure_demo_accounts(
    db: &DatabaseConnection,
    cfg: &Config,
) -> Result<Option<String>, String> {
    if !cfg.demo || accounts::count(db).await.map_err(|e| e.to_string())? > 0 {
        return Ok(None);
    }
    let password = cfg
        .demo_password
        .clone()
        .unwrap_or_else(|| secrets::random_token()[..20].to_string());
    accounts::create(db, SECRETARIAT_EMAIL, Role::Secretariat, &[], &password)
        .await
        .map_err(|e| e.to_string())?;
    accounts::create(
        db,
        ORGANISER_EMAIL,
        Role::Organiser,
        &[Region::Africa],
        &password,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(Some(format!(
        "Demo accounts created (shown once):\n  Secretariat:            {SECRETARIAT_EMAIL}\n  Organiser (Africa):     {ORGANISER_EMAIL}\n  Password (both):        {password}"
    )))
}
