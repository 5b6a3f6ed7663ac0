use crate::domain::ids::ConsultationId;
use sea_orm::entity::prelude::*;

/// A closed consultation's frozen figures (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_result")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    pub k: i32,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
