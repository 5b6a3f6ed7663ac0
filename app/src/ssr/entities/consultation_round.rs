use crate::domain::ids::ConsultationId;
use sea_orm::entity::prelude::*;

/// A consultation that follows an earlier one as its next round (see the
/// migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_round")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    pub previous_id: ConsultationId,
    pub series_id: ConsultationId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
