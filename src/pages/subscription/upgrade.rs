//! On a legacy Microsoft Azure (MS-AZR-0145P) subscription's page (seed 004): moving to an Azure
//! plan. What changes, whether the customer can now (and why not), starting it after a
//! confirmation, then following it until it succeeds or fails with the reason.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::upgrade::{NotEligible, ProductUpgradesStatus};

use super::PageState;
use crate::api::use_api;
use crate::components::{
    CancelButton, Modal, MutationError, Remote, close_dialog, mutation, refresh_while, remote_view,
};
use crate::i18n::use_i18n;

/// Where the customer stands.
#[derive(Debug, Clone)]
enum Upgrade {
    Eligible,
    NotEligible(NotEligible),
    /// Started: its status as last read.
    Following(ProductUpgradesStatus),
}

const IN_PROGRESS: &str = "inProgress";
const SUCCEEDED: &str = "succeeded";

#[component]
pub(super) fn UpgradeSection(
    customer_id: String,
    /// The legacy subscription's Azure subscription id, which the Azure plan keeps.
    azure_subscription_id: String,
    /// Whether the user may start it (who may buy for the customer).
    can_upgrade: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let api = use_api();
    let customer = StoredValue::new(customer_id);
    // The upgrade this page started, followed without asking for eligibility again.
    let started = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);

    let state: Remote<Upgrade> = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, customer, started) = (api.clone(), customer.get_value(), started.get());
            async move {
                let id = match started {
                    Some(id) => id,
                    None => {
                        let answer = api.upgrade_eligibility(&customer).await?;
                        match (answer.upgrade_id, answer.reason_code) {
                            (Some(id), _) => id,
                            (None, None) => return Ok(Upgrade::Eligible),
                            (None, Some(reason)) => return Ok(Upgrade::NotEligible(reason)),
                        }
                    }
                };
                Ok(Upgrade::Following(api.upgrade_status(&customer, &id).await?))
            }
        }
    });
    refresh_while(state, |u| matches!(u, Upgrade::Following(s) if s.status == IN_PROGRESS));
    // Once it has succeeded, the page shows the legacy subscription as it is now: ended.
    Effect::new(move |done: Option<bool>| {
        let succeeded =
            state.with(|u| matches!(u, Some(Ok(Upgrade::Following(s))) if s.status == SUCCEEDED));
        if succeeded && done == Some(false) {
            page.detail.refetch();
        }
        succeeded
    });

    let start = mutation(move |()| {
        let (api, customer) = (api.clone(), customer.get_value());
        async move {
            let status = api.start_upgrade(&customer).await?;
            started.set(Some(status.id));
            close_dialog();
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        start.dispatch(());
    };

    let progress = move |status: ProductUpgradesStatus| {
        let line = status.line_items.first();
        let plan = line.and_then(|l| l.target_product.as_ref()).map(|p| p.id.clone());
        match status.status.as_str() {
            IN_PROGRESS => view! {
                <p class="notice info" role="status">
                    {move || t().upgrade().in_progress}
                </p>
            }
            .into_any(),
            SUCCEEDED => view! {
                <div class="notice success" role="status">
                    <p>{move || t().upgrade().succeeded}</p>
                    {plan
                        .map(|id| {
                            view! {
                                <A href=format!(
                                    "/subscriptions/{id}",
                                )>{move || t().upgrade().open_plan}</A>
                            }
                        })}
                </div>
            }
            .into_any(),
            _ => {
                let reason = status.error_details.map(|e| e.description).unwrap_or_default();
                view! {
                    <div class="notice error" role="alert">
                        <p>{move || (t().upgrade().failed)(&reason)}</p>
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| {
                                started.set(None);
                                state.refetch();
                            }
                        >
                            {move || t().upgrade().check_again}
                        </button>
                    </div>
                }
                .into_any()
            }
        }
    };

    let azure_id = azure_subscription_id.clone();
    view! {
        <section class="section" aria-labelledby="upgrade-heading">
            <h2 id="upgrade-heading" tabindex="-1">
                {move || t().upgrade().title}
            </h2>
            <p>{move || t().upgrade().intro}</p>
            <ul>
                <li>{move || (t().upgrade().keeps_id)(&azure_id)}</li>
                <li>{move || t().upgrade().billed_from}</li>
                <li>{move || t().upgrade().legacy_ends}</li>
            </ul>
            {if can_upgrade {
                remote_view(
                        state,
                        move |upgrade| match upgrade {
                            Upgrade::Eligible => {
                                view! {
                                    <p>{move || t().upgrade().eligible}</p>
                                    <button
                                        type="button"
                                        id="upgrade-start"
                                        class="button primary"
                                        on:click=move |_| confirming.set(true)
                                    >
                                        {move || t().upgrade().start}
                                    </button>
                                }
                                    .into_any()
                            }
                            Upgrade::NotEligible(reason) => {
                                view! {
                                    <p class="notice info">{move || t().upgrade_refusal(reason)}</p>
                                }
                                    .into_any()
                            }
                            Upgrade::Following(status) => progress(status).into_any(),
                        },
                    )
                    .into_any()
            } else {
                view! { <p class="notice info">{move || t().upgrade().ask_admin}</p> }.into_any()
            }}
        </section>
        <Show when=move || confirming.get()>
            <Modal
                title_id="upgrade-confirm-title"
                on_close=move || {
                    confirming.set(false);
                    let target = if started.with_untracked(Option::is_some) {
                        "upgrade-heading"
                    } else {
                        "upgrade-start"
                    };
                    crate::browser::focus(target);
                }
            >
                <form on:submit=on_submit novalidate>
                    <h2 id="upgrade-confirm-title">{move || t().upgrade().confirm_title}</h2>
                    <p>{move || t().upgrade().confirm_effect}</p>
                    <MutationError mutation=start />
                    <div class="dialog-buttons">
                        <button type="submit" class="button primary" disabled=start.pending()>
                            {move || {
                                if start.pending().get() { t().saving } else { t().upgrade().start }
                            }}
                        </button>
                        <CancelButton safe_choice=true />
                    </div>
                </form>
            </Modal>
        </Show>
    }
}
