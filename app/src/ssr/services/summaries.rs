//! Summaries for organisers and the Secretariat: who may see which regions
//! of a consultation, the figures (from the tallies, with disclosure
//! control), free-text answers page by page for groups that are shown, and
//! the Secretariat's monitoring counters (never beside answers).

use super::consultations::{self, Consultation, Scope};
use super::{tallies, workshops};
use crate::domain::account::{Role, StaffUser};
use crate::domain::disclosure::{Figure, Threshold};
use crate::domain::ids::ConsultationId;
use crate::domain::region::Region;
use crate::domain::response::Support;
use crate::domain::summary::{self, Group, Grouping, Summary};
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Question, QuestionKind};
use crate::error::AppError;
use crate::ssr::entities::{contact, invitation as inv, party, response as r, response_day as rd};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A consultation as a viewer may summarise it.
#[derive(Debug, Clone)]
pub struct Viewable {
    pub consultation: Consultation,
    /// The regions whose groups the viewer may see.
    pub regions: Vec<Region>,
    /// Whether groupings across every region (overall, by status) are open
    /// to the viewer (the Secretariat).
    pub all_regions: bool,
}

impl Viewable {
    /// The groupings this viewer is offered.
    pub fn groupings(&self) -> Vec<Grouping> {
        if self.all_regions {
            Grouping::ALL.to_vec()
        } else {
            vec![Grouping::Region, Grouping::RegionSupport]
        }
    }

    /// `asked` if offered, else the first grouping offered.
    pub fn grouping(&self, asked: Option<Grouping>) -> Grouping {
        let offered = self.groupings();
        asked.filter(|g| offered.contains(g)).unwrap_or(offered[0])
    }
}

/// Consultation `id` as `user` may summarise it; not found when the user
/// may see none of its regions (an organiser not assigned to a workshop
/// drawing on it), or when it was never opened to answers.
pub async fn viewable(
    db: &DatabaseConnection,
    user: &StaffUser,
    id: &ConsultationId,
) -> Result<Viewable, AppError> {
    let regions = workshops::summary_regions(db, user, id).await?;
    if regions.is_empty() {
        return Err(AppError::NotFound);
    }
    let consultation = consultations::get(db, &Scope::All, id).await?;
    if consultation.state == State::Draft {
        return Err(AppError::NotFound);
    }
    Ok(Viewable {
        consultation,
        regions,
        all_regions: user.role == Role::Secretariat,
    })
}

/// The consultations `user` may summarise (with their regions).
pub async fn list(db: &DatabaseConnection, user: &StaffUser) -> Result<Vec<Viewable>, AppError> {
    let mut out = Vec::new();
    for c in consultations::list(db, &Scope::All).await? {
        if c.state == State::Draft {
            continue;
        }
        let regions = workshops::summary_regions(db, user, &c.id).await?;
        if !regions.is_empty() {
            out.push(Viewable {
                consultation: c,
                regions,
                all_regions: user.role == Role::Secretariat,
            });
        }
    }
    Ok(out)
}

/// The summaries of `v` by each of `groupings` under threshold `k`, from
/// the tallies (read once).
pub async fn summaries(
    db: &DatabaseConnection,
    v: &Viewable,
    groupings: &[Grouping],
    k: Threshold,
) -> Result<Vec<Summary>, AppError> {
    let t = tallies::read(db, &v.consultation.id).await?;
    Ok(groupings
        .iter()
        .map(|g| {
            summary::summarise(
                &v.consultation.survey,
                &t,
                v.grouping(Some(*g)),
                &v.regions,
                k,
            )
        })
        .collect())
}

/// Free-text answers per page.
pub const TEXTS_PER_PAGE: u64 = 25;

/// One page of a group's free-text answers to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// Fewer than k answered in the group (or it is withheld to protect
    /// another): no text is shown.
    pub withheld: bool,
    /// How many answered in the group (0 when withheld).
    pub n: u64,
    pub page: u64,
    pub pages: u64,
    pub texts: Vec<String>,
}

/// Whether `q` has free text to read: text questions, and a single choice's
/// "other".
pub fn has_texts(q: &Question) -> bool {
    matches!(
        q.kind,
        QuestionKind::ShortText { .. }
            | QuestionKind::LongText { .. }
            | QuestionKind::SingleChoice { other: true, .. }
    )
}

/// Page `page` (1-based) of the free-text answers of `group` to question
/// `question`, when the group is shown (at least `k` answered, and not
/// withheld to protect another group). Ordered by the responses' random
/// ids: an order unrelated to when they were submitted.
pub async fn texts(
    db: &DatabaseConnection,
    v: &Viewable,
    question: &str,
    group: Group,
    page: u64,
    k: Threshold,
) -> Result<Texts, AppError> {
    let q = v
        .consultation
        .survey
        .questions()
        .find(|q| q.id == question)
        .filter(|q| has_texts(q))
        .ok_or(AppError::NotFound)?;
    // The group must be one this viewer may see, in a grouping they have.
    let (grouping, figure) = match (group.region, group.support) {
        (None, None) => (Grouping::Overall, Figure::Total),
        (Some(r), None) => (Grouping::Region, Figure::Row(row(r))),
        (None, Some(s)) => (Grouping::Support, Figure::Column(column(s))),
        (Some(r), Some(s)) => (Grouping::RegionSupport, Figure::Cell(row(r), column(s))),
    };
    if !v.groupings().contains(&grouping) || group.region.is_some_and(|r| !v.regions.contains(&r)) {
        return Err(AppError::NotFound);
    }
    let t = tallies::read(db, &v.consultation.id).await?;
    // The texts of a single choice's "other" are counted under its item.
    let item = match q.kind {
        QuestionKind::SingleChoice { .. } => crate::domain::survey::answers::OTHER,
        _ => summary::TEXT,
    };
    let table = t.table(&q.id, item);
    let pattern = crate::domain::disclosure::protect(&table, k);
    if !pattern.shown(figure) {
        return Ok(Texts {
            withheld: true,
            n: 0,
            page: 1,
            pages: 1,
            texts: vec![],
        });
    }
    let n = table.size(figure);
    let pages = n.div_ceil(TEXTS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let texts = read_texts(db, &v.consultation.id, &q.id, group, page).await?;
    Ok(Texts {
        withheld: false,
        n,
        page,
        pages,
        texts,
    })
}

fn row(r: Region) -> usize {
    Region::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

fn column(s: Support) -> usize {
    Support::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

async fn read_texts(
    db: &DatabaseConnection,
    id: &ConsultationId,
    question: &str,
    group: Group,
    page: u64,
) -> Result<Vec<String>, AppError> {
    let backend = db.get_database_backend();
    let postgres = backend == sea_orm::DatabaseBackend::Postgres;
    // The answer's kind and text: {"t": "text" | "other", "v": "…"}.
    let (kind, value, mut values): (String, String, Vec<sea_orm::Value>) = if postgres {
        (
            "(submitted::jsonb -> $2 ->> 't')".into(),
            "(submitted::jsonb -> $2 ->> 'v')".into(),
            vec![id.as_str().into(), question.into()],
        )
    } else {
        let path = format!("$.\"{question}\"");
        (
            "json_extract(submitted, ? || '.t')".into(),
            "json_extract(submitted, ? || '.v')".into(),
            vec![path.clone().into(), id.as_str().into(), path.into()],
        )
    };
    let mut sql = if postgres {
        format!(
            "SELECT {value} AS text FROM response WHERE consultation_id = $1 \
             AND submitted IS NOT NULL AND {kind} IN ('text', 'other')"
        )
    } else {
        // Placeholders in order: value's path, consultation, kind's path.
        format!(
            "SELECT {value} AS text FROM response WHERE consultation_id = ? \
             AND submitted IS NOT NULL AND {kind} IN ('text', 'other')"
        )
    };
    let mut next = 3;
    let mut param = |sql: &mut String, v: sea_orm::Value, values: &mut Vec<sea_orm::Value>| {
        if postgres {
            sql.push_str(&format!("${next}"));
            next += 1;
        } else {
            sql.push('?');
        }
        values.push(v);
    };
    if let Some(r) = group.region {
        sql.push_str(" AND region = ");
        param(&mut sql, r.code().into(), &mut values);
    }
    if let Some(s) = group.support {
        sql.push_str(" AND submitted_support = ");
        param(&mut sql, s.code().into(), &mut values);
    }
    sql.push_str(&format!(
        " ORDER BY id LIMIT {TEXTS_PER_PAGE} OFFSET {}",
        (page - 1) * TEXTS_PER_PAGE
    ));
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| row.try_get::<Option<String>>("", "text").ok().flatten())
        .filter(|t| !t.trim().is_empty())
        .collect())
}

/// The Secretariat's counters for one consultation: per region, the
/// Parties (or people) invited, those who submitted, and the responses
/// received; and submissions per day. Never shown with answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitoring {
    /// (region, invited, submitted per the invitations, responses received).
    pub regions: Vec<(Region, u64, u64, u64)>,
    /// (`YYYY-MM-DD`, first submissions that day).
    pub days: Vec<(String, u64)>,
}

pub async fn monitoring(db: &DatabaseConnection, c: &Consultation) -> Result<Monitoring, AppError> {
    let per_party = c.survey.respondents() == crate::domain::survey::Respondents::PerParty;
    let parties: HashMap<String, Region> = party::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.code, p.region_code.parse().ok()?)))
        .collect();
    let contacts: HashMap<String, String> = contact::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.party_code))
        .collect();
    let mut invited: BTreeMap<Region, HashSet<String>> = BTreeMap::new();
    let mut submitted: BTreeMap<Region, HashSet<String>> = BTreeMap::new();
    for i in inv::Entity::find()
        .filter(inv::Column::ConsultationId.eq(c.id.as_str()))
        .filter(inv::Column::Withdrawn.eq(false))
        .all(db)
        .await?
    {
        let Some(party) = contacts.get(&i.contact_id) else {
            continue;
        };
        let Some(region) = parties.get(party) else {
            continue;
        };
        let who = if per_party {
            party.clone()
        } else {
            i.id.clone()
        };
        invited.entry(*region).or_default().insert(who.clone());
        if i.submitted {
            submitted.entry(*region).or_default().insert(who);
        }
    }
    let received: Vec<(String, i64)> = r::Entity::find()
        .select_only()
        .column(r::Column::Region)
        .column_as(r::Column::Id.count(), "n")
        .filter(r::Column::ConsultationId.eq(c.id.as_str()))
        .filter(r::Column::Submitted.is_not_null())
        .group_by(r::Column::Region)
        .into_tuple()
        .all(db)
        .await?;
    let received: HashMap<String, i64> = received.into_iter().collect();
    let regions = Region::ALL
        .into_iter()
        .map(|r| {
            (
                r,
                invited.get(&r).map_or(0, |s| s.len() as u64),
                submitted.get(&r).map_or(0, |s| s.len() as u64),
                received.get(r.code()).copied().unwrap_or(0).max(0) as u64,
            )
        })
        .collect();
    let days = rd::Entity::find()
        .filter(rd::Column::ConsultationId.eq(c.id.as_str()))
        .order_by_asc(rd::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.day, d.submissions.max(0) as u64))
        .collect();
    Ok(Monitoring { regions, days })
}
