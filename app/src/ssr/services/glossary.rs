//! The glossary of common terms (Decision 19.41(a): "a common language and
//! clear definitions"), edited by the Secretariat.

use super::audit::{self, Action};
use crate::domain::account::StaffUser;
use crate::domain::glossary::Term;
use crate::domain::survey::Text;
use crate::error::AppError;
use crate::ssr::entities::glossary_term as g;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
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

/// The terms of `keys` (those a survey's questions link), in key order;
/// no query when there are none.
pub async fn list_keys(db: &DatabaseConnection, keys: &[&str]) -> Result<Vec<Term>, AppError> {
    if keys.is_empty() {
        return Ok(vec![]);
    }
    Ok(g::Entity::find()
        .filter(g::Column::Key.is_in(keys.iter().copied()))
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

/// Every term with its version (for the editor).
pub async fn list_versioned(db: &DatabaseConnection) -> Result<Vec<(Term, i32)>, AppError> {
    Ok(g::Entity::find()
        .order_by_asc(g::Column::Key)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let v = m.version;
            (to_domain(m), v)
        })
        .collect())
}

/// Adds the term `t.key` (`version` `None`; refused if the key is taken) or
/// changes it as of `version` (refused as stale if it changed since), and
/// records it in the audit log, in one transaction.
pub async fn save(
    db: &DatabaseConnection,
    actor: &StaffUser,
    t: &Term,
    version: Option<i32>,
) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let now = Utc::now();
    match version {
        None => {
            if g::Entity::find_by_id(t.key.clone())
                .one(&txn)
                .await?
                .is_some()
            {
                return Err(AppError::conflict("glossary-error-exists"));
            }
            g::Entity::insert(g::ActiveModel {
                key: Set(t.key.clone()),
                term_en: Set(t.term.en.clone()),
                term_fr: Set(t.term.fr.clone()),
                term_es: Set(t.term.es.clone()),
                definition_en: Set(t.definition.en.clone()),
                definition_fr: Set(t.definition.fr.clone()),
                definition_es: Set(t.definition.es.clone()),
                updated_at: Set(now),
                version: Set(0),
            })
            .exec(&txn)
            .await
            .map_err(|_| AppError::conflict("glossary-error-exists"))?;
        }
        Some(v) => {
            let res = g::Entity::update_many()
                .col_expr(g::Column::TermEn, Expr::value(t.term.en.clone()))
                .col_expr(g::Column::TermFr, Expr::value(t.term.fr.clone()))
                .col_expr(g::Column::TermEs, Expr::value(t.term.es.clone()))
                .col_expr(
                    g::Column::DefinitionEn,
                    Expr::value(t.definition.en.clone()),
                )
                .col_expr(
                    g::Column::DefinitionFr,
                    Expr::value(t.definition.fr.clone()),
                )
                .col_expr(
                    g::Column::DefinitionEs,
                    Expr::value(t.definition.es.clone()),
                )
                .col_expr(g::Column::UpdatedAt, Expr::value(now))
                .col_expr(g::Column::Version, Expr::value(v + 1))
                .filter(g::Column::Key.eq(t.key.clone()))
                .filter(g::Column::Version.eq(v))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::Stale);
            }
        }
    }
    audit::record(&txn, actor, Action::GlossarySave, &t.key, "").await?;
    txn.commit().await?;
    Ok(())
}
