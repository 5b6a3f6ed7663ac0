use sea_orm::entity::prelude::*;

/// A response: no time, no link to an invitation (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub consultation_id: String,
    pub locator: Option<String>,
    pub region: String,
    pub support: Option<String>,
    pub stage: String,
    pub answers: Option<String>,
    pub submitted: Option<String>,
    /// The status `submitted` is counted under.
    pub submitted_support: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
