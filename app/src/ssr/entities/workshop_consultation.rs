use sea_orm::entity::prelude::*;

/// The consultations a workshop draws on.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_consultation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workshop_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
