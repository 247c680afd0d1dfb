//! Email: invitations to a customer's first admin, through the SMTP server `PORTAL_SMTP_URL`
//! names. Without one nothing is sent and the partner passes the link on themselves; a failed
//! send is logged and reported the same way, never a failed request.

use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long one send may take before it counts as failed (the partner still has the link).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

/// An invitation email's facts; its words come from the customer's language.
pub struct InvitationMail<'a> {
    pub to: &'a str,
    /// `fr` for French; anything else reads English.
    pub language: &'a str,
    pub partner_name: &'a str,
    pub company_name: &'a str,
    pub url: &'a str,
    /// The day the link stops working, `YYYY-MM-DD`.
    pub expires_on: &'a str,
}

impl Mailer {
    /// A mailer for `smtp_url` (None: mail is off), sending as `from`. Called within the tokio
    /// runtime: the connection pool runs a task there.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox =
            from.parse().with_context(|| format!("PORTAL_SMTP_FROM: '{from}' is not a mailbox"))?;
        let transport = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("PORTAL_SMTP_URL is not an smtp:// or smtps:// URL")?
                    .timeout(Some(SEND_TIMEOUT))
                    .build(),
            ),
        };
        Ok(Mailer { transport, from })
    }

    pub fn is_configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Sends the invitation; whether it left (false without SMTP, or when the server refused it).
    pub async fn send_invitation(&self, mail: &InvitationMail<'_>) -> bool {
        let Some(transport) = &self.transport else { return false };
        let message = match invitation_message(&self.from, mail) {
            Ok(message) => message,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "invitation email not built");
                return false;
            }
        };
        match transport.send(message).await {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!(error = %e, "invitation email not sent; the partner has the link");
                false
            }
        }
    }
}

fn invitation_message(from: &Mailbox, mail: &InvitationMail<'_>) -> anyhow::Result<Message> {
    let InvitationMail { partner_name, company_name, url, expires_on, .. } = mail;
    let (subject, body) = if mail.language.eq_ignore_ascii_case("fr") {
        (
            format!("{partner_name} vous invite sur le portail de facturation"),
            format!(
                "Bonjour,\n\n{partner_name} vous invite à devenir l’administrateur de {company_name} \
                 sur le portail de facturation, et lui demande d’agir pour votre compte : acheter et \
                 gérer vos abonnements, consulter votre consommation et vos factures, gérer vos \
                 utilisateurs, pendant deux ans.\n\nOuvrez ce lien pour choisir votre mot de passe, \
                 puis accepter ou refuser :\n{url}\n\nLe lien ne sert qu’une fois et expire le \
                 {expires_on}. Si vous n’attendiez pas ce message, ignorez-le.\n"
            ),
        )
    } else {
        (
            format!("{partner_name} invites you to the billing portal"),
            format!(
                "Hello,\n\n{partner_name} invites you to be {company_name}'s administrator on the \
                 billing portal, and asks to act for you: buy and manage your subscriptions, see \
                 your usage and invoices, and manage your users, for two years.\n\nOpen this link \
                 to choose your password, then accept or decline:\n{url}\n\nThe link works once and \
                 expires on {expires_on}. If you were not expecting this, ignore it.\n"
            ),
        )
    };
    let to: Mailbox = mail.to.parse().with_context(|| format!("'{}' is not a mailbox", mail.to))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .context("the invitation email")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The transport's connection pool starts a task: it needs the runtime the server has.
    #[tokio::test]
    async fn mail_is_off_without_a_url_and_a_bad_url_is_refused() {
        assert!(!Mailer::new(None, "Portal <no-reply@localhost>").unwrap().is_configured());
        assert!(!Mailer::new(Some(" "), "no-reply@localhost").unwrap().is_configured());
        assert!(
            Mailer::new(Some("smtp://127.0.0.1:2525"), "no-reply@localhost")
                .unwrap()
                .is_configured()
        );
        assert!(Mailer::new(Some("http://example.com"), "no-reply@localhost").is_err());
        assert!(Mailer::new(None, "not a mailbox").is_err());
    }

    #[test]
    fn the_invitation_is_in_the_customer_language() {
        let from: Mailbox = "Portal <no-reply@localhost>".parse().unwrap();
        let mail = |language| InvitationMail {
            to: "anna@tailspintoys.example",
            language,
            partner_name: "Northwind",
            company_name: "Tailspin Toys",
            url: "https://portal.example/invitation#abc",
            expires_on: "2026-12-07",
        };
        let fr =
            String::from_utf8(invitation_message(&from, &mail("fr")).unwrap().formatted()).unwrap();
        assert!(fr.contains("To: anna@tailspintoys.example"), "{fr}");
        assert!(fr.contains("https://portal.example/invitation#abc"));
        assert!(fr.contains("2026-12-07"));
        let en =
            String::from_utf8(invitation_message(&from, &mail("de")).unwrap().formatted()).unwrap();
        assert!(en.contains("Subject: Northwind invites you to the billing portal"), "{en}");
    }
}
