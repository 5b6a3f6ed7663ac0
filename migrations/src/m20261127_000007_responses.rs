//! Responses, stored so that nobody holding the database can link one to an
//! invitation, a contact or a Party (README, "Anonymity: the response side").
//!
//! - A response is found through its `locator`: an HMAC under the
//!   per-consultation secret (sealed under the server key, deleted at
//!   close) of the Party or the invitation, in a domain of its own. The
//!   invitation side stores nothing it could be recomputed from, and after
//!   close the locator is erased as well.
//! - Ids are random and, on SQLite, the table is `WITHOUT ROWID`: rows are
//!   kept in the order of their random key, never in the order they were
//!   written (PostgreSQL's heap is rewritten in key order by housekeeping).
//! - No time of any kind on a response; only per-day counts of submissions
//!   per consultation, in a table of their own.
//! - No language either: the form's language is, most of the time, the
//!   contact's preferred language, and region × language can single out a
//!   Party (Equatorial Guinea is Africa's one Spanish-speaking Party).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    ConsultationId,
    /// HMAC(consultation secret, "response-locator" ‖ Party or invitation); NULL after close.
    Locator,
    /// The CITES region of the invitee's Party: the one attribute that crosses.
    Region,
    /// Donor/recipient status, declared by the respondent.
    Support,
    /// `draft`, `submitted` or `reopened`.
    Stage,
    /// The answers being written (JSON); NULL after close.
    Answers,
    /// The answers as last submitted (JSON): what counts.
    Submitted,
    /// Bumped by every save: a save names the version it read.
    Version,
}

#[derive(DeriveIden)]
enum ResponseDay {
    Table,
    ConsultationId,
    /// `YYYY-MM-DD` (UTC).
    Day,
    Submissions,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            m.get_connection()
                .execute_unprepared(
                    "CREATE TABLE response (
                        id TEXT NOT NULL PRIMARY KEY,
                        consultation_id TEXT NOT NULL,
                        locator TEXT NULL,
                        region TEXT NOT NULL,
                        support TEXT NULL,
                        stage TEXT NOT NULL,
                        answers TEXT NULL,
                        submitted TEXT NULL,
                        version INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID",
                )
                .await?;
        } else {
            m.create_table(
                Table::create()
                    .table(Response::Table)
                    .col(string_len(Response::Id, 32).primary_key())
                    .col(string_len(Response::ConsultationId, 32))
                    .col(string_len_null(Response::Locator, 64))
                    .col(string_len(Response::Region, 16))
                    .col(string_len_null(Response::Support, 16))
                    .col(string_len(Response::Stage, 10))
                    .col(text_null(Response::Answers))
                    .col(text_null(Response::Submitted))
                    .col(integer(Response::Version).default(0))
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("response_locator_idx")
                .table(Response::Table)
                .col(Response::Locator)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("response_consultation_idx")
                .table(Response::Table)
                .col(Response::ConsultationId)
                .col(Response::Stage)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ResponseDay::Table)
                .col(string_len(ResponseDay::ConsultationId, 32))
                .col(string_len(ResponseDay::Day, 10))
                .col(integer(ResponseDay::Submissions).default(0))
                .primary_key(
                    Index::create()
                        .col(ResponseDay::ConsultationId)
                        .col(ResponseDay::Day),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ResponseDay::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Response::Table).to_owned())
            .await
    }
}
