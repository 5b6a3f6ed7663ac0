use crate::domain::ids::ConsultationId;
use crate::domain::ids::ContactId;
use crate::domain::ids::InvitationId;
use sea_orm::entity::prelude::*;

/// What happened to an invitation, as facts (flags), never as times.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: InvitationId,
    pub consultation_id: ConsultationId,
    pub contact_id: ContactId,
    /// Keyed digest of the private link's token.
    pub token_digest: String,
    pub sent: bool,
    pub failed: bool,
    pub failure_reason: Option<String>,
    pub opened: bool,
    pub submitted: bool,
    pub withdrawn: bool,
    pub reminders_sent: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
