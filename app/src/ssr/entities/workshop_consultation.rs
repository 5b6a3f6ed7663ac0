use crate::domain::ids::ConsultationId;
use crate::domain::ids::WorkshopId;
use sea_orm::entity::prelude::*;

/// The consultations a workshop draws on.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_consultation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workshop_id: WorkshopId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
