//! Focal points (contacts) and invitations by e-mail.
//!
//! Anonymity (see README, "Anonymity"): the invitation side records *that*
//! an invitation was queued, sent, failed, opened or submitted — as flags,
//! never as times — and holds the private link only as a keyed digest. The
//! link itself is derived from a per-consultation secret kept sealed under
//! the server key (`consultation_secret`), deleted when the consultation
//! closes. The outbox holds no message text: the worker renders each message
//! when it delivers it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Party {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

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
    /// The last delivery was refused permanently (a bounce).
    Failing,
    FailureReason,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ConsultationSecret {
    Table,
    ConsultationId,
    /// The per-consultation secret, sealed (XChaCha20-Poly1305) under the server key.
    Sealed,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    ConsultationId,
    ContactId,
    /// Keyed digest of the private link's token (never the token).
    TokenDigest,
    Sent,
    Failed,
    FailureReason,
    Opened,
    Submitted,
    Withdrawn,
    RemindersSent,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    InvitationId,
    /// `invitation` or `reminder`.
    Kind,
    /// `queued`, `sending`, `sent` or `failed`.
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Contact::Table)
                .col(string_len(Contact::Id, 32).primary_key())
                .col(string_len(Contact::PartyCode, 2))
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
                .foreign_key(
                    ForeignKey::create()
                        .from(Contact::Table, Contact::PartyCode)
                        .to(Party::Table, Party::Code),
                )
                .to_owned(),
        )
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
        m.create_table(
            Table::create()
                .table(ConsultationSecret::Table)
                .col(string_len(ConsultationSecret::ConsultationId, 32).primary_key())
                .col(text(ConsultationSecret::Sealed))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ConsultationSecret::Table,
                            ConsultationSecret::ConsultationId,
                        )
                        .to(Consultation::Table, Consultation::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Invitation::Table)
                .col(string_len(Invitation::Id, 32).primary_key())
                .col(string_len(Invitation::ConsultationId, 32))
                .col(string_len(Invitation::ContactId, 32))
                .col(string_len(Invitation::TokenDigest, 64).unique_key())
                .col(boolean(Invitation::Sent).default(false))
                .col(boolean(Invitation::Failed).default(false))
                .col(text_null(Invitation::FailureReason))
                .col(boolean(Invitation::Opened).default(false))
                .col(boolean(Invitation::Submitted).default(false))
                .col(boolean(Invitation::Withdrawn).default(false))
                .col(integer(Invitation::RemindersSent).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::ConsultationId)
                        .to(Consultation::Table, Consultation::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::ContactId)
                        .to(Contact::Table, Contact::Id),
                )
                .to_owned(),
        )
        .await?;
        // One invitation per contact and consultation: sending twice never invites twice.
        m.create_index(
            Index::create()
                .name("invitation_once_idx")
                .table(Invitation::Table)
                .col(Invitation::ConsultationId)
                .col(Invitation::ContactId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(string_len(Outbox::Id, 32).primary_key())
                .col(string_len(Outbox::InvitationId, 32))
                .col(string_len(Outbox::Kind, 16))
                .col(string_len(Outbox::Status, 16))
                .col(integer(Outbox::Attempts).default(0))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                .col(timestamp_with_time_zone_null(Outbox::LeaseUntil))
                .col(text_null(Outbox::LastError))
                .foreign_key(
                    ForeignKey::create()
                        .from(Outbox::Table, Outbox::InvitationId)
                        .to(Invitation::Table, Invitation::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("outbox_due_idx")
                .table(Outbox::Table)
                .col(Outbox::Status)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await
    }
}
