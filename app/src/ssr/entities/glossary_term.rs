use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "glossary_term")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub term_en: String,
    pub term_fr: String,
    pub term_es: String,
    pub definition_en: String,
    pub definition_fr: String,
    pub definition_es: String,
    pub updated_at: DateTimeUtc,
    /// Bumped by every write: a write names the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
