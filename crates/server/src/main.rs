use chrono::Utc;
use clap::Parser;
use portal_server::config::Command;
use portal_server::error::AppError;
use portal_server::routes::azure_stack::{TokenRequest, issue_token};
use portal_server::{Application, Config, db, demo, invoicing, telemetry, usage_seed};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    telemetry::init(config.log_format);
    if let Some(Command::SeedUsage { days }) = config.command {
        let db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        let today = Utc::now().date_naive();
        let added = usage_seed::seed(&db, today, days).await?;
        println!("Added {added} usage records for the last {days} days up to {today}.");
        return Ok(());
    }
    if let Some(Command::ClosePeriod { period }) = &config.command {
        let period = invoicing::parse_month(period).ok_or_else(|| {
            anyhow::anyhow!("the period must be a past month written YYYY-MM, such as 2026-10")
        })?;
        let db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        let report = invoicing::close_period(&db, period, Utc::now()).await?;
        println!(
            "{}: {} invoices issued, {} issued before, {} customers failed.",
            period.month_key(),
            report.issued,
            report.already_issued,
            report.failed
        );
        // A script running the close must notice; the reasons are in the log above and in
        // GET /v1/invoices/closefailures.
        anyhow::ensure!(
            report.failed == 0,
            "{} customers could not be invoiced; the others were",
            report.failed
        );
        return Ok(());
    }
    if let Some(Command::AzsToken { cloud_id, billing_model, agreement_number, nodes, cores }) =
        &config.command
    {
        let billing_model = billing_model.parse().map_err(|_| {
            anyhow::anyhow!("the billing model must be Capacity or Development, as written")
        })?;
        let db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        let request = TokenRequest {
            cloud_id: cloud_id.clone(),
            billing_model,
            agreement_number: agreement_number.clone(),
            node_count: *nodes,
            cores: *cores,
        };
        let answer = issue_token(&db, request, Utc::now()).await.map_err(|e| match e {
            AppError::Api { description, .. } => anyhow::anyhow!("no token: {description}"),
            AppError::Internal(e) => e,
        })?;
        println!("{}", answer.registration_token);
        eprintln!(
            "Valid until {}. Paste it into Register a deployment, Disconnected.",
            answer.expires_at
        );
        return Ok(());
    }
    let demo_data = config.demo_data;
    let app = Application::build(config).await?;
    let invitation = if demo_data {
        demo::tailspin_invitation(app.db(), app.public_url(), Utc::now()).await?
    } else {
        None
    };
    print_banner(app.public_url(), demo_data, invitation.as_deref());
    app.run_until_stopped(shutdown_signal()).await
}

/// What a person starting the server needs: where it is and how to sign in.
fn print_banner(url: &str, demo_data: bool, invitation: Option<&str>) {
    println!("\nBilling portal running at {url}/");
    if demo_data {
        println!("Demo sign-ins:");
        for user in &demo::USERS {
            let who =
                user.roles.first().map_or("reader of Contoso's Azure plan only", |r| r.as_str());
            println!("  {:<28} {:<16} {who}", user.email, user.password);
        }
    }
    if let Some(link) = invitation {
        let (email, ..) = demo::TAILSPIN_CONTACT;
        println!(
            "Tailspin Toys has not accepted Northwind's invitation yet. To accept it as its first\n\
             admin ({email}), open in another browser (valid 7 days, once):\n  {link}"
        );
    }
    println!("Press Ctrl+C to stop.\n");
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}
