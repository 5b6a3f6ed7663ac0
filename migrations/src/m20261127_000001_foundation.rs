//! Reference data (regions, Parties), staff accounts, sessions and sign-in throttling.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Region {
    Table,
    Code,
    NameEn,
    NameFr,
    NameEs,
    Position,
}

#[derive(DeriveIden)]
enum Party {
    Table,
    Code,
    RegionCode,
    NameEn,
    NameFr,
    NameEs,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccountRegion {
    Table,
    AccountId,
    RegionCode,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    IdHash,
    AccountId,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum SignInThrottle {
    Table,
    Key,
    Failures,
    WindowStartedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Region::Table)
                .col(string_len(Region::Code, 32).primary_key())
                .col(text(Region::NameEn))
                .col(text(Region::NameFr))
                .col(text(Region::NameEs))
                .col(integer(Region::Position))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Party::Table)
                .col(string_len(Party::Code, 8).primary_key())
                .col(string_len(Party::RegionCode, 32))
                .col(text(Party::NameEn))
                .col(text(Party::NameFr))
                .col(text(Party::NameEs))
                .col(timestamp_with_time_zone(Party::CreatedAt))
                .col(timestamp_with_time_zone(Party::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Party::Table, Party::RegionCode)
                        .to(Region::Table, Region::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("party_region_idx")
                .table(Party::Table)
                .col(Party::RegionCode)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Account::Table)
                .col(string_len(Account::Id, 36).primary_key())
                .col(string_len_uniq(Account::Email, 254))
                .col(text(Account::PasswordHash))
                .col(string_len(Account::Role, 16))
                .col(boolean(Account::Disabled).default(false))
                .col(timestamp_with_time_zone(Account::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AccountRegion::Table)
                .col(string_len(AccountRegion::AccountId, 36))
                .col(string_len(AccountRegion::RegionCode, 32))
                .primary_key(
                    Index::create()
                        .col(AccountRegion::AccountId)
                        .col(AccountRegion::RegionCode),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AccountRegion::Table, AccountRegion::AccountId)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AccountRegion::Table, AccountRegion::RegionCode)
                        .to(Region::Table, Region::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string_len(Session::IdHash, 64).primary_key())
                .col(string_len(Session::AccountId, 36))
                .col(timestamp_with_time_zone(Session::CreatedAt))
                .col(timestamp_with_time_zone(Session::LastSeenAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Session::Table, Session::AccountId)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("session_account_idx")
                .table(Session::Table)
                .col(Session::AccountId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SignInThrottle::Table)
                .col(string_len(SignInThrottle::Key, 80).primary_key())
                .col(integer(SignInThrottle::Failures))
                .col(timestamp_with_time_zone(SignInThrottle::WindowStartedAt))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
