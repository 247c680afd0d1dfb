//! `/invoices/{id}`: the header, totals and tax, the downloads (`downloads.rs`), payments
//! (`payments.rs`), and the lines in tabs: licences, usage (the
//! daily rated lines, paged from the server as the table scrolls) and credits.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::Amount;
use portal_domain::invoice::{
    BillingLineItem, DocumentType, Invoice, InvoiceStatus, LineKind, Payment,
};

use super::corrections::Corrections;
use super::downloads::Downloads;
use super::payments::{PaymentForm, Payments};
use super::usage_lines::UsageLines;
use super::{document_name, period_name, status_badge};
use crate::api::{ApiError, use_api};
use crate::components::{Cell, Column, FigureTable, SortOrder, headings, rows_of};
use crate::components::{ErrorNotice, Loading, TabItem, Tabs, use_page_title};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Licences,
    Usage,
    Credits,
}

impl TabItem for Tab {
    const ALL: &'static [Tab] = &[Tab::Licences, Tab::Usage, Tab::Credits];

    fn label(self, t: &Messages) -> &'static str {
        match self {
            Tab::Licences => t.invoices().tab_licences,
            Tab::Usage => t.invoices().tab_usage,
            Tab::Credits => t.invoices().tab_credits,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Licences => "inv-tab-licences",
            Tab::Usage => "inv-tab-usage",
            Tab::Credits => "inv-tab-credits",
        }
    }
}

pub fn charge_type_name(t: &Messages, charge_type: &str) -> &'static str {
    match charge_type {
        "new" => t.invoices().charge_new,
        "cycleCharge" => t.invoices().charge_cycle,
        "addQuantity" => t.invoices().charge_add,
        "removeQuantity" => t.invoices().charge_remove,
        "cancelImmediate" => t.invoices().charge_cancel,
        "usage" => t.invoices().charge_usage,
        "void" => t.invoices().charge_void,
        _ => t.invoices().charge_adjustment,
    }
}

/// The lines' columns; the product links to its subscription when there is one.
pub fn line_columns() -> Vec<Column<BillingLineItem>> {
    let product = Column {
        heading: |t| t.invoices().col_product,
        cell: |l: &BillingLineItem, _: &Messages| match &l.subscription_id {
            Some(id) => {
                Cell::Link { text: l.product_name.clone(), href: format!("/subscriptions/{id}") }
            }
            None => Cell::Text(l.product_name.clone()),
        },
    };
    let mut columns = vec![product];
    columns.extend(charge_columns());
    let totals: [Column<BillingLineItem>; 3] = [
        Column {
            heading: |t| t.invoices().col_subtotal,
            cell: |l, _| Cell::money(l.subtotal, &l.currency),
        },
        Column {
            heading: |t| t.invoices().col_tax,
            cell: |l, _| Cell::money(l.tax_total, &l.currency),
        },
        Column {
            heading: |t| t.col_total,
            cell: |l, _| Cell::money(l.total_for_customer, &l.currency),
        },
    ];
    columns.extend(totals);
    columns
}

/// What a line charges, whatever it bills: description, kind of charge, period and quantity.
pub fn charge_columns() -> Vec<Column<BillingLineItem>> {
    vec![
        Column {
            heading: |t| t.invoices().col_description,
            cell: |l, _| Cell::Text(l.sku_name.clone()),
        },
        Column {
            heading: |t| t.invoices().col_charge,
            cell: |l, t| Cell::Text(charge_type_name(t, &l.charge_type).to_owned()),
        },
        Column { heading: |t| t.invoices().col_from, cell: |l, _| Cell::day(&l.charge_start_date) },
        Column { heading: |t| t.invoices().col_to, cell: |l, _| Cell::day(&l.charge_end_date) },
        Column { heading: |t| t.col_quantity, cell: |l, _| Cell::Number(l.quantity) },
    ]
}

#[derive(Clone)]
struct Loaded {
    invoice: Invoice,
    lines: Vec<BillingLineItem>,
    payments: Vec<Payment>,
}

#[component]
pub fn InvoiceDetail() -> impl IntoView {
    use_page_title(|t| t.invoices().detail_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let params = use_params_map();
    let api = use_api();
    let session = use_session();
    let changed = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        let api = api.clone();
        let id = params.read().get("id").unwrap_or_default();
        let _ = changed.get();
        async move {
            let (invoice, lines, payments) = futures::try_join!(
                api.invoice(&id),
                api.billing_lines(&id),
                api.invoice_payments(&id)
            )?;
            Ok::<_, ApiError>(Loaded { invoice, lines, payments })
        }
    });
    view! {
        <p>
            <A href="/invoices">{move || t().invoices().back}</A>
        </p>
        <Transition fallback=Loading>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(loaded) => {
                            if session.me_untracked().is_some_and(|me| me.is_partner_user()) {
                                session
                                    .set_customer_in_view(Some(loaded.invoice.customer_id.clone()));
                            }
                            // The lines link to the customer's subscriptions: a partner user looks at
                            // them with this customer in view.
                            view! {
                                <InvoiceView
                                    loaded=loaded
                                    on_paid=Callback::new(move |()| changed.update(|n| *n += 1))
                                />
                            }
                                .into_any()
                        }
                        Err(ApiError::NotFound) => {
                            view! {
                                <h1>{move || t().invoices().detail_title}</h1>
                                <p class="notice error">{move || t().invoices().not_found}</p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <h1>{move || t().invoices().detail_title}</h1>
                                <ErrorNotice
                                    error=error
                                    retry=Callback::new(move |()| data.refetch())
                                />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn InvoiceView(loaded: Loaded, on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let Loaded { invoice, lines, payments } = loaded;
    let invoice = StoredValue::new(invoice);
    let lines = StoredValue::new(lines);
    let currency = invoice.with_value(|i| i.currency_code.clone());
    let money = {
        let currency = currency.clone();
        move |amount: Amount| format::money(&i18n.format_tag(), amount, &currency)
    };
    let tab = RwSignal::new(Tab::Licences);
    let of_kind = move |kind: LineKind| {
        lines.with_value(|l| l.iter().filter(|x| x.line_kind == kind).cloned().collect::<Vec<_>>())
    };
    let can_pay = move || {
        session.me().is_some_and(|me| me.records_payments())
            && invoice.with_value(|i| i.status == InvoiceStatus::Outstanding)
    };
    // Invoices are corrected by notes; notes and voided invoices are not corrected again.
    let can_correct = move || {
        session.me().is_some_and(|me| me.records_payments())
            && invoice.with_value(|i| {
                i.document_type == DocumentType::Invoice && i.status != InvoiceStatus::Voided
            })
    };
    let i = invoice.get_value();
    let badge = status_badge(&i);
    let title = move || {
        format!(
            "{} {}",
            document_name(t(), invoice.with_value(|i| i.document_type)),
            invoice.with_value(|i| i.id.clone())
        )
    };
    let tag = move || i18n.format_tag();
    let money_row = money.clone();

    view! {
        <h1 id="invoice-title" tabindex="-1">
            {title}
        </h1>
        <dl class="facts">
            <dt>{move || t().col_customer}</dt>
            <dd>{i.customer_name.clone()}</dd>
            <dt>{move || t().col_date}</dt>
            <dd>{move || format::timestamp_date(&tag(), &i.invoice_date)}</dd>
            <dt>{move || t().invoices().period}</dt>
            <dd>{move || period_name(&tag(), &i.billing_period_start_date)}</dd>
            <dt>{move || t().col_status}</dt>
            <dd>{badge}</dd>
            {i
                .due_date
                .clone()
                .and_then(|due| due.parse().ok())
                .map(|due| {
                    view! {
                        <dt>{move || t().invoices().due_date}</dt>
                        <dd>
                            {move || format::long_date(&tag(), due)} <br />
                            <span class="hint">
                                {move || (t()
                                    .invoices()
                                    .due_explained)(portal_domain::invoice::PAYMENT_TERMS_DAYS)}
                            </span>
                        </dd>
                    }
                })}
            {i
                .amends_of
                .clone()
                .map(|of| {
                    view! {
                        <dt>{move || t().invoices().amends}</dt>
                        <dd>
                            <A href=format!("/invoices/{of}")>{of.clone()}</A>
                        </dd>
                    }
                })}
            {i
                .reason
                .clone()
                .map(|reason| {
                    view! {
                        <dt>{move || t().invoices().reason}</dt>
                        <dd>{reason}</dd>
                    }
                })}
            {(!i.amendments.is_empty())
                .then(|| {
                    view! {
                        <dt>{move || t().invoices().amendments}</dt>
                        <dd>
                            <ul class="plain">
                                {i
                                    .amendments
                                    .iter()
                                    .map(|a| {
                                        let (id, kind) = (a.id.clone(), a.document_type);
                                        view! {
                                            <li>
                                                <A href=format!("/invoices/{id}")>{id.clone()}</A>
                                                " · "
                                                {move || document_name(t(), kind)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </dd>
                    }
                })}
        </dl>

        <section aria-labelledby="inv-totals-title" class="card">
            <h2 id="inv-totals-title">{move || t().invoices().totals}</h2>
            <dl class="totals">
                <dt>{move || t().invoices().col_subtotal}</dt>
                <dd>{money_row(i.subtotal)}</dd>
                <dt>
                    {move || (t().invoices().tax_at)(&format::decimal(&tag(), i.tax_rate_percent))}
                </dt>
                <dd>{money_row(i.tax_total)}</dd>
                <dt>{move || t().col_total}</dt>
                <dd class="strong" data-testid="invoice-total">
                    {money_row(i.total_charges)}
                </dd>
                <dt>{move || t().invoices().col_paid}</dt>
                <dd>{money_row(i.paid_amount.abs())}</dd>
                <dt>{move || t().invoices().col_balance}</dt>
                <dd class="strong" data-testid="invoice-balance">
                    {money_row(i.balance_amount)}
                </dd>
            </dl>
            <Downloads
                invoice_id=i.id.clone()
                usage=Signal::derive(move || tab.get() == Tab::Usage)
            />
        </section>

        <Payments payments=payments currency=currency.clone() />
        {move || {
            can_pay().then(|| view! { <PaymentForm invoice=invoice.get_value() on_paid=on_paid /> })
        }}
        {move || { can_correct().then(|| view! { <Corrections invoice=invoice.get_value() /> }) }}

        <section aria-labelledby="inv-lines-title">
            <h2 id="inv-lines-title">{move || t().invoices().lines}</h2>
            <Tabs labelled_by="inv-lines-title" panel_id="inv-lines-panel" selected=tab>
                {move || match tab.get() {
                    Tab::Licences => {
                        view! {
                            <LineTable
                                lines=of_kind(LineKind::Licence)
                                caption=t().invoices().tab_licences
                                filter_id="inv-licence-filter"
                                file_name="invoice-licences"
                            />
                        }
                            .into_any()
                    }
                    Tab::Credits => {
                        view! {
                            <LineTable
                                lines=of_kind(LineKind::Credit)
                                caption=t().invoices().tab_credits
                                filter_id="inv-credit-filter"
                                file_name="invoice-credits"
                            />
                        }
                            .into_any()
                    }
                    Tab::Usage => {
                        view! {
                            <LineTable
                                lines=of_kind(LineKind::Usage)
                                caption=t().invoices().usage_per_meter
                                filter_id="inv-usage-meter-filter"
                                file_name="invoice-usage-per-meter"
                            />
                            <UsageLines
                                invoice_id=invoice.with_value(|i| i.id.clone())
                                total=invoice.with_value(|i| i.usage_line_count)
                            />
                        }
                            .into_any()
                    }
                }}
            </Tabs>
        </section>
    }
}

#[component]
fn LineTable(
    lines: Vec<BillingLineItem>,
    caption: &'static str,
    filter_id: &'static str,
    file_name: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! { <p class="empty">{move || i18n.t().invoices().no_lines}</p> }.into_any();
    }
    let columns = line_columns();
    let rows = Signal::derive(move || rows_of(&lines, &columns, i18n.t()));
    view! {
        <FigureTable
            caption=caption.to_owned()
            headings=headings(&line_columns())
            rows=rows
            order=SortOrder {
                column: 0,
                descending: false,
            }
            filter_id=filter_id
            file_name=file_name
        />
    }
    .into_any()
}
