use crate::domain::ids::AccountId;
use crate::domain::ids::WorkshopId;
use sea_orm::entity::prelude::*;

/// The organisers assigned to a workshop.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_organiser")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workshop_id: WorkshopId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: AccountId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
