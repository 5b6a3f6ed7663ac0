//! The glossary of common terms (Decision 19.41(a): "a common language and
//! clear definitions"), edited by the Secretariat.

use crate::domain::glossary::Term;
use crate::domain::survey::Text;
use crate::error::AppError;
use crate::ssr::entities::glossary_term as g;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder, sea_query::OnConflict,
};

fn to_domain(m: g::Model) -> Term {
    Term {
        key: m.key,
        term: Text {
            en: m.term_en,
            fr: m.term_fr,
            es: m.term_es,
        },
        definition: Text {
            en: m.definition_en,
            fr: m.definition_fr,
            es: m.definition_es,
        },
    }
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<Term>, AppError> {
    Ok(g::Entity::find()
        .order_by_asc(g::Column::Key)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn get(db: &DatabaseConnection, key: &str) -> Result<Term, AppError> {
    g::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .map(to_domain)
        .ok_or(AppError::NotFound)
}

/// Creates or replaces the term `t.key`.
pub async fn save(db: &DatabaseConnection, t: &Term) -> Result<(), AppError> {
    g::Entity::insert(g::ActiveModel {
        key: Set(t.key.clone()),
        term_en: Set(t.term.en.clone()),
        term_fr: Set(t.term.fr.clone()),
        term_es: Set(t.term.es.clone()),
        definition_en: Set(t.definition.en.clone()),
        definition_fr: Set(t.definition.fr.clone()),
        definition_es: Set(t.definition.es.clone()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(g::Column::Key)
            .update_columns([
                g::Column::TermEn,
                g::Column::TermFr,
                g::Column::TermEs,
                g::Column::DefinitionEn,
                g::Column::DefinitionFr,
                g::Column::DefinitionEs,
                g::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
