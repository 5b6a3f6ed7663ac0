use crate::domain::ids::ConsultationId;
use crate::domain::survey::Decision;
use crate::domain::survey::lifecycle::State;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ConsultationId,
    pub state: State,
    pub decision: Decision,
    /// The survey, as a JSON document (`domain::survey::document`).
    pub document: String,
    pub opens_at: Option<DateTimeUtc>,
    pub deadline: Option<DateTimeUtc>,
    pub answers_started: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Bumped by every write: a write names the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
