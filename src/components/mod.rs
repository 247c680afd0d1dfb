//! Widgets shared by several pages.

mod async_data;
mod copy_link;
mod customer_switcher;
mod data_table;
mod language_select;
mod link_page;
mod modal;
mod mutation;
mod paged_table;
mod shell;
mod status;
mod tabs;
mod text_field;

pub use async_data::{
    CustomerData, Remote, customer_view, refresh_while, remote_view, remote_view_with,
};
pub use copy_link::{CopyLink, EmailedHint};
pub use customer_switcher::CustomerSwitcher;
pub use data_table::{
    Cell, Column, FigureTable, Head, SortHeader, SortOrder, TableHead, TableTools, cell_view,
    download_csv, headings, rows_of, to_csv, visible_window,
};
pub use language_select::LanguageSelect;
pub use link_page::{LinkCard, link_token, open_link};
pub use modal::{CancelButton, CloseButton, Modal, close_dialog};
pub use mutation::{Mutation, MutationError, mutation};
pub use paged_table::{Page, VirtualTable, use_server_pages};
pub use shell::Shell;
pub use status::{ErrorNotice, Loading, subscription_badge};
pub use tabs::{TabItem, Tabs};
pub use text_field::{FieldProblem, TextField};

use leptos::prelude::*;

use crate::i18n::{Messages, use_i18n};

/// Keeps the document title (`Customers · Billing portal`) in step with the page and language.
pub fn use_page_title(page: fn(&Messages) -> &'static str) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let t = i18n.t();
        crate::browser::set_document_title(&t.page_title(page(t)));
    });
}
