//! How the domain's typed values are stored: ids, Party codes and coded enums
//! are text columns, read back through the same `parse` that reads them from a
//! path or a form. The domain keeps no database types; this is where its
//! types meet sea-orm (what `DeriveValueType` would write, for types declared
//! elsewhere). A stored value that no longer parses is an error, never a
//! default.

use crate::domain::account::Role;
use crate::domain::constituency::Constituency;
use crate::domain::contact::ContactRole;
use crate::domain::ids::{
    AccountId, AuditEventId, ConsultationId, ContactId, InvitationId, OutboxId, PartyCode,
    ResponseId, WorkshopId,
};
use crate::domain::lang::Lang;
use crate::domain::region::Region;
use crate::domain::response::{KeptRegion, Stage, Support};
use crate::domain::survey::Decision;
use crate::domain::survey::lifecycle::State;

/// Implements sea-orm's value traits for types stored as text: `$to` spells a
/// value, `$from` reads one (`Option`).
macro_rules! stored_as_text {
    ($( $ty:ty => $to:expr, $from:expr; )+) => {$(
        impl From<$ty> for sea_orm::Value {
            fn from(value: $ty) -> Self {
                let to: fn(&$ty) -> &str = $to;
                sea_orm::Value::String(Some(to(&value).to_owned()))
            }
        }

        impl sea_orm::TryGetable for $ty {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                idx: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                let text = String::try_get_by(res, idx)?;
                let from: fn(&str) -> Option<$ty> = $from;
                from(&text).ok_or_else(|| {
                    sea_orm::TryGetError::DbErr(sea_orm::DbErr::Type(format!(
                        "stored {} unreadable: {text:?}",
                        stringify!($ty)
                    )))
                })
            }
        }

        impl sea_orm::sea_query::ValueType for $ty {
            fn try_from(
                value: sea_orm::Value,
            ) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let text = <String as sea_orm::sea_query::ValueType>::try_from(value)?;
                let from: fn(&str) -> Option<$ty> = $from;
                from(&text).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($ty).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::String(sea_orm::sea_query::StringLen::None)
            }
        }

        impl sea_orm::sea_query::Nullable for $ty {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::IntoActiveValue<$ty> for $ty {
            fn into_active_value(self) -> sea_orm::ActiveValue<$ty> {
                sea_orm::ActiveValue::Set(self)
            }
        }

        impl sea_orm::sea_query::postgres_array::NotU8 for $ty {}

        impl sea_orm::TryFromU64 for $ty {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($ty)))
            }
        }
    )+};
}

stored_as_text! {
    ConsultationId => ConsultationId::as_str, ConsultationId::parse;
    WorkshopId => WorkshopId::as_str, WorkshopId::parse;
    ContactId => ContactId::as_str, ContactId::parse;
    InvitationId => InvitationId::as_str, InvitationId::parse;
    ResponseId => ResponseId::as_str, ResponseId::parse;
    AccountId => AccountId::as_str, AccountId::parse;
    OutboxId => OutboxId::as_str, OutboxId::parse;
    AuditEventId => AuditEventId::as_str, AuditEventId::parse;
    PartyCode => PartyCode::as_str, PartyCode::parse;
    Region => |r| r.code(), Region::parse;
    Role => |r| r.code(), Role::parse;
    Lang => |l| l.code(), Lang::parse;
}

stored_as_text! {
    Support => |s| s.code(), Support::parse;
    KeptRegion => |r| r.code(), KeptRegion::parse;
    Stage => |s| s.code(), Stage::parse;
    State => |s| s.code(), State::parse;
    Decision => |d| d.code(), Decision::parse;
    ContactRole => |r| r.code(), ContactRole::parse;
    Constituency => |c| c.code(), Constituency::parse;
}
