//! What the customer has spent in the period against its spending budget, and the form that
//! changes the budget (customer and partner admins).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::billing::parse_day;
use portal_domain::usage::{self, CustomerUsageSummary};

use crate::api::{ApiError, use_api};
use crate::components::{MutationError, TextField, mutation};
use crate::i18n::{format, use_i18n};

#[component]
pub fn SpendPanel(
    summary: CustomerUsageSummary,
    /// The summary counts only the subscriptions the user holds a role on, without the budget.
    scoped: bool,
    can_change: bool,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let spent = summary.total_cost;
    // The invoice rounds each of its lines to the cent: its sum can be a few cents off.
    let billed = portal_domain::Currency::from_code(&summary.currency_code)
        .filter(|c| summary.billed_cost != spent.round_to(*c))
        .map(|_| summary.billed_cost);
    let budget = summary.budget.amount;
    let currency = StoredValue::new(summary.currency_code.clone());
    let month = parse_day(&summary.billing_start_date);
    let money =
        move |amount| format::money_rounded(&i18n.format_tag(), amount, &currency.get_value());
    let spent_label = move || {
        let month = month.map(|m| format::month_year(&i18n.format_tag(), m)).unwrap_or_default();
        (t().usage().spent_in)(&month)
    };
    view! {
        <div class="spend">
            <p class="spend-total">
                <span>{spent_label}</span>
                <strong data-testid="usage-total">{move || money(spent)}</strong>
            </p>
            {billed
                .map(|billed| {
                    view! {
                        <p class="hint" data-testid="usage-billed">
                            {move || (t().usage().billed_differs)(&money(billed))}
                        </p>
                    }
                })}
            {match budget {
                _ if scoped => view! { <p>{move || t().usage().scoped_note}</p> }.into_any(),
                Some(budget) => {
                    let percent = usage::percent_used(spent, Some(budget));
                    let value = spent.min(budget).to_decimal_string(0);
                    view! {
                        <p id="budget-progress-label">
                            {move || {
                                let percent = percent
                                    .map(|p| format::percent(&i18n.format_tag(), p))
                                    .unwrap_or_default();
                                (t().usage().budget_used)(&money(spent), &money(budget), &percent)
                            }}
                        </p>
                        <progress
                            aria-labelledby="budget-progress-label"
                            max=budget.to_decimal_string(0)
                            value=value
                        ></progress>
                    }
                        .into_any()
                }
                None => view! { <p>{move || t().usage().no_budget}</p> }.into_any(),
            }}
            {can_change
                .then(|| {
                    view! {
                        <BudgetForm
                            customer_id=summary.resource_id.clone()
                            budget=budget
                            on_changed=on_changed
                        />
                    }
                })}
        </div>
    }
}

#[component]
fn BudgetForm(
    customer_id: String,
    budget: Option<portal_domain::Amount>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let initial = budget.map(|b| b.to_decimal_string(0)).unwrap_or_default();
    let value = RwSignal::new(initial);
    let field_error = RwSignal::new(None::<String>);
    let customer_id = StoredValue::new(customer_id);

    // Sets the budget, or removes it with `None`.
    let save = mutation(move |amount: Option<portal_domain::Amount>| {
        let api = api.clone();
        async move {
            match api.set_budget(&customer_id.get_value(), amount).await {
                Ok(_) => on_changed.run(()),
                Err(ApiError::Validation { fields, .. })
                    if fields.iter().any(|f| f.field == "amount") =>
                {
                    field_error.try_set(Some(i18n.t_untracked().usage().budget_invalid.to_owned()));
                }
                Err(e) => return Err(e),
            }
            Ok(())
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = value.get_untracked();
        match format::parse_amount(&i18n.format_tag_untracked(), &text) {
            Some(amount) if !amount.is_negative() => {
                field_error.set(None);
                save.dispatch(Some(amount));
            }
            _ => field_error.set(Some(t().usage().budget_invalid.to_owned())),
        }
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate>
            <TextField
                id="budget-amount"
                label=Signal::derive(move || t().usage().budget_label)
                value=value
                error=field_error
            />
            <button type="submit" class="button" disabled=save.pending()>
                {move || t().usage().budget_save}
            </button>
            {budget
                .is_some()
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button secondary"
                            disabled=save.pending()
                            on:click=move |_| save.dispatch(None)
                        >
                            {move || t().usage().budget_remove}
                        </button>
                    }
                })}
        </form>
        <MutationError mutation=save />
    }
}
