//! Correcting an issued invoice (billing admins): a void note cancels it, an adjustment note adds
//! one line before tax. The dialog says what the note does before it is issued; the invoice
//! itself never changes, and the note opens once issued, with its own document number.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::invoice::{DocumentType, Invoice, NewAmendment, check_amendment_reason};
use portal_domain::{Amount, Currency};

use crate::api::use_api;
use crate::browser;
use crate::components::{
    CancelButton, FieldProblem, Modal, MutationError, TextField, close_dialog, mutation,
};
use crate::i18n::{format, use_i18n};

#[component]
pub(super) fn Corrections(invoice: Invoice) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let open = RwSignal::new(false);
    let invoice = StoredValue::new(invoice);
    view! {
        <section aria-labelledby="inv-correct-title" class="card">
            <h2 id="inv-correct-title">{move || t().invoices().correct_title}</h2>
            <p class="hint">{move || t().invoices().correct_intro}</p>
            <button
                type="button"
                id="inv-correct"
                class="button secondary"
                on:click=move |_| open.set(true)
            >
                {move || t().invoices().correct_button}
            </button>
        </section>
        <Show when=move || open.get()>
            <CorrectionDialog invoice=invoice.get_value() open=open />
        </Show>
    }
}

#[component]
fn CorrectionDialog(invoice: Invoice, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let navigate = use_navigate();
    // Payments cannot be undone by a void note: the invoice is adjusted instead.
    let can_void = invoice.paid_amount.is_zero();
    let kind =
        RwSignal::new(if can_void { DocumentType::VoidNote } else { DocumentType::AdjustmentNote });
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let amount_problem = RwSignal::new(None::<String>);
    let reason_problem = RwSignal::new(None::<String>);
    // Kept until the note is issued: a retry after a lost answer finds it.
    let request_id = StoredValue::new(browser::random_id());
    let (id, currency_code, total) = (
        StoredValue::new(invoice.id.clone()),
        invoice.currency_code.clone(),
        invoice.total_charges,
    );
    let currency = Currency::from_code(&currency_code);

    let issue = mutation(move |body: NewAmendment| {
        let (api, navigate) = (api.clone(), navigate.clone());
        async move {
            let note = api.amend_invoice(&id.get_value(), &body, &request_id.get_value()).await?;
            close_dialog();
            navigate(&format!("/invoices/{}", note.id), Default::default());
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = i18n.t_untracked();
        let text = reason.get_untracked().trim().to_owned();
        let reason_ok = check_amendment_reason(&text).is_ok();
        reason_problem.set((!reason_ok).then(|| t.invoices().problem_reason.to_owned()));
        let adjusting = kind.get_untracked() == DocumentType::AdjustmentNote;
        let value = adjusting
            .then(|| format::parse_amount(&i18n.format_tag_untracked(), &amount.get_untracked()))
            .flatten()
            .filter(|a: &Amount| !a.is_zero() && currency.is_some_and(|c| a.round_to(c) == *a));
        let amount_ok = !adjusting || value.is_some();
        amount_problem.set((!amount_ok).then(|| t.invoices().problem_adjust_amount.to_owned()));
        if !amount_ok {
            browser::focus("correct-amount");
            return;
        }
        if !reason_ok {
            browser::focus("correct-reason");
            return;
        }
        issue.dispatch(NewAmendment {
            document_type: kind.get_untracked(),
            amount: value,
            reason: text,
        });
    };

    let effect = move || {
        let tag = i18n.format_tag();
        match kind.get() {
            DocumentType::VoidNote => {
                (t().invoices().void_effect)(&format::money(&tag, total, &currency_code))
            }
            _ => t().invoices().adjustment_effect.to_owned(),
        }
    };
    let choice = move |document: DocumentType,
                       label: fn(&crate::i18n::Messages) -> &'static str,
                       enabled: bool| {
        let input_id = format!("correct-{}", document.as_str());
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=input_id.clone()
                    name="correct-kind"
                    disabled=!enabled
                    prop:checked=move || kind.get() == document
                    on:change=move |_| kind.set(document)
                />
                <label for=input_id>{move || label(t())}</label>
            </div>
        }
    };

    view! {
        <Modal
            title_id="correct-title"
            on_close=move || {
                open.set(false);
                browser::focus("inv-correct");
            }
        >
            <form on:submit=on_submit novalidate>
                <h2 id="correct-title">
                    {move || (t().invoices().correct_dialog_title)(&id.get_value())}
                </h2>
                <fieldset class="field choices">
                    <legend>{move || t().invoices().correct_kind}</legend>
                    {choice(DocumentType::VoidNote, |t| t.invoices().document_void, can_void)}
                    {(!can_void)
                        .then(|| {
                            view! { <p class="hint">{move || t().invoices().void_refused}</p> }
                        })}
                    {choice(
                        DocumentType::AdjustmentNote,
                        |t| t.invoices().document_adjustment,
                        true,
                    )}
                </fieldset>
                <Show when=move || kind.get() == DocumentType::AdjustmentNote>
                    <div class="field">
                        <label for="correct-amount">{move || t().invoices().adjust_amount}</label>
                        <input
                            id="correct-amount"
                            inputmode="decimal"
                            bind:value=amount
                            aria-invalid=move || amount_problem.with(Option::is_some).to_string()
                            aria-describedby=move || {
                                if amount_problem.with(Option::is_some) {
                                    "correct-amount-hint correct-amount-error"
                                } else {
                                    "correct-amount-hint"
                                }
                            }
                        />
                        <p id="correct-amount-hint" class="hint">
                            {move || t().invoices().adjust_amount_hint}
                        </p>
                        <FieldProblem id="correct-amount-error" message=amount_problem />
                    </div>
                </Show>
                <TextField
                    id="correct-reason"
                    label=Signal::derive(move || t().invoices().reason)
                    value=reason
                    error=reason_problem
                />
                <p id="correct-effect" class="estimate" aria-live="polite">
                    {effect}
                    " "
                    {move || t().invoices().note_numbered}
                </p>
                <MutationError mutation=issue />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=issue.pending()>
                        {move || t().invoices().issue_note}
                    </button>
                    <CancelButton safe_choice=true />
                </div>
            </form>
        </Modal>
    }
}
