//! PostgreSQL: `invitation` pages are filled to 30% only (fillfactor 30),
//! so that an UPDATE of an invitation (opened, submitted, sent…) writes the
//! row's new version on its own page instead of wherever the heap has room
//! — after the others, in the order people answered — and the row-order
//! pass, which writes a new version of every row of a page at once, finds
//! room for them there too (about 12 invitations a page instead of 36). The row-order pass
//! (`app::ssr::services::row_order`) then only has to put each page's rows
//! back in key order, in place, with row locks; it never moves them. The
//! table is rewritten once here (in key order) so that the pages already
//! written get that room too: one ACCESS EXCLUSIVE lock, at the upgrade,
//! before this server serves. SQLite updates rows in place: nothing to do.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = m.get_connection();
        db.execute_unprepared("ALTER TABLE invitation SET (fillfactor = 30)")
            .await?;
        db.execute_unprepared("CLUSTER invitation USING invitation_pkey")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        m.get_connection()
            .execute_unprepared("ALTER TABLE invitation RESET (fillfactor)")
            .await?;
        Ok(())
    }
}
