//! The summary as files: CSV (UTF-8 with a byte-order mark, so spreadsheet
//! programs show accents) and XLSX. Both carry exactly the figures the page
//! shows — withheld groups are marked, never filled — one line per figure:
//! the Parties' first, then each other constituency's, named in a column of
//! its own (last, so that the columns before keep their places).

use super::view::{Body, GroupHead, QuestionView, SummaryView};
use crate::i18n::I18n;

/// One line of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub part: String,
    pub question: String,
    pub group: String,
    /// Those of the group the figure is about; `None`: withheld.
    pub n: Option<u64>,
    pub item: String,
    pub count: Option<u64>,
    pub percent: Option<f64>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub note: String,
    /// The previous round's figure and the change (when compared).
    pub previous: Option<f64>,
    pub change: Option<f64>,
    /// Whose figure it is: the Parties, or another constituency.
    pub constituency: String,
}

fn line(part: &str, q: &str, g: &GroupHead, item: &str) -> Line {
    Line {
        part: part.into(),
        question: q.into(),
        group: g.label.clone(),
        n: g.n,
        item: item.into(),
        count: None,
        percent: None,
        mean: None,
        median: None,
        note: String::new(),
        previous: None,
        change: None,
        constituency: String::new(),
    }
}

/// `line` with the previous round's figure and the change at `row`,
/// `group` of `q`'s data table, if compared.
fn with_delta(l: Line, q: &QuestionView, row: usize, group: usize) -> Line {
    match q
        .deltas
        .get(row)
        .and_then(|r| r.get(group))
        .cloned()
        .flatten()
    {
        Some(d) => Line {
            previous: Some(d.previous),
            change: Some(d.change),
            ..l
        },
        None => l,
    }
}

fn withheld_line(part: &str, q: &str, g: &GroupHead, note: &str) -> Line {
    Line {
        note: note.into(),
        n: None,
        ..line(part, q, g, "")
    }
}

fn question_lines(i18n: &I18n, part: &str, q: &QuestionView, note: &str, out: &mut Vec<Line>) {
    let p = q.prompt.as_str();
    for (gi, g) in q.groups.iter().enumerate() {
        match &q.body {
            Body::Shares {
                options, groups, ..
            } => match &groups[gi] {
                Some((counts, mm)) => {
                    for (i, (o, c)) in options.iter().zip(counts).enumerate() {
                        out.push(with_delta(
                            Line {
                                count: Some(c.count),
                                percent: Some(c.percent),
                                ..line(part, p, g, o)
                            },
                            q,
                            i,
                            gi,
                        ));
                    }
                    if let Some((mean, median)) = mm {
                        out.push(with_delta(
                            Line {
                                mean: Some(*mean),
                                median: Some(*median),
                                ..line(part, p, g, &i18n.t("summary-mean-median"))
                            },
                            q,
                            options.len(),
                            gi,
                        ));
                    }
                }
                None => out.push(withheld_line(part, p, g, note)),
            },
            Body::Number { bins, groups } => match &groups[gi] {
                Some((mean, counts)) => {
                    out.push(with_delta(
                        Line {
                            mean: Some(*mean),
                            ..line(part, p, g, &i18n.t("summary-mean"))
                        },
                        q,
                        0,
                        gi,
                    ));
                    for (i, (b, c)) in bins.iter().zip(counts).enumerate() {
                        out.push(with_delta(
                            Line {
                                count: Some(*c),
                                ..line(part, p, g, b)
                            },
                            q,
                            i + 1,
                            gi,
                        ));
                    }
                }
                None => out.push(withheld_line(part, p, g, note)),
            },
            Body::Matrix { rows, groups, .. } => match &groups[gi] {
                Some(per_row) => {
                    for (i, (r, f)) in rows.iter().zip(per_row).enumerate() {
                        out.push(match f {
                            Some((n, mean, _)) => with_delta(
                                Line {
                                    n: Some(*n),
                                    mean: Some(*mean),
                                    ..line(part, p, g, r)
                                },
                                q,
                                i,
                                gi,
                            ),
                            None => Line {
                                n: None,
                                note: note.into(),
                                ..line(part, p, g, r)
                            },
                        });
                    }
                }
                None => out.push(withheld_line(part, p, g, note)),
            },
            Body::Ranking { items, groups } => match &groups[gi] {
                Some(per_item) => {
                    for (i, (it, f)) in items.iter().zip(per_item).enumerate() {
                        out.push(match f {
                            Some((n, first, mean)) => with_delta(
                                Line {
                                    n: Some(*n),
                                    count: Some(*first),
                                    mean: Some(*mean),
                                    note: i18n.t("summary-export-ranking-note"),
                                    ..line(part, p, g, it)
                                },
                                q,
                                i,
                                gi,
                            ),
                            None => Line {
                                n: None,
                                note: note.into(),
                                ..line(part, p, g, it)
                            },
                        });
                    }
                }
                None => out.push(withheld_line(part, p, g, note)),
            },
            Body::Text => match g.n {
                Some(_) => out.push(Line {
                    note: i18n.t("summary-export-texts-note"),
                    ..line(part, p, g, "")
                }),
                None => out.push(withheld_line(part, p, g, note)),
            },
        }
    }
}

/// Every line of `v`.
pub fn lines(i18n: &I18n, v: &SummaryView) -> Vec<Line> {
    let note = super::tables::withheld(i18n, v.k);
    let mut out = Vec::new();
    let responses = i18n.t("summary-responses");
    for (gi, g) in v.responses.iter().enumerate() {
        let d = v.response_deltas.get(gi).cloned().flatten();
        out.push(match g.n {
            Some(n) => Line {
                count: Some(n),
                previous: d.as_ref().map(|d| d.previous),
                change: d.as_ref().map(|d| d.change),
                ..line(&responses, "", g, "")
            },
            None => withheld_line(&responses, "", g, &note),
        });
    }
    let needs = i18n.t("summary-needs");
    for n in &v.needs {
        question_lines(i18n, &needs, &n.question, &note, &mut out);
    }
    let questions = i18n.t("summary-questions");
    for q in &v.questions {
        question_lines(i18n, &questions, q, &note, &mut out);
    }
    let parties = i18n.t("summary-constituency-parties");
    for l in out.iter_mut() {
        l.constituency = parties.clone();
    }
    for c in &v.constituencies {
        let from = out.len();
        let part = |p: &str| format!("{} — {p}", c.name);
        for g in &c.responses {
            out.push(match g.n {
                Some(n) => Line {
                    count: Some(n),
                    ..line(&part(&responses), "", g, "")
                },
                None => withheld_line(&part(&responses), "", g, &note),
            });
        }
        for q in &c.questions {
            question_lines(i18n, &part(&questions), q, &note, &mut out);
        }
        for l in &mut out[from..] {
            l.constituency = c.name.clone();
        }
    }
    out
}

/// The column headings (the previous round's figure and the change last,
/// when compared).
pub fn headings(i18n: &I18n, v: &SummaryView) -> Vec<String> {
    let mut h = vec![
        i18n.t("summary-export-part"),
        i18n.t("summary-export-question"),
        i18n.t("summary-group"),
        // "n (Parties)" only when every line counts Parties; other
        // constituencies count their members or organisations.
        if v.constituencies.is_empty() {
            i18n.t_args("summary-export-n", &[("unit", v.unit.clone().into())])
        } else {
            i18n.t("summary-export-n-each")
        },
        i18n.t("summary-export-item"),
        i18n.t("summary-export-count"),
        i18n.t("summary-export-percent"),
        i18n.t("summary-mean"),
        i18n.t("summary-median"),
        i18n.t("summary-export-note"),
    ];
    if let Some(p) = &v.previous_round {
        h.push(i18n.t_args(
            "rounds-export-previous",
            &[("title", p.title.clone().into())],
        ));
        h.push(i18n.t("rounds-change"));
    }
    h.push(i18n.t("constituency-label"));
    h
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::*;
    use crate::domain::ids::ConsultationId;
    use crate::domain::summary::Grouping;
    use crate::error::AppError;
    use crate::ssr::extract::{Caller, Ids, Query};
    use crate::ssr::services::audit::{self, Action};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::{HeaderValue, header};
    use axum::response::{IntoResponse, Response};

    /// Number with a dot, for CSV (spreadsheets read it in any locale).
    fn num(x: Option<f64>, places: usize) -> String {
        x.map(|v| format!("{v:.places$}")).unwrap_or_default()
    }

    pub fn csv(i18n: &I18n, v: &SummaryView) -> Result<Vec<u8>, AppError> {
        let mut w = csv::Writer::from_writer(Vec::from(&b"\xEF\xBB\xBF"[..]));
        let io = |e: csv::Error| AppError::internal(e);
        w.write_record(headings(i18n, v)).map_err(io)?;
        let compared = v.previous_round.is_some();
        for l in lines(i18n, v) {
            let mut record = vec![
                l.part,
                l.question,
                l.group,
                l.n.map(|n| n.to_string()).unwrap_or_default(),
                l.item,
                l.count.map(|n| n.to_string()).unwrap_or_default(),
                num(l.percent, 1),
                num(l.mean, 2),
                num(l.median, 2),
                l.note,
            ];
            if compared {
                record.push(num(l.previous, 2));
                record.push(num(l.change, 2));
            }
            record.push(l.constituency);
            w.write_record(record).map_err(io)?;
        }
        w.into_inner().map_err(|e| AppError::internal(e.error()))
    }

    pub fn xlsx(i18n: &I18n, v: &SummaryView) -> Result<Vec<u8>, AppError> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| {
            tracing::error!(error = %e, "xlsx export");
            AppError::Internal
        };
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .set_name(i18n.t("summary-export-sheet"))
            .map_err(err)?;
        let bold = Format::new().set_bold();
        let pct = Format::new().set_num_format("0.0");
        let dec = Format::new().set_num_format("0.00");
        for (c, h) in headings(i18n, v).iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        for (i, l) in lines(i18n, v).into_iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_string(r, 0, &l.part).map_err(err)?;
            sheet.write_string(r, 1, &l.question).map_err(err)?;
            sheet.write_string(r, 2, &l.group).map_err(err)?;
            if let Some(n) = l.n {
                sheet.write_number(r, 3, n as f64).map_err(err)?;
            }
            sheet.write_string(r, 4, &l.item).map_err(err)?;
            if let Some(c) = l.count {
                sheet.write_number(r, 5, c as f64).map_err(err)?;
            }
            if let Some(p) = l.percent {
                sheet.write_number_with_format(r, 6, p, &pct).map_err(err)?;
            }
            if let Some(m) = l.mean {
                sheet.write_number_with_format(r, 7, m, &dec).map_err(err)?;
            }
            if let Some(m) = l.median {
                sheet.write_number_with_format(r, 8, m, &dec).map_err(err)?;
            }
            sheet.write_string(r, 9, &l.note).map_err(err)?;
            if let Some(x) = l.previous {
                sheet
                    .write_number_with_format(r, 10, x, &dec)
                    .map_err(err)?;
            }
            if let Some(x) = l.change {
                sheet
                    .write_number_with_format(r, 11, x, &dec)
                    .map_err(err)?;
            }
            let last = if v.previous_round.is_some() { 12 } else { 10 };
            sheet.write_string(r, last, &l.constituency).map_err(err)?;
        }
        sheet.set_column_width(1, 48).map_err(err)?;
        sheet.set_column_width(2, 28).map_err(err)?;
        sheet.set_column_width(4, 36).map_err(err)?;
        sheet.set_column_width(9, 36).map_err(err)?;
        book.save_to_buffer().map_err(err)
    }

    async fn export(
        state: AppState,
        Caller { user, i18n }: Caller,
        id: ConsultationId,
        Query(q): Query,
        kind: &'static str,
    ) -> Result<Response, AppError> {
        let grouping = Grouping::parse(q.get("by")?);
        let v = crate::pages::summary::handler::load(&state, &user, i18n, &id, grouping).await?;
        let (bytes, mime) = match kind {
            "xlsx" => (
                xlsx(&i18n, &v)?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            _ => (csv(&i18n, &v)?, "text/csv; charset=utf-8"),
        };
        audit::record(
            &state.db,
            &user,
            Action::SummaryExport,
            id.as_str(),
            &format!("{kind} {}", v.grouping),
        )
        .await?;
        let name = format!(
            "consulta-summary-{}-{}.{kind}",
            &id.as_str()[..8],
            v.grouping
        );
        let mut res = bytes.into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(res)
    }

    /// `GET /consultations/{id}/summary.csv[?by=grouping]`.
    pub async fn csv_file(
        State(state): State<AppState>,
        caller: Caller,
        Ids(id): Ids<ConsultationId>,
        query: Query,
    ) -> Result<Response, AppError> {
        export(state, caller, id, query, "csv").await
    }

    /// `GET /consultations/{id}/summary.xlsx[?by=grouping]`.
    pub async fn xlsx_file(
        State(state): State<AppState>,
        caller: Caller,
        Ids(id): Ids<ConsultationId>,
        query: Query,
    ) -> Result<Response, AppError> {
        export(state, caller, id, query, "xlsx").await
    }
}
