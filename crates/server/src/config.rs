//! Server configuration: command-line flags, each with an environment variable fallback.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Clone, Parser)]
#[command(name = "portal-server", version, about = "Billing portal REST API and SPA host")]
pub struct Config {
    /// `sqlite://path/to/file.db` (created on first start) or `postgres://user:pass@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/portal.db")]
    pub database_url: String,

    /// Address to listen on. Use 0.0.0.0 behind a load balancer.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on; 0 picks a free one.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// The built SPA (Trunk's dist/). Served at `/`; unknown paths outside /v1 get its index.html.
    #[arg(long, env = "DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Comma-separated origins allowed to call the API with credentials (an SPA hosted elsewhere).
    #[arg(long, env = "PORTAL_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Where people open the portal, e.g. `https://portal.example.com`: the start of the links in
    /// invitations and relationship requests. Defaults to this server's own address, which is
    /// right only when the browser reaches it directly.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Send invitations by email through this SMTP server: `smtp://host:25` (plain),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://user:pass@host:465`.
    /// Without it, the partner copies the invitation link and passes it on.
    #[arg(long, env = "PORTAL_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of those emails.
    #[arg(long, env = "PORTAL_SMTP_FROM", default_value = "Billing portal <no-reply@localhost>")]
    pub smtp_from: String,

    /// Create the demo partner, customers and users when they are missing. Off unless asked
    /// for: a production server must not have accounts with published passwords.
    #[arg(long, env = "PORTAL_DEMO_DATA", default_value_t = false, action = clap::ArgAction::Set)]
    pub demo_data: bool,

    /// With the demo data, this many days of Azure usage up to today (0 for none).
    #[arg(long, env = "PORTAL_DEMO_USAGE_DAYS", default_value_t = 90)]
    pub demo_usage_days: u32,

    /// Read the client's address from the last `X-Forwarded-For` entry (set this only behind a
    /// load balancer that appends it); otherwise the connection's peer address is used.
    #[arg(long, env = "PORTAL_TRUST_FORWARDED_FOR", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_forwarded_for: bool,

    /// Requests handled at once; more are answered 503 with `Retry-After` instead of queueing.
    #[arg(long, env = "PORTAL_MAX_IN_FLIGHT", default_value_t = 512)]
    pub max_in_flight: usize,

    /// Seconds a request may take to produce its answer (a streamed body may take longer);
    /// after that it is stopped and answered 503.
    #[arg(long, env = "PORTAL_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Serve Prometheus metrics at `http://<this address>/metrics`, e.g. `127.0.0.1:9464`: a
    /// listener of its own, apart from the public port, for the monitoring network only (port 0
    /// picks a free one). Without it, no metrics are served.
    #[arg(long, env = "PORTAL_METRICS_ADDR")]
    pub metrics_addr: Option<std::net::SocketAddr>,

    /// `text` for people, `json` for log collectors.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Generates realistic Azure usage for every active Azure subscription (demo customers), for
    /// the given number of days up to today, then exits. Days seeded before are left as they are.
    SeedUsage {
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// Issues the invoices of a month (`2026-10`) that are missing, then exits. The server does
    /// this by itself for the previous month; running it again issues nothing new.
    ClosePeriod {
        /// The month, as `YYYY-MM`.
        period: String,
    },
    /// Plays a disconnected Azure Stack Hub deployment (`Get-AzsRegistrationToken`): prints a
    /// registration token, signed with this database's key, to paste into "Register a
    /// deployment", then exits.
    AzsToken {
        /// The deployment's cloud id (a GUID).
        #[arg(long)]
        cloud_id: String,
        /// Capacity or Development: a disconnected deployment cannot pay as it uses.
        #[arg(long, default_value = "Capacity")]
        billing_model: String,
        /// The Enterprise Agreement number the capacity was bought under (Capacity only).
        #[arg(long)]
        agreement_number: Option<String>,
        #[arg(long, default_value_t = 4)]
        nodes: i64,
        /// Physical cores in all.
        #[arg(long, default_value_t = 64)]
        cores: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The configuration with no flags given: built-in defaults, or the environment variables
    /// where they are set. Tests override the fields they care about.
    pub fn defaults() -> Self {
        Self::parse_from(["portal-server"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_defaults() {
        let c = Config::parse_from([
            "portal-server",
            "--port",
            "9000",
            "--allowed-origins",
            "https://a.example,https://b.example",
            "--demo-data",
            "true",
        ]);
        assert_eq!(c.port, 9000);
        assert_eq!(c.allowed_origins, ["https://a.example", "https://b.example"]);
        assert!(c.demo_data);
        assert!(!Config::defaults().demo_data, "demo data must be asked for");
        assert!(c.command.is_none());
        let seed = Config::parse_from(["portal-server", "seed-usage", "--days", "30"]);
        assert!(matches!(seed.command, Some(Command::SeedUsage { days: 30 })));
    }
}
