//! Repairs before Parties arrive: a version on every row an editor changes
//! (conditional writes, no lost update), and sign-in attempts counted
//! atomically under keyed digests, with the window start as plain seconds.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum Party {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum GlossaryTerm {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum SignInThrottle {
    Table,
}

#[derive(DeriveIden)]
enum SignInAttempt {
    Table,
    Key,
    Attempts,
    /// Seconds since the Unix epoch when the counting window began.
    WindowStart,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(Consultation::Table)
                .add_column(integer(Consultation::Version).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Party::Table)
                .add_column(integer(Party::Version).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(GlossaryTerm::Table)
                .add_column(integer(GlossaryTerm::Version).default(0))
                .to_owned(),
        )
        .await?;
        // Its keys were plain SHA-256 digests; the new table's are keyed.
        m.drop_table(Table::drop().table(SignInThrottle::Table).to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table(SignInAttempt::Table)
                .col(string_len(SignInAttempt::Key, 80).primary_key())
                .col(integer(SignInAttempt::Attempts))
                .col(big_integer(SignInAttempt::WindowStart))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("sign_in_attempt_window_idx")
                .table(SignInAttempt::Table)
                .col(SignInAttempt::WindowStart)
                .to_owned(),
        )
        .await
    }
}
