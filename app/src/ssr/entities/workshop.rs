use crate::domain::ids::WorkshopId;
use sea_orm::entity::prelude::*;

/// A workshop of Decision 19.43 (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: WorkshopId,
    pub title_en: String,
    pub title_fr: String,
    pub title_es: String,
    pub description_en: String,
    pub description_fr: String,
    pub description_es: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub venue: Option<String>,
    pub online: bool,
    pub languages: String,
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
