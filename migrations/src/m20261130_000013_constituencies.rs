//! Constituencies beyond Parties (Decision 19.41(b), 19.42): a contact is a
//! Party's authority (as before), a Committee member (the CITES region they
//! represent, no Party) or a partner organisation (its name, and optionally
//! the region where it mainly works; no Party). The constituency is the one
//! attribute besides the region that crosses into a response, and tallies
//! and kept free-text lists are kept per constituency, so that no
//! constituency's figures mix with another's.
//!
//! - `contact`: `party_code` may be empty (for Committee members and
//!   partners); new `constituency` (default `party`), `region`,
//!   `organisation`. On SQLite a column cannot lose NOT NULL, so the table
//!   is rebuilt as SQLite documents (new table, copy, drop, rename; the
//!   migrations run on a connection with foreign keys off, checked after).
//! - `response`: new `constituency` (default `party`).
//! - `tally`, `result_text`: new `constituency` (default `party`), part of
//!   the primary key.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
    PartyCode,
    Name,
    Email,
    Role,
    Lang,
    Active,
    Failing,
    FailureReason,
    CreatedAt,
    UpdatedAt,
    Version,
    Constituency,
    Region,
    Organisation,
}

#[derive(DeriveIden)]
enum ContactV13 {
    Table,
}

#[derive(DeriveIden)]
enum Party {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Region {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Constituency,
}

/// The stored code of Parties' constituency.
const PARTY: &str = "party";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// On SQLite too: the rebuilt tables appear whole or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let sqlite = m.get_database_backend() == DatabaseBackend::Sqlite;
        let db = m.get_connection();
        // contact
        if sqlite {
            m.create_table(
                Table::create()
                    .table(ContactV13::Table)
                    .col(string_len(Contact::Id, 32).primary_key())
                    .col(string_len_null(Contact::PartyCode, 2))
                    .col(text(Contact::Name))
                    .col(string_len(Contact::Email, 254))
                    .col(string_len(Contact::Role, 16))
                    .col(string_len(Contact::Lang, 2))
                    .col(boolean(Contact::Active).default(true))
                    .col(boolean(Contact::Failing).default(false))
                    .col(text_null(Contact::FailureReason))
                    .col(timestamp_with_time_zone(Contact::CreatedAt))
                    .col(timestamp_with_time_zone(Contact::UpdatedAt))
                    .col(integer(Contact::Version).default(0))
                    .col(string_len(Contact::Constituency, 24).default(PARTY))
                    .col(string_len_null(Contact::Region, 16))
                    .col(text_null(Contact::Organisation))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactV13::Table, Contact::PartyCode)
                            .to(Party::Table, Party::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactV13::Table, Contact::Region)
                            .to(Region::Table, Region::Code),
                    )
                    .to_owned(),
            )
            .await?;
            db.execute_unprepared(
                "INSERT INTO contact_v13 (id, party_code, name, email, role, lang, active, \
                 failing, failure_reason, created_at, updated_at, version) \
                 SELECT id, party_code, name, email, role, lang, active, failing, \
                 failure_reason, created_at, updated_at, version FROM contact",
            )
            .await?;
            db.execute_unprepared("DROP TABLE contact").await?;
            db.execute_unprepared("ALTER TABLE contact_v13 RENAME TO contact")
                .await?;
            m.create_index(
                Index::create()
                    .name("contact_party_email_idx")
                    .table(Contact::Table)
                    .col(Contact::PartyCode)
                    .col(Contact::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        } else {
            db.execute_unprepared("ALTER TABLE contact ALTER COLUMN party_code DROP NOT NULL")
                .await?;
            m.alter_table(
                Table::alter()
                    .table(Contact::Table)
                    .add_column(string_len(Contact::Constituency, 24).default(PARTY))
                    .add_column(string_len_null(Contact::Region, 16))
                    .add_column(text_null(Contact::Organisation))
                    .add_foreign_key(
                        TableForeignKey::new()
                            .name("contact_region_fkey")
                            .from_tbl(Contact::Table)
                            .from_col(Contact::Region)
                            .to_tbl(Region::Table)
                            .to_col(Region::Code),
                    )
                    .to_owned(),
            )
            .await?;
        }
        // Committee members and partners, found by constituency.
        m.create_index(
            Index::create()
                .name("contact_constituency_idx")
                .table(Contact::Table)
                .col(Contact::Constituency)
                .to_owned(),
        )
        .await?;
        // response
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .add_column(string_len(Response::Constituency, 24).default(PARTY))
                .to_owned(),
        )
        .await?;
        // tally and result_text: the constituency joins the primary key.
        if sqlite {
            db.execute_unprepared(
                "CREATE TABLE tally_v13 ( \
                 consultation_id varchar(32) NOT NULL, \
                 constituency varchar(24) NOT NULL DEFAULT 'party', \
                 region varchar(16) NOT NULL, \
                 support varchar(16) NOT NULL, \
                 counts text NOT NULL, \
                 PRIMARY KEY (consultation_id, constituency, region, support) )",
            )
            .await?;
            db.execute_unprepared(
                "INSERT INTO tally_v13 (consultation_id, constituency, region, support, counts) \
                 SELECT consultation_id, 'party', region, support, counts FROM tally",
            )
            .await?;
            db.execute_unprepared("DROP TABLE tally").await?;
            db.execute_unprepared("ALTER TABLE tally_v13 RENAME TO tally")
                .await?;
            db.execute_unprepared(
                "CREATE TABLE result_text_v13 ( \
                 consultation_id varchar(32) NOT NULL, \
                 question varchar(64) NOT NULL, \
                 constituency varchar(24) NOT NULL DEFAULT 'party', \
                 region varchar(16) NOT NULL, \
                 position integer NOT NULL, \
                 body text NOT NULL, \
                 lang varchar(2) NULL, \
                 PRIMARY KEY (consultation_id, question, constituency, region, position) )",
            )
            .await?;
            db.execute_unprepared(
                "INSERT INTO result_text_v13 \
                 (consultation_id, question, constituency, region, position, body, lang) \
                 SELECT consultation_id, question, 'party', region, position, body, lang \
                 FROM result_text",
            )
            .await?;
            db.execute_unprepared("DROP TABLE result_text").await?;
            db.execute_unprepared("ALTER TABLE result_text_v13 RENAME TO result_text")
                .await?;
        } else {
            for (table, key) in [
                ("tally", "consultation_id, constituency, region, support"),
                (
                    "result_text",
                    "consultation_id, question, constituency, region, position",
                ),
            ] {
                db.execute_unprepared(&format!(
                    "ALTER TABLE {table} ADD COLUMN constituency varchar(24) NOT NULL \
                     DEFAULT '{PARTY}'"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "DO $$ DECLARE n text; BEGIN \
                     SELECT conname INTO n FROM pg_constraint \
                     WHERE conrelid = '{table}'::regclass AND contype = 'p'; \
                     EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', n); END $$"
                ))
                .await?;
                db.execute_unprepared(&format!("ALTER TABLE {table} ADD PRIMARY KEY ({key})"))
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        // Committee members' and partners' contacts, responses and figures
        // have no place in the earlier schema.
        Err(DbErr::Migration(
            "the constituencies migration cannot be undone".into(),
        ))
    }
}
