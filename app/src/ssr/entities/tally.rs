use crate::domain::constituency::Constituency;
use crate::domain::ids::ConsultationId;
use crate::domain::response::KeptRegion;
use crate::domain::response::Support;
use sea_orm::entity::prelude::*;

/// One group's tallies of a consultation (see `domain::summary`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub constituency: Constituency,
    #[sea_orm(primary_key, auto_increment = false)]
    pub region: KeptRegion,
    #[sea_orm(primary_key, auto_increment = false)]
    pub support: Support,
    pub counts: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
