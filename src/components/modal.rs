//! A native modal `<dialog>` and its Cancel button, shared by every page that asks for a
//! confirmation or a small form.

use leptos::prelude::*;

use crate::browser;
use crate::i18n::use_i18n;

/// Opened with `showModal()` as it mounts (the rest of the page is inert and focus moves in);
/// Escape or a Cancel button close it without changes, and Tab and Shift+Tab cycle inside it.
/// `on_close` runs however it closes: the page unmounts it there and puts focus back on the
/// button that opened it.
#[component]
pub fn Modal(
    title_id: &'static str,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = node.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    view! {
        <dialog
            node_ref=node
            class="modal"
            aria-labelledby=title_id
            on:close=move |_| on_close.run(())
            on:keydown=move |ev| {
                if let Some(dialog) = node.get_untracked() {
                    browser::keep_tab_inside(&ev, &dialog);
                }
            }
        >
            {children()}
        </dialog>
    }
}

/// Closes the dialog that is open (its `close` event then tidies up).
pub fn close_dialog() {
    browser::close_open_dialog();
}

/// Closes the dialog without changes. In a dialog that deletes something it is the safe choice
/// and has the focus as the dialog opens.
#[component]
pub fn CancelButton(safe_choice: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="button secondary"
            autofocus=safe_choice
            on:click=move |_| close_dialog()
        >
            {move || i18n.t().cancel}
        </button>
    }
}

/// The only button of a dialog that shows something and changes nothing.
#[component]
pub fn CloseButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="dialog-buttons">
            <button type="button" class="button secondary" on:click=move |_| close_dialog()>
                {move || i18n.t().close}
            </button>
        </div>
    }
}
