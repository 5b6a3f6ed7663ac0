//! Reminders sent by themselves, a number of days before a consultation's deadline.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ReminderSchedule {
    Table,
    ConsultationId,
    DaysBefore,
    /// Its reminders have been queued.
    Done,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReminderSchedule::Table)
                .col(string_len(ReminderSchedule::ConsultationId, 32))
                .col(integer(ReminderSchedule::DaysBefore))
                .col(boolean(ReminderSchedule::Done).default(false))
                .primary_key(
                    Index::create()
                        .col(ReminderSchedule::ConsultationId)
                        .col(ReminderSchedule::DaysBefore),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReminderSchedule::Table, ReminderSchedule::ConsultationId)
                        .to(Consultation::Table, Consultation::Id),
                )
                .to_owned(),
        )
        .await
    }
}
