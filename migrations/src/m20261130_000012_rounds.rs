//! Rounds: a consultation may follow an earlier one as its next round
//! (Decision 19.40: monitor and review the benefit of capacity-building).
//! One row per consultation that follows another: the round it follows
//! (each round is followed by at most one) and its series, named by the
//! first round's id. A first round has no row; the series of a
//! consultation with no row is its own id. Nothing here is about
//! responses: rounds are compared group by group, from each round's frozen
//! results, never response by response.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsultationRound {
    Table,
    ConsultationId,
    /// The round this one follows.
    PreviousId,
    /// The series: the first round's id.
    SeriesId,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ConsultationRound::Table)
                .col(string_len(ConsultationRound::ConsultationId, 32).primary_key())
                .col(string_len_uniq(ConsultationRound::PreviousId, 32))
                .col(string_len(ConsultationRound::SeriesId, 32))
                .foreign_key(
                    ForeignKey::create()
                        .from(ConsultationRound::Table, ConsultationRound::ConsultationId)
                        .to(Consultation::Table, Consultation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ConsultationRound::Table, ConsultationRound::PreviousId)
                        .to(Consultation::Table, Consultation::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ConsultationRound::Table, ConsultationRound::SeriesId)
                        .to(Consultation::Table, Consultation::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("consultation_round_series")
                .table(ConsultationRound::Table)
                .col(ConsultationRound::SeriesId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ConsultationRound::Table).to_owned())
            .await
    }
}
