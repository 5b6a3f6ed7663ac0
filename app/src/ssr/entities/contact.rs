use crate::domain::contact::ContactRole;
use crate::domain::ids::ContactId;
use crate::domain::ids::PartyCode;
use crate::domain::lang::Lang;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ContactId,
    pub party_code: PartyCode,
    pub name: String,
    pub email: String,
    pub role: ContactRole,
    pub lang: Lang,
    pub active: bool,
    pub failing: bool,
    pub failure_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
