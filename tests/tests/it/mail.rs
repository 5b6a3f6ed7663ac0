//! The mail transport (`app::ssr::mail`) against a real SMTP server on
//! loopback (`tests::smtp`): delivery, UTF-8 headers, refusals, outages.

use app::ssr::mail::{Email, MailConfig, Mailer, SendError};
use std::time::Duration;
use tests::smtp::SmtpServer;

const WAIT: Duration = Duration::from_secs(10);

fn config(server: &SmtpServer) -> MailConfig {
    MailConfig::new(
        &server.url(),
        "Secretaría CITES <capacity@cites.org>",
        "CITES Capacity Building <capacity-building@cites.org>",
    )
    .unwrap()
}

fn email(name: &str, address: &str, subject: &str) -> Email {
    Email {
        to_name: name.into(),
        to_address: address.into(),
        subject: subject.into(),
        text: format!("Dear {name},\nyour link: https://consulta.example/i/abc\n"),
        html: format!(
            "<p>Dear {name},</p><p><a href=\"https://consulta.example/i/abc\">Answer</a></p>"
        ),
        message_id: None,
    }
}

async fn send(mailer: &Mailer, cfg: &MailConfig, e: &Email) -> Result<(), SendError> {
    mailer.send(e, &cfg.from, &cfg.reply_to).await
}

#[tokio::test]
async fn three_messages_arrive_with_their_recipients_and_utf8_subjects() {
    let server = SmtpServer::start().await;
    let cfg = config(&server);
    let mailer = Mailer::new(&cfg).unwrap();
    let people = [
        (
            "José Pérez",
            "jose@example.org",
            "Invitation : consultation sur les capacités — année 2026",
        ),
        (
            "Núñez, María",
            "maria@example.es",
            "Invitación: consulta sobre creación de capacidad (año 2026)",
        ),
        (
            "Jürgen Groß",
            "juergen@example.de",
            "Einladung — Grüße aus Genf",
        ),
    ];
    for (name, address, subject) in people {
        send(&mailer, &cfg, &email(name, address, subject))
            .await
            .unwrap();
    }
    let got = server.wait_for(3, WAIT).await.unwrap();
    assert_eq!(got.len(), 3);
    for (received, (name, address, subject)) in got.iter().zip(people) {
        assert_eq!(received.from, "capacity@cites.org");
        assert_eq!(received.to, [address]);
        assert!(received.data.is_ascii(), "7-bit on the wire");
        let d = received.decoded();
        assert_eq!(d.subject, subject);
        assert_eq!(d.to, format!("{name} <{address}>"));
        assert_eq!(d.from, "Secretaría CITES <capacity@cites.org>");
        assert_eq!(
            d.header_decoded("Reply-To").unwrap(),
            "\"CITES Capacity Building\" <capacity-building@cites.org>"
        );
        assert!(d.header("Message-ID").is_some());
        assert!(
            d.header("Content-Type")
                .unwrap()
                .starts_with("multipart/alternative;")
        );
        assert_eq!(
            d.text.as_deref(),
            Some(format!("Dear {name},\nyour link: https://consulta.example/i/abc\n").as_str())
        );
        assert!(d.html.unwrap().contains(&format!("<p>Dear {name},</p>")));
    }
}

#[tokio::test]
async fn a_refused_recipient_is_permanent_and_a_451_is_transient() {
    let server = SmtpServer::start().await;
    server.reject("gone@example.org", 550, "5.1.1 mailbox unavailable");
    server.reject("busy@example.org", 451, "4.3.0 try later");
    let cfg = config(&server);
    let mailer = Mailer::new(&cfg).unwrap();

    let err = send(&mailer, &cfg, &email("Gone", "gone@example.org", "Hello"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError {
            permanent: true,
            reason: "550 5.1.1 mailbox unavailable".into()
        }
    );
    let err = send(&mailer, &cfg, &email("Busy", "busy@example.org", "Hello"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError {
            permanent: false,
            reason: "451 4.3.0 try later".into()
        }
    );
    // The same mailer still delivers to everyone else.
    send(&mailer, &cfg, &email("Ana", "ana@example.org", "Hello"))
        .await
        .unwrap();
    let got = server.wait_for(1, WAIT).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["ana@example.org"]);
    // Once the busy mailbox accepts again, the retry goes through.
    server.accept("busy@example.org");
    send(&mailer, &cfg, &email("Busy", "busy@example.org", "Hello"))
        .await
        .unwrap();
    assert_eq!(
        server.wait_for(2, WAIT).await.unwrap()[1].to,
        ["busy@example.org"]
    );
}

#[tokio::test]
async fn a_stopped_server_fails_sends_transiently_until_it_is_back() {
    let server = SmtpServer::start().await;
    let port = server.port();
    let cfg = config(&server);
    let mailer = Mailer::new(&cfg).unwrap();
    send(&mailer, &cfg, &email("Before", "before@example.org", "1"))
        .await
        .unwrap();
    server.wait_for(1, WAIT).await.unwrap();

    server.stop().await;
    for _ in 0..2 {
        let err = send(&mailer, &cfg, &email("During", "during@example.org", "2"))
            .await
            .unwrap_err();
        assert!(!err.permanent, "{err:?}");
        assert!(!err.reason.is_empty());
    }
    assert_eq!(server.messages().len(), 1);

    // A new server on the same port: the same mailer works again.
    let server = SmtpServer::start_on(port).await;
    send(&mailer, &cfg, &email("After", "after@example.org", "3"))
        .await
        .unwrap();
    let got = server.wait_for(1, WAIT).await.unwrap();
    assert_eq!(got[0].to, ["after@example.org"]);
    assert_eq!(got[0].decoded().subject, "3");
}

#[tokio::test]
async fn a_server_stopped_during_a_session_fails_the_send_transiently() {
    let server = SmtpServer::start().await;
    // Messages go out back to back; stopping the server closes the
    // connection in use, wherever the transaction is, and refuses new ones.
    let cfg = config(&server);
    let mailer = Mailer::new(&cfg).unwrap();
    let sending = {
        let mailer = mailer.clone();
        let cfg = cfg.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = send(&mailer, &cfg, &email("Loop", "loop@example.org", "x")).await {
                    return e;
                }
            }
        })
    };
    server.wait_for(3, WAIT).await.unwrap();
    server.stop().await;
    let err = tokio::time::timeout(WAIT, sending).await.unwrap().unwrap();
    assert!(!err.permanent, "{err:?}");
}
