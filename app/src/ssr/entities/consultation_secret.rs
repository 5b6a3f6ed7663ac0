use crate::domain::ids::ConsultationId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_secret")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    /// Nonce and ciphertext (hex) of the per-consultation secret, sealed under the server key.
    pub sealed: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
