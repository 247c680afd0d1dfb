//! `GET /v1/activity` and `GET /v1/activity/export` (our extension): the activity log, newest
//! first, for partner global admins and admin agents (their partner's, and their customers')
//! and customer admins (their own), narrowed by kind of change, customer and dates; the export
//! is the same as CSV.

use axum::Json as JsonResponse;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use portal_domain::activity::{ACTION_GROUPS, ActivityEntry};
use portal_domain::csv::{field, line};
use portal_domain::{Attributes, Collection};
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{Allowed, ReadActivity};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::paging;
use crate::state::AppState;
use crate::store::activity::{self, ActivityRow, Filter, Log};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(export))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ActivityQuery {
    /// Entries a page, 1 to 500 (100).
    size: Option<i64>,
    /// `next` with `MS-ContinuationToken` for the next page.
    seek_operation: Option<String>,
    /// A kind of change (`user`, `subscription` … see `ACTION_GROUPS`).
    action: Option<String>,
    /// Only this customer's entries (partner users).
    customer_id: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    since: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    until: Option<String>,
}

/// The most an export holds; narrow it by dates for more.
const EXPORT_MAX: i64 = 100_000;

fn log_of(allowed: &Allowed<ReadActivity>) -> Log<'_> {
    match (&allowed.user.partner_id, &allowed.user.customer_id) {
        (Some(partner), _) => Log::Partner(partner),
        (None, customer) => Log::Customer(customer.as_deref().unwrap_or_default()),
    }
}

fn filter_of(q: &ActivityQuery) -> AppResult<Filter> {
    if let Some(action) = &q.action
        && !ACTION_GROUPS.contains(&action.as_str())
    {
        return Err(AppError::invalid_field(
            "action",
            format!("must be one of {}", ACTION_GROUPS.join(", ")),
        ));
    }
    for (name, value) in [("since", &q.since), ("until", &q.until)] {
        if let Some(day) = value
            && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err()
        {
            return Err(AppError::invalid_field(name, "must be a date written YYYY-MM-DD"));
        }
    }
    Ok(Filter {
        action: q.action.clone(),
        customer_id: q.customer_id.clone().filter(|c| !c.trim().is_empty()),
        since: q.since.clone(),
        until: q.until.clone(),
    })
}

fn to_resource(row: ActivityRow) -> ActivityEntry {
    ActivityEntry {
        id: row.id,
        at: row.at,
        actor: row.actor_name,
        customer_id: row.customer_id,
        company_name: row.company_name,
        action: row.action,
        target_id: row.target_id,
        target_name: row.target_name,
        before: row.before_value,
        after: row.after_value,
        request_id: row.request_id,
        attributes: Attributes::of("ActivityEntry"),
    }
}

#[utoipa::path(
    get,
    path = "/activity",
    operation_id = "listActivity",
    tag = "Activity",
    summary = "The activity log: who changed what, when",
    description = "Newest first, seek-paged. A partner's staff see the partner's and its customers' entries; a customer's admins, their own.",
    security(("session" = [])),
    params(ActivityQuery, ("MS-ContinuationToken" = Option<String>, Header, description = "The next page's token, from the previous page's `links.next`")),
    responses(
        (status = 200, description = "A page of entries", body = Collection<ActivityEntry>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    allowed: Allowed<ReadActivity>,
    headers: HeaderMap,
    Query(q): Query<ActivityQuery>,
) -> AppResult<JsonResponse<Collection<ActivityEntry>>> {
    let size = paging::page_size(q.size, 100, 500)?;
    paging::check_seek_operation(q.seek_operation.as_deref())?;
    let after = paging::cursor_from::<(String, String)>(&headers)?;
    let filter = filter_of(&q)?;
    let rows =
        activity::list(&state.db, log_of(&allowed), &filter, after.as_ref(), size + 1).await?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("action", &filter.action),
        ("customerId", &filter.customer_id),
        ("since", &filter.since),
        ("until", &filter.until),
    ] {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    let base = if query.is_empty() { "/activity".to_owned() } else { format!("/activity?{query}") };
    Ok(JsonResponse(paging::seek_page(
        rows,
        size,
        &base,
        |row| (row.at.clone(), row.id.clone()),
        to_resource,
    )))
}

const HEADINGS: [&str; 11] = [
    "at",
    "actor",
    "customerId",
    "companyName",
    "action",
    "targetId",
    "targetName",
    "before",
    "after",
    "requestId",
    "id",
];

/// `GET /v1/activity/export`: the same entries as CSV, newest first.
#[utoipa::path(
    get,
    path = "/activity/export",
    operation_id = "exportActivity",
    tag = "Activity",
    summary = "The same entries as CSV",
    description = "Newest first, at most 100,000: narrow by dates for more.",
    security(("session" = [])),
    params(ActivityQuery),
    responses(
        (status = 200, content_type = "text/csv", description = "The entries, a header row first", body = String),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    allowed: Allowed<ReadActivity>,
    Query(q): Query<ActivityQuery>,
) -> AppResult<Response> {
    let filter = filter_of(&q)?;
    let rows = activity::list(&state.db, log_of(&allowed), &filter, None, EXPORT_MAX).await?;
    let mut csv = line(HEADINGS);
    for row in rows {
        let text = |v: &str| field(v, false);
        let optional = |v: &Option<String>| field(v.as_deref().unwrap_or_default(), false);
        csv.push_str(&line([
            text(&row.at),
            text(&row.actor_name),
            optional(&row.customer_id),
            optional(&row.company_name),
            text(&row.action),
            text(&row.target_id),
            text(&row.target_name),
            optional(&row.before_value),
            optional(&row.after_value),
            text(&row.request_id),
            text(&row.id),
        ]));
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=activity.csv"),
            ),
        ],
        csv,
    )
        .into_response())
}
