use crate::domain::constituency::Constituency;
use crate::domain::contact::ContactRole;
use crate::domain::ids::ContactId;
use crate::domain::ids::PartyCode;
use crate::domain::lang::Lang;
use crate::domain::region::Region;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ContactId,
    /// A Party's authority's Party; none for Committee members and partners.
    pub party_code: Option<PartyCode>,
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
    pub constituency: Constituency,
    /// A Committee member's represented region, or a partner's (if any).
    pub region: Option<Region>,
    /// A partner's organisation.
    pub organisation: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
