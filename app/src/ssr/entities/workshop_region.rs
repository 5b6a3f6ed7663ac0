use crate::domain::ids::WorkshopId;
use crate::domain::region::Region;
use sea_orm::entity::prelude::*;

/// The regions a workshop serves.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_region")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workshop_id: WorkshopId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub region_code: Region,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
