use crate::domain::constituency::Constituency;
use crate::domain::ids::ConsultationId;
use crate::domain::ids::ResponseId;
use crate::domain::response::Stage;
use crate::domain::response::{KeptRegion, Support};
use sea_orm::entity::prelude::*;

/// A response: no time, no link to an invitation (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ResponseId,
    pub consultation_id: ConsultationId,
    pub locator: Option<String>,
    pub region: KeptRegion,
    /// The respondent's constituency (Parties, a Committee, a kind of partner).
    pub constituency: Constituency,
    pub support: Option<Support>,
    pub stage: Stage,
    pub answers: Option<String>,
    pub submitted: Option<String>,
    /// The status `submitted` is counted under.
    pub submitted_support: Option<Support>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
