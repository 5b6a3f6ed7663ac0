use crate::domain::ids::ConsultationId;
use sea_orm::entity::prelude::*;

/// How many responses were first submitted on a day: a plain counter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    pub submissions: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
