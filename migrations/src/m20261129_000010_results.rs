//! Results frozen at close. A consultation's figures are computed once,
//! when it closes, with disclosure control over every published table, and
//! kept here; summaries, exports and briefings read them, never the
//! responses or tallies of an open consultation (a table that changes as
//! responses arrive could be differenced). Free-text answers are kept per
//! question and region in an order drawn at random for each question.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsultationResult {
    Table,
    ConsultationId,
    /// The threshold k the figures were protected under.
    K,
    /// JSON: the summaries by every grouping, over every region.
    Body,
}

#[derive(DeriveIden)]
enum ResultText {
    Table,
    ConsultationId,
    Question,
    Region,
    /// A random 63-bit key: ordered by it, a list is in a random order of
    /// its question's own (never the submission order).
    Position,
    Body,
    /// The text's language, kept only where the group has at least k
    /// texts in it (else NULL: a rare language points to a Party).
    Lang,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ConsultationResult::Table)
                .col(string_len(ConsultationResult::ConsultationId, 32).primary_key())
                .col(integer(ConsultationResult::K))
                .col(text(ConsultationResult::Body))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ResultText::Table)
                .col(string_len(ResultText::ConsultationId, 32))
                .col(string_len(ResultText::Question, 64))
                .col(string_len(ResultText::Region, 16))
                .col(big_integer(ResultText::Position))
                .col(text(ResultText::Body))
                .col(string_len_null(ResultText::Lang, 2))
                .primary_key(
                    Index::create()
                        .col(ResultText::ConsultationId)
                        .col(ResultText::Question)
                        .col(ResultText::Region)
                        .col(ResultText::Position),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ResultText::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ConsultationResult::Table).to_owned())
            .await
    }
}
