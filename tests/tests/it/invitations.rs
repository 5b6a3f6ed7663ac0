//! Inviting focal points by e-mail, through lettre, to a real SMTP server on
//! loopback (`tests::smtp`), on SQLite and PostgreSQL.

use sea_orm::{ConnectionTrait, Statement};
use std::time::Duration;
use tests::smtp::SmtpServer;
use tests::*;

/// Outbox rows still to be sent (queued, or claimed and in flight).
const UNSENT: &str = "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')";

#[tokio::test]
async fn each_focal_point_gets_one_message_in_their_language_with_a_working_link() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let s = TestServer::start_with(&[
        ("MAIL_URL", url.as_str()),
        (
            "CONSULTA_MAIL_FROM",
            "CITES Secretariat <capacity@cites.example>",
        ),
        (
            "CONSULTA_MAIL_REPLY_TO",
            "Secrétariat CITES <info@cites.example>",
        ),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MG", "Zoë Rakotoarisoa", "zoe@mg.example", "fr").await;
    add_contact(&c, &s, "BO", "Begoña Núñez", "begona@bo.example", "es").await;
    add_contact(&c, &s, "KE", "Wanjiru Kamau", "wanjiru@ke.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    let loc = invite(&c, &s, &id, &[("who", "all")]).await;
    assert!(loc.contains("queued=3&already=0"), "{loc}");
    let got = smtp
        .wait_for(3, Duration::from_secs(30))
        .await
        .expect("3 messages");
    assert_eq!(got.len(), 3);
    let mut by_to = std::collections::HashMap::new();
    for m in &got {
        assert_eq!(m.to.len(), 1);
        by_to.insert(m.to[0].clone(), m.decoded());
    }
    let fr = &by_to["zoe@mg.example"];
    assert!(
        fr.subject.starts_with("Consultation CITES : Évaluation"),
        "{}",
        fr.subject
    );
    assert!(fr.to.contains("Zoë Rakotoarisoa"), "{}", fr.to);
    assert!(
        fr.header_decoded("Reply-To")
            .unwrap()
            .contains("Secrétariat CITES <info@cites.example>")
    );
    let fr_text = fr.text.clone().expect("a text part");
    assert!(fr.html.is_some(), "an HTML part");
    assert!(
        fr_text.contains("31 mars 2099") && fr_text.contains("UTC"),
        "{fr_text}"
    );
    assert!(fr_text.contains("Madagascar"));
    assert!(fr_text.contains("anonymes"));
    let es = &by_to["begona@bo.example"];
    assert!(
        es.subject.starts_with("Consulta CITES: Evaluación"),
        "{}",
        es.subject
    );
    assert!(es.to.contains("Begoña Núñez"));
    let en = &by_to["wanjiru@ke.example"];
    assert!(
        en.subject
            .starts_with("CITES consultation: Capacity-building"),
        "{}",
        en.subject
    );

    // Sending again invites nobody twice.
    let loc = invite(&c, &s, &id, &[("who", "all")]).await;
    assert!(loc.contains("queued=0&already=3"), "{loc}");
    // Nothing new in the outbox, and nothing left in it to send: no message can follow.
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(30)).await;
    assert_eq!(count(&s, "SELECT COUNT(*) FROM outbox").await, 3);
    assert_eq!(smtp.messages().len(), 3);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM invitation").await, 3);

    // The French link opens the invitee's page, in French, without the token.
    let link = link_in(&fr_text);
    let token = link.rsplit('/').next().unwrap().to_string();
    let path = link
        .split_once("/i/")
        .map(|(_, t)| format!("/i/{t}"))
        .unwrap();
    let invitee = s.client();
    let res = invitee.get(s.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond");
    let cookies = set_cookies(&res);
    assert!(cookies.iter().any(|c| c.starts_with("consulta_invite=")
        && c.contains("Path=/respond")
        && c.contains("HttpOnly")));
    assert!(cookies.iter().any(|c| c.starts_with("consulta_lang=fr")));
    let res = invitee.get(s.url("/respond")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let page = text(res).await;
    assert!(page.contains("Évaluation des besoins"), "title in French");
    assert!(
        page.contains("31 mars 2099 à 17:00 UTC"),
        "deadline in the French format"
    );
    assert!(page.contains("Vos réponses sont anonymes"));
    assert!(
        !page.contains(&token),
        "the token is in no link of the page"
    );
    // Opening is recorded as a fact.
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE opened").await,
        1
    );
    // The database holds no token, only digests.
    let rows =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT token_digest FROM invitation".to_string(),
        ))
        .await
        .unwrap();
    for r in rows {
        let d: String = r.try_get("", "token_digest").unwrap();
        assert_ne!(d, token);
    }
    // The Secretariat's tracking shows each as sent and one opened.
    let page = text(
        c.get(s.url(&format!("/consultations/{id}/invitations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.matches("<td>Sent<!></td>").count(), 3, "{page}");
    assert!(page.contains("3 of 3 handled"));
    s.stop().await;
}

#[tokio::test]
async fn unknown_links_get_one_page_and_closed_ones_say_so() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let unknown = s
        .client()
        .get(s.url(&format!("/i/{}", "ab".repeat(32))))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let unknown = text(unknown).await;
    assert!(unknown.contains("This link is not valid"));
    let malformed = s
        .client()
        .get(s.url("/i/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 404);
    let malformed = text(malformed).await;
    assert_eq!(unknown.len(), malformed.len(), "nothing tells them apart");
    let no_cookie = s.client().get(s.url("/respond")).send().await.unwrap();
    assert_eq!(no_cookie.status(), 404);
    // A link whose consultation has closed.
    let outbox = s.vars["MAIL_URL"].trim_start_matches("file://").to_string();
    add_contact(&c, &s, "FR", "Élodie", "elodie@fr.example", "fr").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let eml = first_eml(&outbox, Duration::from_secs(15)).await;
    let eml = tests::smtp::decode(&eml);
    let link = link_in(&eml.text.unwrap());
    let path = link
        .split_once("/i/")
        .map(|(_, t)| format!("/i/{t}"))
        .unwrap();
    assert_eq!(
        s.client().get(s.url(&path)).send().await.unwrap().status(),
        303
    );
    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{id}/state"),
        &[("to", "closed")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let closed = s.client().get(s.url(&path)).send().await.unwrap();
    assert_eq!(
        closed.status(),
        410,
        "a known link of a closed consultation says so"
    );
    let closed = text(closed).await;
    assert!(closed.contains("This consultation is closed"), "{closed}");
    assert!(!closed.contains("This link is not valid"));
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM consultation_secret").await,
        0,
        "the secret is gone at close"
    );
    s.stop().await;
}

#[tokio::test]
async fn a_stopped_mail_server_loses_nothing_and_sends_nothing_twice() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let s = TestServer::start_with(&[
        ("MAIL_URL", url.as_str()),
        ("CONSULTA_MAIL_PER_SECOND", "4"),
        ("CONSULTA_MAIL_RETRY_SECONDS", "1"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for i in 0..8 {
        add_contact(
            &c,
            &s,
            "KE",
            &format!("Contact {i}"),
            &format!("c{i}@ke.example"),
            "en",
        )
        .await;
    }
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    // Stop the server while messages are going out, then bring it back.
    smtp.wait_for(2, Duration::from_secs(30))
        .await
        .expect("the first messages");
    smtp.stop().await;
    // Back once a delivery has met the outage (deferred, with its reason).
    wait_until(
        "a delivery deferred by the outage",
        Duration::from_secs(30),
        async || {
            count(
                &s,
                "SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL",
            )
            .await
                > 0
        },
    )
    .await;
    smtp.restart().await;
    let got = smtp
        .wait_for(8, Duration::from_secs(60))
        .await
        .expect("every message");
    // Every row sent: none is left to be sent again.
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(60)).await;
    let got_after = smtp.messages();
    assert_eq!(got_after.len(), 8, "no message twice");
    let mut to: Vec<String> = got.iter().map(|m| m.to[0].clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 8, "each recipient once");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        8
    );
    s.stop().await;
}

#[tokio::test]
async fn a_permanent_refusal_marks_the_address_failing() {
    let smtp = SmtpServer::start().await;
    smtp.reject("gone@ke.example", 550, "5.1.1 mailbox unavailable");
    let url = smtp.url();
    let s = TestServer::start_with(&[("MAIL_URL", url.as_str())]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "KE", "Gone", "gone@ke.example", "en").await;
    add_contact(&c, &s, "KE", "Here", "here@ke.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "region"), ("region", "africa")]).await;
    smtp.wait_for(1, Duration::from_secs(30)).await.unwrap();
    wait_for_count(
        &s,
        "SELECT COUNT(*) FROM invitation WHERE failed",
        1,
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE failed").await,
        1
    );
    let page = text(c.get(s.url("/contacts")).send().await.unwrap()).await;
    assert!(page.contains("Address failing"), "{page}");
    assert!(page.contains("mailbox unavailable"));
    let page = text(
        c.get(s.url(&format!("/consultations/{id}/invitations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        page.contains("mailbox unavailable"),
        "the reason for the Secretariat"
    );
    s.stop().await;
}

#[tokio::test]
async fn two_server_instances_send_each_message_once() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let a = TestServer::start_with(&[
        ("MAIL_URL", url.as_str()),
        ("CONSULTA_MAIL_PER_SECOND", "50"),
    ])
    .await;
    let b = a.start_sharing(&[]).await;
    let c = a.signed_in(SECRETARIAT_EMAIL).await;
    for i in 0..30 {
        add_contact(
            &c,
            &a,
            "BR",
            &format!("Contato {i}"),
            &format!("p{i}@br.example"),
            "es",
        )
        .await;
    }
    let id = open_consultation(&c, &a, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &a, &id, &[("who", "all")]).await;
    let got = smtp
        .wait_for(30, Duration::from_secs(60))
        .await
        .expect("30 messages");
    // Every row sent, each taken by one instance once (a claim counts an
    // attempt): none is in flight or left to be sent again.
    wait_for_count(&a, UNSENT, 0, Duration::from_secs(60)).await;
    assert_eq!(
        count(&a, "SELECT COUNT(*) FROM outbox WHERE attempts <> 1").await,
        0,
        "a message claimed twice"
    );
    assert_eq!(smtp.messages().len(), 30, "no message twice");
    let mut to: Vec<String> = got.iter().map(|m| m.to[0].clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 30);
    b.stop().await;
    a.stop().await;
}

#[tokio::test]
async fn contacts_import_reports_every_row_and_writes_only_on_confirmation() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let csv = "party;name;email;role;language\r\nMG;Zoë Rakoto;zoe@mg.example;organe de gestion;fr\r\nBO;Begoña;not-an-email;management;es\r\nKE;\"Kamau, W.\";w@ke.example;scientific;en\r\n";
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
            .file_name("contacts.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = c
        .post(s.url("/contacts/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = text(res).await;
    assert!(
        page.contains("Line 2: ready (zoe@mg.example, MG)"),
        "{page}"
    );
    assert!(page.contains("Line 3: Enter an e-mail address"), "{page}");
    assert!(page.contains("Line 4: ready (w@ke.example, KE)"));
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM contact").await,
        0,
        "nothing written yet"
    );
    let version_of = |page: &str| {
        let key = "name=\"version\" value=\"";
        let i = page
            .find(key)
            .expect("the confirmation names the preview's version");
        page[i + key.len()..].split('"').next().unwrap().to_string()
    };
    let previewed = version_of(&page);
    // Meanwhile a colleague adds one of the file's contacts by hand: the
    // confirmation of the preview as it was adds nothing, and shows the
    // file read again (that row now exists), with a new version.
    add_contact(&c, &s, "KE", "Kamau, W.", "w@ke.example", "en").await;
    let confirm = |version: String| {
        let c = c.clone();
        let url = s.url("/contacts/import/confirm");
        async move {
            c.post(url)
                .form(&[("version", version.as_str()), ("csv", csv)])
                .send()
                .await
                .unwrap()
        }
    };
    let res = confirm(previewed.clone()).await;
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("changed since this preview"), "{page}");
    assert!(
        page.contains("Line 2: ready (zoe@mg.example, MG)"),
        "{page}"
    );
    assert!(!page.contains("Line 4: ready"), "{page}");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM contact").await,
        1,
        "nothing imported"
    );
    let now = version_of(&page);
    assert_ne!(now, previewed);
    let res = confirm(now).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("notice=notice-contacts-imported&n=1"));
    assert_eq!(count(&s, "SELECT COUNT(*) FROM contact").await, 2);
    // Exported, it reads back: UTF-8 with a BOM.
    let res = c.get(s.url("/contacts/export.csv")).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.contains("Zoë Rakoto") && text.contains("\"Kamau, W.\""));
    s.stop().await;
}

#[tokio::test]
async fn reminders_by_hand_and_on_schedule_go_only_to_those_who_have_not_answered() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let s = TestServer::start_with(&[("MAIL_URL", url.as_str())]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "PE", "Lucía Quispe", "lucia@pe.example", "es").await;
    add_contact(&c, &s, "FJ", "Mere Tui", "mere@fj.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    smtp.wait_for(2, Duration::from_secs(30)).await.unwrap();
    wait_for_count(
        &s,
        "SELECT COUNT(*) FROM invitation WHERE sent",
        2,
        Duration::from_secs(10),
    )
    .await;
    // Mere has answered (as responses will record it).
    s.db.execute_unprepared(
        "UPDATE invitation SET submitted = true WHERE contact_id IN (SELECT id FROM contact WHERE email = 'mere@fj.example')",
    )
    .await
    .unwrap();
    // By hand, at most once each.
    let before = invitations_version(&c, &s, &id).await;
    let res = post_invitations_form(&c, &s, &id, "reminders", &[("max", "1")]).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("queued=1"), "{}", location(&res));
    // A second click from the page as it was before: refused (409, the
    // maximum typed kept), not a second round of reminders.
    let res = post_with_version(
        &c,
        &s,
        &format!("/consultations/{id}/reminders"),
        &[("max", "2")],
        &before,
    )
    .await;
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("so nothing was done"), "{page}");
    assert!(
        page.contains("name=\"max\" min=\"1\" max=\"10\" value=\"2\""),
        "{page}"
    );
    let got = smtp.wait_for(3, Duration::from_secs(30)).await.unwrap();
    let reminder = got[2].decoded();
    assert_eq!(got[2].to, vec!["lucia@pe.example".to_string()]);
    assert!(
        reminder
            .subject
            .starts_with("Recordatorio — consulta CITES"),
        "{}",
        reminder.subject
    );
    let again = post_invitations_form(&c, &s, &id, "reminders", &[("max", "1")]).await;
    assert!(location(&again).contains("queued=0"), "at most once");
    // On schedule: the deadline is years away, so "7 days before" is not due…
    let res = post_invitations_form(&c, &s, &id, "reminders/schedule", &[("days", "7, 2")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app::ssr::services::invitations::send_due_reminders(&s.db)
            .await
            .unwrap(),
        0
    );
    // …until the deadline is 3 days ahead: the 7-day reminder goes, once.
    let soon = chrono::Utc::now() + chrono::Duration::days(3);
    let backend = s.db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "UPDATE consultation SET deadline = $1",
        _ => "UPDATE consultation SET deadline = ?",
    };
    s.db.execute_raw(Statement::from_sql_and_values(backend, sql, [soon.into()]))
        .await
        .unwrap();
    assert_eq!(
        app::ssr::services::invitations::send_due_reminders(&s.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app::ssr::services::invitations::send_due_reminders(&s.db)
            .await
            .unwrap(),
        0
    );
    let got = smtp.wait_for(4, Duration::from_secs(30)).await.unwrap();
    assert_eq!(got[3].to, vec!["lucia@pe.example".to_string()]);
    let page = text(
        c.get(s.url(&format!("/consultations/{id}/invitations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.contains("7 days before the deadline (sent)"));
    assert!(page.contains("2 days before the deadline"));
    // A bad schedule is explained, with what was typed kept.
    let res =
        post_invitations_form(&c, &s, &id, "reminders/schedule", &[("days", "soon, 200")]).await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("Write whole numbers of days from 1 to 90"));
    assert!(page.contains("value=\"soon, 200\""));
    s.stop().await;
}

#[tokio::test]
async fn the_count_says_who_will_really_be_invited_and_why_not_the_others() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let scientific = |party: &'static str, email: &'static str, active: bool| {
        let mut f = vec![
            ("party", party),
            ("name", "Focal point"),
            ("email", email),
            ("role", "scientific"),
            ("lang", "en"),
        ];
        if active {
            f.push(("active", "1"));
        }
        f
    };
    for f in [
        scientific("KE", "sa@ke.example", true),
        scientific("MG", "sa@mg.example", true),
        scientific("BO", "sa@bo.example", true),
        scientific("PE", "old@pe.example", false),
    ] {
        let res = c.post(s.url("/contacts")).form(&f).send().await.unwrap();
        assert_eq!(res.status(), 303, "{}", text(res).await);
    }
    add_contact(&c, &s, "KE", "Wanjiru Kamau", "ma@ke.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    let preview = |query: &str| {
        let url = s.url(&format!("/consultations/{id}/invitations?{query}"));
        let c = c.clone();
        async move { text(c.get(url).send().await.unwrap()).await }
    };
    let sa = "who=role&role=scientific";
    let page = preview(sa).await;
    assert!(page.contains("3 contacts will be invited."), "{page}");
    assert!(
        page.contains("One inactive contact is not invited."),
        "{page}"
    );
    assert!(!page.contains("already invited"), "{page}");
    assert!(page.contains("Send the invitations"));

    let loc = invite(&c, &s, &id, &[("who", "role"), ("role", "scientific")]).await;
    assert!(loc.contains("queued=3&already=0"), "{loc}");
    // The same selection again: nobody will be invited, and the page says why.
    let page = preview(sa).await;
    assert!(
        page.contains(
            "No contact will be invited: all 3 active contacts chosen are already invited to this consultation."
        ),
        "{page}"
    );
    assert!(!page.contains("will be invited."), "{page}");
    assert!(!page.contains("not invited again"), "{page}");
    assert!(
        page.contains("One inactive contact is not invited."),
        "{page}"
    );
    assert!(
        !page.contains("Send the invitation"),
        "no button that would send nothing"
    );
    // What the count said is what a send does.
    let loc = invite(&c, &s, &id, &[("who", "role"), ("role", "scientific")]).await;
    assert!(loc.contains("queued=0&already=3"), "{loc}");
    // Every active contact: the one not yet invited, the others not again;
    // in French too.
    let page = preview("who=all").await;
    assert!(page.contains("One contact will be invited."), "{page}");
    assert!(page.contains("3 contacts already invited"), "{page}");
    assert!(page.contains("Send the invitation<"), "{page}");
    let fr = text(
        c.get(s.url(&format!("/consultations/{id}/invitations?who=all")))
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(fr.contains("Un contact sera invité."), "{fr}");
    assert!(
        fr.contains("3 contacts déjà invités à cette consultation ne le sont pas à nouveau."),
        "{fr}"
    );
    // Contacts chosen by hand (a repeated field): the same rule.
    let ids: Vec<String> = {
        let rows = s
            .db
            .query_all_raw(Statement::from_string(
                s.db.get_database_backend(),
                "SELECT id FROM contact WHERE email IN ('sa@ke.example', 'ma@ke.example') ORDER BY email"
                    .to_string(),
            ))
            .await
            .unwrap();
        rows.iter().map(|r| r.try_get("", "id").unwrap()).collect()
    };
    let page = preview(&format!("who=chosen&contact={}&contact={}", ids[0], ids[1])).await;
    assert!(page.contains("One contact will be invited."), "{page}");
    assert!(
        page.contains("One contact already invited to this consultation is not invited again."),
        "{page}"
    );
    let loc = invite(
        &c,
        &s,
        &id,
        &[
            ("who", "chosen"),
            ("contact", &ids[0]),
            ("contact", &ids[1]),
        ],
    )
    .await;
    assert!(loc.contains("queued=1&already=1"), "{loc}");
    assert_eq!(count(&s, "SELECT COUNT(*) FROM invitation").await, 4);
    s.stop().await;
}

#[tokio::test]
async fn once_every_scientific_authority_is_invited_the_count_says_nobody_is_left_in_each_language()
{
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for (party, email) in [
        ("KE", "sa@ke.example"),
        ("MG", "sa@mg.example"),
        ("BO", "sa@bo.example"),
    ] {
        let res = c
            .post(s.url("/contacts"))
            .form(&[
                ("party", party),
                ("name", "Scientific Authority"),
                ("email", email),
                ("role", "scientific"),
                ("lang", "en"),
                ("active", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{}", text(res).await);
    }
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    let send_form = format!("method=\"post\" action=\"/consultations/{id}/invitations\"");
    // "Count and preview": the page's count sentence, and the page.
    let preview = async |query: &str, lang: &str| {
        let url = s.url(&format!("/consultations/{id}/invitations?{query}"));
        let res = c.get(url).header("accept-language", lang).send().await;
        let page = text(res.unwrap()).await;
        let at = page.find("id=\"invitations-count\"").expect("a count");
        let end = at + page[at..].find("</p>").unwrap();
        (page[at..end].to_string(), page)
    };
    let sa = "who=role&role=scientific";
    let (said, page) = preview(sa, "en").await;
    assert!(said.contains("3 contacts will be invited."), "{said}");
    assert!(page.contains(&send_form));
    let loc = invite(&c, &s, &id, &[("who", "role"), ("role", "scientific")]).await;
    assert!(loc.contains("queued=3&already=0"), "{loc}");

    // The same selection again: nobody, and why, in one sentence in each
    // language; no button that would send nothing.
    for (lang, expected) in [
        (
            "en",
            "No contact will be invited: all 3 active contacts chosen are already invited to this consultation.",
        ),
        (
            "fr",
            "Aucun contact ne sera invité : les 3 contacts actifs choisis sont tous déjà invités à cette consultation.",
        ),
        (
            "es",
            "No se invitará a ningún contacto: los 3 contactos activos elegidos ya están todos invitados a esta consulta.",
        ),
    ] {
        let (said, page) = preview(sa, lang).await;
        assert!(said.contains(expected), "{lang}: {said}");
        assert_eq!(said.matches(" 3 ").count(), 1, "{lang}: {said}");
        assert!(!page.contains(&send_form), "{lang}: a send button");
    }
    // One contact chosen by hand, already invited: the singular.
    let one: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM contact WHERE email = 'sa@ke.example'".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    let (said, _) = preview(&format!("who=chosen&contact={one}"), "en").await;
    assert!(
        said.contains(
            "No contact will be invited: the only active contact chosen is already invited to this consultation."
        ),
        "{said}"
    );
    // What the count said is what a send does.
    let loc = invite(&c, &s, &id, &[("who", "role"), ("role", "scientific")]).await;
    assert!(loc.contains("queued=0&already=3"), "{loc}");
    assert_eq!(count(&s, "SELECT COUNT(*) FROM invitation").await, 3);
    s.stop().await;
}
