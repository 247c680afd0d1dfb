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
        let (subject, body) = invitation_text(mail);
        self.send(mail.to, subject, body).await
    }

    /// Sends a link to choose a password; whether it left.
    pub async fn send_password_link(&self, mail: &PasswordLinkMail<'_>) -> bool {
        let (subject, body) = password_link_text(mail);
        self.send(mail.to, subject, body).await
    }

    async fn send(&self, to: &str, subject: String, body: String) -> bool {
        let Some(transport) = &self.transport else { return false };
        let message = match message(&self.from, to, subject, body) {
            Ok(message) => message,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "email not built");
                return false;
            }
        };
        match transport.send(message).await {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!(error = %e, "email not sent; the admin has the link to pass on");
                false
            }
        }
    }
}

/// A link to choose a password: for a new account, or to reset one.
pub struct PasswordLinkMail<'a> {
    pub to: &'a str,
    /// The user's locale or language (`fr-FR`); French for `fr…`, English otherwise.
    pub language: &'a str,
    pub display_name: &'a str,
    /// The partner's or customer's name.
    pub organization: &'a str,
    pub url: &'a str,
    pub expires_on: &'a str,
    /// A reset of an existing password, rather than a new account.
    pub reset: bool,
}

fn is_french(language: &str) -> bool {
    language.get(..2).is_some_and(|l| l.eq_ignore_ascii_case("fr"))
}

fn password_link_text(mail: &PasswordLinkMail<'_>) -> (String, String) {
    let PasswordLinkMail { display_name, organization, url, expires_on, .. } = mail;
    match (is_french(mail.language), mail.reset) {
        (true, false) => (
            format!("Votre compte {organization} sur le portail de facturation"),
            format!(
                "Bonjour {display_name},\n\nUn compte a été créé pour vous chez {organization} sur le \
                 portail de facturation. Ouvrez ce lien pour choisir votre mot de passe :\n{url}\n\n\
                 Le lien ne sert qu’une fois et expire le {expires_on}.\n"
            ),
        ),
        (true, true) => (
            "Choisissez un nouveau mot de passe pour le portail de facturation".to_owned(),
            format!(
                "Bonjour {display_name},\n\nUn administrateur de {organization} a demandé un nouveau \
                 mot de passe pour votre compte. Ouvrez ce lien pour le choisir :\n{url}\n\n\
                 Le lien ne sert qu’une fois et expire le {expires_on}.\n"
            ),
        ),
        (false, false) => (
            format!("Your {organization} account on the billing portal"),
            format!(
                "Hello {display_name},\n\nAn account has been created for you at {organization} on the \
                 billing portal. Open this link to choose your password:\n{url}\n\n\
                 The link works once and expires on {expires_on}.\n"
            ),
        ),
        (false, true) => (
            "Choose a new password for the billing portal".to_owned(),
            format!(
                "Hello {display_name},\n\nAn administrator at {organization} asked for a new \
                 password for your account. Open this link to choose it:\n{url}\n\n\
                 The link works once and expires on {expires_on}.\n"
            ),
        ),
    }
}

fn invitation_text(mail: &InvitationMail<'_>) -> (String, String) {
    let InvitationMail { partner_name, company_name, url, expires_on, .. } = mail;
    if is_french(mail.language) {
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
    }
}

fn message(from: &Mailbox, to: &str, subject: String, body: String) -> anyhow::Result<Message> {
    let to: Mailbox = to.parse().with_context(|| format!("'{to}' is not a mailbox"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .context("the email")
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
        let text = |language| {
            let (subject, body) = invitation_text(&mail(language));
            let message = message(&from, "anna@tailspintoys.example", subject, body).unwrap();
            String::from_utf8(message.formatted()).unwrap()
        };
        let fr = text("fr");
        assert!(fr.contains("To: anna@tailspintoys.example"), "{fr}");
        // French text travels quoted-printable, whole once decoded.
        assert!(
            fr.contains("Subject: Northwind vous invite sur le portail de facturation"),
            "{fr}"
        );
        assert!(fr.contains("Content-Transfer-Encoding: quoted-printable"), "{fr}");
        let en = text("de");
        assert!(en.contains("https://portal.example/invitation#abc"), "{en}");
        assert!(en.contains("2026-12-07"), "{en}");
        assert!(en.contains("Subject: Northwind invites you to the billing portal"), "{en}");
    }

    #[test]
    fn a_password_link_says_whether_it_is_a_new_account_or_a_reset() {
        let mail = |language, reset| PasswordLinkMail {
            to: "kim@northwind.example",
            language,
            display_name: "Kim",
            organization: "Northwind",
            url: "https://portal.example/set-password#abc",
            expires_on: "2026-12-07",
            reset,
        };
        assert_eq!(
            password_link_text(&mail("en-US", false)).0,
            "Your Northwind account on the billing portal"
        );
        assert!(password_link_text(&mail("fr-FR", true)).1.contains("nouveau mot de passe"));
        let (_, body) = password_link_text(&mail("en", true));
        assert!(body.contains("https://portal.example/set-password#abc"), "{body}");
    }
}
