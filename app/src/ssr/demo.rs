//! Demo accounts and demo data for a first look at Consulta (only with
//! `CONSULTA_DEMO=true`, and only while no account exists): a closed demo
//! needs assessment with synthetic responses, clearly titled as demo data,
//! following an earlier closed round of it (other synthetic answers, less
//! capacity), so that the comparison of rounds shows, and with a few
//! responses of Animals and Plants Committee members, summarised apart from
//! the Parties'; and a demo workshop for Africa assigned to the demo
//! organiser.

use super::config::Config;
use super::entities::{consultation, consultation_round, response};
use super::services::{accounts, consultations, secrets, tallies, workshops};
use super::synthetic;
use crate::domain::account::{Role, StaffUser};
use crate::domain::constituency::Constituency;
use crate::domain::ids::ConsultationId;
use crate::domain::lang::Lang;
use crate::domain::region::Region;
use crate::domain::response::{Stage, Support};
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Text, templates};
use crate::domain::workshop::{Day, Workshop};
use crate::error::AppError;
use rand::SeedableRng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

pub const SECRETARIAT_EMAIL: &str = "secretariat@demo.consulta.test";
pub const ORGANISER_EMAIL: &str = "organiser.africa@demo.consulta.test";

/// Creates the demo accounts on first start and returns what to print once:
/// `None` when accounts already exist.
pub async fn ensure_demo_accounts(
    db: &DatabaseConnection,
    cfg: &Config,
) -> Result<Option<String>, String> {
    if !cfg.demo || accounts::count(db).await.map_err(|e| e.to_string())? > 0 {
        return Ok(None);
    }
    let password = cfg
        .demo_password
        .clone()
        .unwrap_or_else(|| secrets::random_token()[..20].to_string());
    let secretariat = accounts::create(
        db,
        cfg.password_cost,
        SECRETARIAT_EMAIL,
        Role::Secretariat,
        &[],
        &password,
    )
    .await
    .map_err(|e| e.to_string())?;
    let organiser = accounts::create(
        db,
        cfg.password_cost,
        ORGANISER_EMAIL,
        Role::Organiser,
        &[Region::Africa],
        &password,
    )
    .await
    .map_err(|e| e.to_string())?;
    let summary = if cfg.demo_data {
        let id = seed(db, &secretariat, &organiser, cfg.disclosure_k)
            .await
            .map_err(|e| format!("demo data: {e}"))?;
        format!("\n  Demo summary:           /consultations/{id}/summary")
    } else {
        String::new()
    };
    Ok(Some(format!(
        "Demo accounts created (shown once):\n  Secretariat:            {SECRETARIAT_EMAIL}\n  Organiser (Africa):     {ORGANISER_EMAIL}\n  Password (both):        {password}{summary}"
    )))
}

/// Synthetic responses per region and status (provides, receives, both,
/// neither): enough for every kind of figure, and small groups — North
/// America, Oceania, and in Africa those that provide support or neither —
/// so that a new user sees groups withheld.
pub const DEMO_RESPONSES: [(Region, [usize; 4]); 6] = [
    (Region::Africa, [3, 24, 7, 4]),
    (Region::Asia, [6, 12, 4, 2]),
    (Region::Csca, [4, 12, 5, 1]),
    (Region::Europe, [18, 2, 8, 2]),
    (Region::NorthAmerica, [2, 0, 0, 0]),
    (Region::Oceania, [2, 3, 1, 0]),
];

/// The previous round's synthetic responses per region and status: a few
/// fewer in Africa and Asia, the same small groups (so that the groups an
/// organiser for Africa sees are shown, and compared, in both rounds).
pub const DEMO_PREVIOUS_RESPONSES: [(Region, [usize; 4]); 6] = [
    (Region::Africa, [3, 21, 7, 4]),
    (Region::Asia, [6, 10, 4, 2]),
    (Region::Csca, [4, 12, 5, 1]),
    (Region::Europe, [18, 2, 8, 2]),
    (Region::NorthAmerica, [2, 0, 0, 0]),
    (Region::Oceania, [2, 3, 1, 0]),
];

/// The second round's synthetic responses of Committee members, per
/// Committee and region represented: the Animals Committee's 11 are shown
/// overall and for Africa (6), its other regions withheld (under k, and
/// together at least k); the Plants Committee's 5 only overall.
pub const DEMO_COMMITTEE_RESPONSES: [(Constituency, Region, usize); 6] = [
    (Constituency::AnimalsCommittee, Region::Africa, 6),
    (Constituency::AnimalsCommittee, Region::Asia, 2),
    (Constituency::AnimalsCommittee, Region::Europe, 2),
    (Constituency::AnimalsCommittee, Region::Oceania, 1),
    (Constituency::PlantsCommittee, Region::Africa, 2),
    (Constituency::PlantsCommittee, Region::Csca, 3),
];

/// The demo consultation (the 19.41(b) needs assessment, titled and
/// introduced as demo data in all three languages), closed, with synthetic
/// submitted responses and its frozen results, as the second round of an
/// earlier closed round (other synthetic answers, leaning towards less
/// capacity: the comparison shows needs met since); and a demo workshop for
/// Africa, drawing on the second round, assigned to the demo organiser.
/// Returns the second round's id.
pub async fn seed(
    db: &DatabaseConnection,
    secretariat: &StaffUser,
    organiser: &StaffUser,
    k: crate::domain::disclosure::Threshold,
) -> Result<ConsultationId, AppError> {
    let template = templates::find("needs-assessment-19-41b")
        .ok_or_else(|| AppError::internal("the demo template is missing"))?;
    let mut survey = template.survey();
    survey.title = Text::new(
        &format!("[DEMO] Round 1 — {}", survey.title.en),
        &format!("[DÉMO] Cycle 1 — {}", survey.title.fr),
        &format!("[DEMO] Ronda 1 — {}", survey.title.es),
    );
    survey.introduction = Text::new(
        "Demonstration data: these responses are synthetic, generated to show every kind of summary.",
        "Données de démonstration : ces réponses sont fictives, générées pour montrer chaque type de synthèse.",
        "Datos de demostración: estas respuestas son ficticias, generadas para mostrar cada tipo de resumen.",
    );
    let first = consultations::create(db, secretariat, &survey, "demo").await?;
    seed_round(db, &first, &DEMO_PREVIOUS_RESPONSES, &[], 1940, -0.15, k).await?;
    let second = template.survey();
    survey.title = Text::new(
        &format!("[DEMO] {}", second.title.en),
        &format!("[DÉMO] {}", second.title.fr),
        &format!("[DEMO] {}", second.title.es),
    );
    // The second round invites Animals and Plants Committee members too.
    survey.set_constituencies(&[
        Constituency::Party,
        Constituency::AnimalsCommittee,
        Constituency::PlantsCommittee,
    ]);
    let id = consultations::create(db, secretariat, &survey, "demo").await?;
    consultation_round::Entity::insert(consultation_round::ActiveModel {
        consultation_id: Set(id.clone()),
        previous_id: Set(first.clone()),
        series_id: Set(first),
    })
    .exec_without_returning(db)
    .await?;
    seed_round(
        db,
        &id,
        &DEMO_RESPONSES,
        &DEMO_COMMITTEE_RESPONSES,
        1941,
        0.0,
        k,
    )
    .await?;
    let workshop = Workshop {
        title: Text::new(
            "[DEMO] Regional workshop for Africa on capacity-building needs",
            "[DÉMO] Atelier régional pour l'Afrique sur les besoins en renforcement des capacités",
            "[DEMO] Taller regional para África sobre las necesidades de fomento de capacidad",
        ),
        description: Text::new(
            "Demonstration workshop (Decision 19.43), drawing on the demo needs assessment.",
            "Atelier de démonstration (décision 19.43), fondé sur l'évaluation des besoins de démonstration.",
            "Taller de demostración (Decisión 19.43), basado en la evaluación de necesidades de demostración.",
        ),
        starts_on: Day {
            year: 2027,
            month: 3,
            day: 2,
        },
        ends_on: Day {
            year: 2027,
            month: 3,
            day: 4,
        },
        venue: Some("Nairobi".into()),
        online: true,
        languages: vec![Lang::En, Lang::Fr],
        regions: vec![Region::Africa],
    };
    workshops::create(
        db,
        secretariat,
        &workshop,
        &workshops::Links {
            consultations: vec![id.clone()],
            organisers: vec![organiser.id.clone()],
        },
    )
    .await?;
    Ok(id)
}

/// Round `id` of the demo: synthetic submitted responses per region and
/// status (`per_group`), drawn from `seed`, each group's lean shifted by
/// `shift`, and Committee members' (`members`: per Committee and region,
/// no status); then closed as any consultation closes.
async fn seed_round(
    db: &DatabaseConnection,
    id: &ConsultationId,
    per_group: &[(Region, [usize; 4])],
    members: &[(Constituency, Region, usize)],
    seed: u64,
    shift: f64,
    k: crate::domain::disclosure::Threshold,
) -> Result<(), AppError> {
    let c = consultations::get(db, id).await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let txn = crate::ssr::db::begin_write(db).await?;
    let each = per_group
        .iter()
        .enumerate()
        .flat_map(|(ri, (region, per))| {
            Support::ALL
                .into_iter()
                .zip(per)
                .flat_map(move |(support, n)| {
                    (0..*n).map(move |_| (Constituency::Party, ri, *region, support))
                })
        });
    let others = members.iter().flat_map(|(constituency, region, n)| {
        let ri = Region::ALL.iter().position(|r| r == region).unwrap_or(0);
        (0..*n).map(move |_| (*constituency, ri, *region, Support::Neither))
    });
    for (constituency, ri, region, support) in each.chain(others) {
        let answers = synthetic::answers(
            &c.survey,
            support,
            (synthetic::lean(ri, support) + shift).clamp(0.0, 1.0),
            &mut rng,
        );
        // Members of a Committee are not asked a status.
        let support = (constituency == Constituency::Party).then_some(support);
        let json = serde_json::to_string(&answers).map_err(AppError::internal)?;
        response::Entity::insert(response::ActiveModel {
            id: Set(secrets::new_id()),
            consultation_id: Set(id.clone()),
            locator: Set(None),
            region: Set(region.into()),
            constituency: Set(constituency),
            support: Set(support),
            stage: Set(Stage::Submitted),
            answers: Set(None),
            submitted: Set(Some(json)),
            submitted_support: Set(support),
            version: Set(1),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    consultation::Entity::update_many()
        .col_expr(
            consultation::Column::State,
            Expr::value(State::Closed.code()),
        )
        .col_expr(consultation::Column::AnswersStarted, Expr::value(1))
        .filter(consultation::Column::Id.eq(id.as_str()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    tallies::rebuild(db, id, &c.survey).await?;
    // Closed as any consultation closes: results frozen, small groups
    // generalised, tallies gone.
    let txn = crate::ssr::db::begin_write(db).await?;
    crate::ssr::services::closing::close_in(&txn, id, &c.survey, k).await?;
    txn.commit().await?;
    Ok(())
}
