//! An invoice's payments: the list, and the form partner billing admins record one with.

use leptos::prelude::*;
use portal_domain::invoice::{Invoice, NewPayment, Payment, check_payment};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{ErrorNotice, Head, TableHead, mutation};
use crate::i18n::{format, use_i18n};

#[component]
pub(super) fn Payments(payments: Vec<Payment>, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if payments.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="inv-payments-title">
            <h2 id="inv-payments-title">{move || t().invoices().payments}</h2>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{move || t().invoices().payments}</caption>
                    <TableHead columns=[
                        Head::text(|t| t.invoices().paid_on),
                        Head::figure(|t| t.invoices().col_amount),
                        Head::text(|t| t.invoices().reference),
                        Head::text(|t| t.col_who),
                    ] />
                    <tbody>
                        {payments
                            .into_iter()
                            .map(|p| {
                                let tag = i18n.format_tag();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {format::timestamp_date(&tag, &p.paid_on)}
                                        </th>
                                        <td class="numeric">
                                            {format::money(&tag, p.amount, &currency)}
                                        </td>
                                        <td>{p.reference}</td>
                                        <td>{p.recorded_by}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Records a payment: the amount typed the user's way, at most the balance; sent with a
/// request id kept until it succeeds, so a retry after a lost answer records it once.
#[component]
pub(super) fn PaymentForm(invoice: Invoice, on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = StoredValue::new(use_api());
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(format::today_utc().to_string());
    let reference = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let request_id = StoredValue::new(browser::random_id());
    let (id, balance, currency) = (
        StoredValue::new(invoice.id.clone()),
        invoice.balance_amount,
        invoice.currency_code.clone(),
    );
    let record = mutation(move |payment: NewPayment| {
        let api = api.get_value();
        async move {
            match api.record_payment(&id.get_value(), &payment, &request_id.get_value()).await {
                Ok(_) => {
                    request_id.set_value(browser::random_id());
                    on_paid.run(());
                    browser::focus("invoice-title");
                    Ok(())
                }
                // The server's rules name the field: say it beside the amount.
                Err(ApiError::Validation { fields, .. }) if !fields.is_empty() => {
                    problem.try_set(Some(
                        fields
                            .iter()
                            .map(|f| format!("{}: {}", f.field, f.message))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = i18n.t_untracked();
        let parsed = format::parse_amount(&i18n.format_tag_untracked(), &amount.get_untracked());
        let Some(value) = parsed else {
            problem.set(Some(t.invoices().payment_invalid.to_owned()));
            browser::focus("payment-amount");
            return;
        };
        if check_payment(value, balance).is_err() {
            problem.set(Some(t.invoices().payment_too_much.to_owned()));
            browser::focus("payment-amount");
            return;
        }
        problem.set(None);
        record.dispatch(NewPayment {
            amount: value,
            paid_on: Some(paid_on.get_untracked()),
            reference: reference.get_untracked(),
        });
    };
    view! {
        <section aria-labelledby="inv-pay-title" class="card">
            <h2 id="inv-pay-title">{move || t().invoices().record_payment}</h2>
            <p class="hint">
                {move || (t()
                    .invoices()
                    .payment_hint)(&format::money(&i18n.format_tag(), balance, &currency))}
            </p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="payment-amount">{move || t().invoices().payment_amount}</label>
                    <input
                        id="payment-amount"
                        inputmode="decimal"
                        required
                        aria-invalid=move || problem.get().is_some().to_string()
                        aria-describedby="payment-problem"
                        bind:value=amount
                    />
                    <p id="payment-problem" class="field-error" role="alert">
                        {move || problem.get()}
                    </p>
                </div>
                <div class="field">
                    <label for="payment-date">{move || t().invoices().paid_on}</label>
                    <input id="payment-date" type="date" required bind:value=paid_on />
                </div>
                <div class="field">
                    <label for="payment-reference">{move || t().invoices().reference}</label>
                    <input id="payment-reference" maxlength="100" bind:value=reference />
                </div>
                <button type="submit" class="button" disabled=record.pending()>
                    {move || {
                        if record.pending().get() {
                            t().invoices().saving
                        } else {
                            t().invoices().record_payment
                        }
                    }}
                </button>
            </form>
            {move || {
                record
                    .error()
                    .map(|e| {
                        view! {
                            <ErrorNotice error=e retry=Callback::new(move |()| record.clear()) />
                        }
                    })
            }}
        </section>
    }
}
