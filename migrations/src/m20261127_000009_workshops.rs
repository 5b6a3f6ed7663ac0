//! Workshops (Decision 19.43: technical workshops and regional
//! consultations): texts in EN/FR/ES, dates, venue or online, working
//! languages; the regions they serve, the consultations they draw on and
//! the organisers assigned to them. An organiser sees the summaries of a
//! consultation only through a workshop they are assigned to, and only for
//! that workshop's regions (that are also theirs).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workshop {
    Table,
    Id,
    TitleEn,
    TitleFr,
    TitleEs,
    DescriptionEn,
    DescriptionFr,
    DescriptionEs,
    StartsOn,
    EndsOn,
    /// Where it is held; NULL when online only.
    Venue,
    Online,
    /// Working languages, comma-separated codes (`en,fr`).
    Languages,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WorkshopRegion {
    Table,
    WorkshopId,
    RegionCode,
}

#[derive(DeriveIden)]
enum WorkshopConsultation {
    Table,
    WorkshopId,
    ConsultationId,
}

#[derive(DeriveIden)]
enum WorkshopOrganiser {
    Table,
    WorkshopId,
    AccountId,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Workshop::Table)
                .col(string_len(Workshop::Id, 32).primary_key())
                .col(text(Workshop::TitleEn))
                .col(text(Workshop::TitleFr))
                .col(text(Workshop::TitleEs))
                .col(text(Workshop::DescriptionEn))
                .col(text(Workshop::DescriptionFr))
                .col(text(Workshop::DescriptionEs))
                .col(date(Workshop::StartsOn))
                .col(date(Workshop::EndsOn))
                .col(text_null(Workshop::Venue))
                .col(boolean(Workshop::Online).default(false))
                .col(string_len(Workshop::Languages, 16))
                .col(integer(Workshop::Version).default(1))
                .col(timestamp_with_time_zone(Workshop::UpdatedAt))
                .to_owned(),
        )
        .await?;
        let link = |table: DynIden, left: DynIden, right: DynIden, to: DynIden, to_id: DynIden| {
            Table::create()
                .table(table.clone())
                .col(string_len(left.clone(), 32))
                .col(string_len(right.clone(), 36))
                .primary_key(Index::create().col(left.clone()).col(right.clone()))
                .foreign_key(
                    ForeignKey::create()
                        .from(table.clone(), left)
                        .to(Workshop::Table, Workshop::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(table, right)
                        .to(to, to_id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned()
        };
        m.create_table(
            Table::create()
                .table(WorkshopRegion::Table)
                .col(string_len(WorkshopRegion::WorkshopId, 32))
                .col(string_len(WorkshopRegion::RegionCode, 16))
                .primary_key(
                    Index::create()
                        .col(WorkshopRegion::WorkshopId)
                        .col(WorkshopRegion::RegionCode),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(WorkshopRegion::Table, WorkshopRegion::WorkshopId)
                        .to(Workshop::Table, Workshop::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(link(
            WorkshopConsultation::Table.into_iden(),
            WorkshopConsultation::WorkshopId.into_iden(),
            WorkshopConsultation::ConsultationId.into_iden(),
            Consultation::Table.into_iden(),
            Consultation::Id.into_iden(),
        ))
        .await?;
        m.create_table(link(
            WorkshopOrganiser::Table.into_iden(),
            WorkshopOrganiser::WorkshopId.into_iden(),
            WorkshopOrganiser::AccountId.into_iden(),
            Account::Table.into_iden(),
            Account::Id.into_iden(),
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            WorkshopOrganiser::Table.into_iden(),
            WorkshopConsultation::Table.into_iden(),
            WorkshopRegion::Table.into_iden(),
            Workshop::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
