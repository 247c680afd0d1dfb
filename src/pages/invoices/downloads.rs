//! The invoice's PDF and CSV downloads, with the bytes received shown while the file comes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiClient, ApiError, use_api};
use crate::components::ErrorNotice;
use crate::i18n::{format, use_i18n};

/// Download PDF and Export CSV (of the usage lines on the usage tab, of the billing lines
/// elsewhere), with the bytes received shown while the file comes.
#[component]
pub(super) fn Downloads(invoice_id: String, usage: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = StoredValue::new(use_api());
    let id = StoredValue::new(invoice_id);
    let progress = RwSignal::new(None::<(bool, u64)>);
    let error = RwSignal::new(None::<ApiError>);
    let start = move |pdf: bool| {
        if progress.get_untracked().is_some() {
            return;
        }
        error.set(None);
        progress.set(Some((pdf, 0)));
        let (api, id, usage) = (api.get_value(), id.get_value(), usage.get_untracked());
        spawn_local(async move {
            let (path, name) = if pdf {
                (ApiClient::statement_path(&id), format!("Invoice_{id}.pdf"))
            } else {
                let what = if usage { "usage" } else { "billing" };
                (ApiClient::export_path(&id, usage), format!("{id}_{what}_line_items.csv"))
            };
            let result = api
                .download(&path, &name, |bytes| {
                    progress.try_set(Some((pdf, bytes)));
                })
                .await;
            progress.try_set(None);
            if let Err(e) = result {
                error.try_set(Some(e));
            }
        });
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class="button"
                disabled=move || progress.get().is_some()
                on:click=move |_| start(true)
            >
                {move || t().invoices().download_pdf}
            </button>
            <button
                type="button"
                class="button secondary"
                disabled=move || progress.get().is_some()
                on:click=move |_| start(false)
            >
                {move || {
                    if usage.get() {
                        t().invoices().export_usage_csv
                    } else {
                        t().invoices().export_lines_csv
                    }
                }}
            </button>
        </div>
        <p role="status" class="hint" data-testid="download-status">
            {move || {
                progress
                    .get()
                    .map(|(pdf, bytes)| {
                        let kilobytes = format::integer(&i18n.format_tag(), (bytes / 1024) as i64);
                        (t().invoices().downloading)(pdf, &kilobytes)
                    })
            }}
        </p>
        {move || {
            error
                .get()
                .map(|e| {
                    view! { <ErrorNotice error=e retry=Callback::new(move |()| error.set(None)) /> }
                })
        }}
    }
}
