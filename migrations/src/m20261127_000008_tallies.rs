//! Tallies: the counts summaries are made of, one row per consultation,
//! CITES region and declared donor/recipient status, changed in the
//! transaction that submits a response. A summary reads at most 24 rows per
//! consultation, never the responses. The counts are of answers only, by
//! the same two coarse attributes a response carries: nothing here links to
//! an invitation, a contact or a Party.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tally {
    Table,
    ConsultationId,
    Region,
    Support,
    /// JSON object: `"question|item"` → count of submitted responses.
    Counts,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    /// The status the submitted answers were counted under (the draft's
    /// status may change while a response is reopened).
    SubmittedSupport,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Tally::Table)
                .col(string_len(Tally::ConsultationId, 32))
                .col(string_len(Tally::Region, 16))
                .col(string_len(Tally::Support, 16))
                .col(text(Tally::Counts))
                .primary_key(
                    Index::create()
                        .col(Tally::ConsultationId)
                        .col(Tally::Region)
                        .col(Tally::Support),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .add_column(string_len_null(Response::SubmittedSupport, 16))
                .to_owned(),
        )
        .await?;
        // Responses submitted before: counted under their status.
        m.get_connection()
            .execute_unprepared(
                "UPDATE response SET submitted_support = support WHERE submitted IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .drop_column(Response::SubmittedSupport)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Tally::Table).to_owned())
            .await
    }
}
