use crate::domain::ids::InvitationId;
use crate::domain::ids::OutboxId;
use sea_orm::entity::prelude::*;

/// A message to deliver. It holds no text: the worker renders the message
/// (with the private link, derived again) when it delivers it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: OutboxId,
    pub invitation_id: InvitationId,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
