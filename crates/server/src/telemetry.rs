//! Structured logs through `tracing`; `RUST_LOG` filters them. Every line logged while a request
//! is handled carries its `MS-RequestId` and `MS-CorrelationId` (the `request` span of
//! `request_ids`): in JSON, under `span`. The same subscriber times database statements for the
//! metrics (`metrics::query_times`).

use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::LogFormat;
use crate::metrics;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let log = match format {
        LogFormat::Text => tracing_subscriber::fmt::layer().with_target(false).boxed(),
        LogFormat::Json => json_log(std::io::stdout).boxed(),
    };
    // A second call (tests start many servers in one process) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(log.with_filter(filter))
        .with(metrics::query_times())
        .try_init();
}

/// The log for collectors: one JSON object a line, the event's fields at the top, the request's
/// span (method, path and ids) under `span`.
pub fn json_log<S, W>(writer: W) -> impl Layer<S>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt::layer()
        .with_target(false)
        .json()
        .flatten_event(true)
        .with_writer(writer)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;
    use crate::request_ids::{self, CORRELATION_ID, REQUEST_ID};

    /// Where the test's log lines go.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Lines {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn every_json_line_of_a_request_carries_its_ids() {
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::registry()
            .with(json_log(move || writer.clone()).with_filter(EnvFilter::new("info")));
        let _default = tracing::subscriber::set_default(subscriber);
        let app = Router::new()
            .route(
                "/work",
                axum::routing::get(|| async {
                    tracing::info!(step = 1, "working");
                    tracing::warn!("still working");
                }),
            )
            .layer(axum::middleware::from_fn(request_ids::middleware));
        let request = Request::get("/work")
            .header(&REQUEST_ID, "0f8fad5b-d9cb-469f-a165-70867728950e")
            .header(&CORRELATION_ID, "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            .body(Body::empty())
            .unwrap();
        app.oneshot(request).await.unwrap();

        let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        let logged: Vec<serde_json::Value> =
            text.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
        // The handler's two lines and the middleware's "handled".
        assert_eq!(logged.len(), 3, "{text}");
        for line in &logged {
            assert_eq!(
                line["span"]["request_id"], "0f8fad5b-d9cb-469f-a165-70867728950e",
                "{line}"
            );
            assert_eq!(line["span"]["correlation_id"], "7c9e6679-7425-40de-944b-e07fc1f90ae7");
        }
        assert_eq!(logged[0]["message"], "working");
        assert_eq!(logged[0]["step"], 1, "the event's fields are flattened");
    }
}
