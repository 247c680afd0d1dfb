//! `/invoices/unbilled`: what the month in progress bills the customer in view so far, computed
//! by the server as closing the month would, with the same per-line tax.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::Amount;
use portal_domain::invoice::{BillingLineItem, LineTotals};

use super::detail::line_columns;
use crate::api::{ApiError, use_api};
use crate::components::{CustomerData, customer_view, use_page_title};
use crate::components::{FigureTable, SortOrder, headings, rows_of};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

/// The estimate's totals: the sums of its lines, as the invoice's will be.
fn totals(lines: &[BillingLineItem]) -> Option<LineTotals> {
    let each: Vec<LineTotals> = lines
        .iter()
        .map(|l| LineTotals { subtotal: l.subtotal, tax: l.tax_total, total: l.total_for_customer })
        .collect();
    LineTotals::sum(&each)
}

#[component]
pub fn Unbilled() -> impl IntoView {
    use_page_title(|t| t.invoices().unbilled_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let data: CustomerData<(String, Vec<BillingLineItem>)> = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        async move {
            let Some(id) = customer else { return Ok(None) };
            let (customer, lines) = futures::try_join!(api.customer(&id), api.unbilled_lines(&id))?;
            Ok::<_, ApiError>(Some((customer.company_profile.company_name, lines)))
        }
    });
    let month = move || format::month_year(&i18n.format_tag(), format::today_utc());
    view! {
        <p>
            <A href="/invoices">{move || t().invoices().back}</A>
        </p>
        <h1>{move || t().invoices().unbilled_title}</h1>
        <p class="hint">{move || (t().invoices().unbilled_hint)(&month())}</p>
        {customer_view(
            data,
            move |(name, lines)| {
                let currency = lines
                    .first()
                    .map(|l| l.currency.clone())
                    .unwrap_or_else(|| "EUR".to_owned());
                let sums = totals(&lines);
                let money = {
                    let currency = currency.clone();
                    move |amount: Amount| format::money(&i18n.format_tag(), amount, &currency)
                };
                let columns = line_columns();
                let rows = Signal::derive(move || rows_of(&lines, &columns, i18n.t()));
                view! {
                    <h2>{name}</h2>
                    {sums
                        .map(|s| {
                            view! {
                                <dl class="totals card">
                                    <dt>{move || t().invoices().col_subtotal}</dt>
                                    <dd>{money(s.subtotal)}</dd>
                                    <dt>{move || t().invoices().col_tax}</dt>
                                    <dd>{money(s.tax)}</dd>
                                    <dt>{move || t().invoices().estimate_total}</dt>
                                    <dd class="strong" data-testid="estimate-total">
                                        {money(s.total)}
                                    </dd>
                                </dl>
                                <p class="hint">{move || t().invoices().usage_rounding}</p>
                            }
                        })}
                    <FigureTable
                        caption=t().invoices().unbilled_lines.to_owned()
                        headings=headings(&line_columns())
                        rows=rows
                        order=SortOrder {
                            column: 0,
                            descending: false,
                        }
                        filter_id="unbilled-filter"
                        file_name="unbilled-estimate"
                    />
                }
            },
        )}
    }
}
