//! The audit log of staff actions: who, what, when. The actor is a signed-in
//! [`StaffUser`], so no respondent's request can ever write a row here; and
//! nothing a respondent wrote, nor any token, is ever recorded. Every entry is
//! written in the same transaction as the change it records.

use super::secrets;
use crate::domain::account::StaffUser;
use crate::domain::survey::editor::Op;
use crate::domain::survey::lifecycle::State;
use crate::error::AppError;
use crate::ssr::entities::audit_event as a;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

/// Every action the log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ConsultationCreate,
    ConsultationTexts,
    ConsultationDates,
    ConsultationState(State),
    SectionAdd,
    SectionMove,
    SectionDelete,
    SectionEdit,
    QuestionAdd,
    QuestionMove,
    QuestionDelete,
    QuestionEdit,
    GlossarySave,
    PartyCreate,
    PartyUpdate,
    ContactCreate,
    ContactUpdate,
    ContactsImport,
    InvitationsSend,
    RemindersSend,
    RemindersSchedule,
    WorkshopCreate,
    WorkshopUpdate,
    SummaryExport,
    RoundStart,
}

impl Action {
    /// The action a structural edit of the editor records.
    pub fn for_op(op: &Op) -> Action {
        match op {
            Op::AddSection => Action::SectionAdd,
            Op::MoveSection { .. } => Action::SectionMove,
            Op::DeleteSection { .. } => Action::SectionDelete,
            Op::AddQuestion { .. } => Action::QuestionAdd,
            Op::MoveQuestion { .. } => Action::QuestionMove,
            Op::DeleteQuestion { .. } => Action::QuestionDelete,
        }
    }

    pub fn code(self) -> String {
        match self {
            Action::ConsultationCreate => "consultation.create".into(),
            Action::ConsultationTexts => "consultation.texts".into(),
            Action::ConsultationDates => "consultation.dates".into(),
            Action::ConsultationState(s) => format!("consultation.{}", s.code()),
            Action::SectionAdd => "section.add".into(),
            Action::SectionMove => "section.move".into(),
            Action::SectionDelete => "section.delete".into(),
            Action::SectionEdit => "section.edit".into(),
            Action::QuestionAdd => "question.add".into(),
            Action::QuestionMove => "question.move".into(),
            Action::QuestionDelete => "question.delete".into(),
            Action::QuestionEdit => "question.edit".into(),
            Action::GlossarySave => "glossary.save".into(),
            Action::PartyCreate => "party.create".into(),
            Action::PartyUpdate => "party.update".into(),
            Action::ContactCreate => "contact.create".into(),
            Action::ContactUpdate => "contact.update".into(),
            Action::ContactsImport => "contacts.import".into(),
            Action::InvitationsSend => "invitations.send".into(),
            Action::RemindersSend => "reminders.send".into(),
            Action::RemindersSchedule => "reminders.schedule".into(),
            Action::WorkshopCreate => "workshop.create".into(),
            Action::WorkshopUpdate => "workshop.update".into(),
            Action::SummaryExport => "summary.export".into(),
            Action::RoundStart => "round.start".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Records `action` on `target` by `actor`; call it with the transaction of the change.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &StaffUser,
    action: Action,
    target: &str,
    detail: &str,
) -> Result<(), AppError> {
    a::Entity::insert(a::ActiveModel {
        id: Set(secrets::new_id()),
        at: Set(Utc::now()),
        actor: Set(actor.email.clone()),
        action: Set(action.code()),
        target: Set(target.to_string()),
        detail: Set(detail.chars().take(500).collect()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The latest `limit` entries, newest first.
pub async fn latest<C: ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<AuditEntry>, AppError> {
    Ok(a::Entity::find()
        .order_by_desc(a::Column::At)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| AuditEntry {
            at: m.at,
            actor: m.actor,
            action: m.action,
            target: m.target,
            detail: m.detail,
        })
        .collect())
}

/// Removes entries older than `before` (`CONSULTA_AUDIT_RETENTION_DAYS`).
pub async fn purge_before<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, AppError> {
    let res = a::Entity::delete_many()
        .filter(a::Column::At.lt(before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
