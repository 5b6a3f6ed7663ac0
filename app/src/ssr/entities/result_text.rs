use crate::domain::constituency::Constituency;
use crate::domain::ids::ConsultationId;
use sea_orm::entity::prelude::*;

/// One free-text answer of a closed consultation, by question and region,
/// in an order of the question's own (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "result_text")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: ConsultationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub constituency: Constituency,
    #[sea_orm(primary_key, auto_increment = false)]
    pub region: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i64,
    pub body: String,
    pub lang: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
