//! Widgets shared by several pages.

mod customer_switcher;
mod customer_view;
mod data_table;
mod language_select;
mod modal;
mod shell;
mod status;
mod text_field;

pub use customer_switcher::CustomerSwitcher;
pub use customer_view::{CustomerData, customer_view, refresh_while};
pub use data_table::{
    Cell, Column, FigureTable, SortOrder, TableTools, cell_view, download_csv, headings, rows_of,
    to_csv, visible_window,
};
pub use language_select::LanguageSelect;
pub use modal::{CancelButton, Modal, close_dialog};
pub use shell::Shell;
pub use status::{ErrorNotice, Loading, subscription_badge};
pub use text_field::TextField;

use leptos::prelude::*;

use crate::i18n::{Messages, use_i18n};

/// The tab a key moves to in a tab list of `count` tabs (WAI-ARIA tabs pattern: arrows wrap
/// around, Home and End go to the ends); None for any other key.
pub fn tab_after_key(key: &str, current: usize, count: usize) -> Option<usize> {
    match key {
        _ if count == 0 => None,
        "ArrowRight" => Some((current + 1) % count),
        "ArrowLeft" => Some((current + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

/// Keeps the document title (`Customers · Billing portal`) in step with the page and language.
pub fn use_page_title(page: fn(&Messages) -> &'static str) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let t = i18n.t();
        crate::browser::set_document_title(&t.page_title(page(t)));
    });
}

#[cfg(test)]
mod tests {
    use super::tab_after_key;

    #[test]
    fn arrows_wrap_and_home_end_go_to_the_ends() {
        assert_eq!(tab_after_key("ArrowRight", 2, 3), Some(0));
        assert_eq!(tab_after_key("ArrowLeft", 0, 3), Some(2));
        assert_eq!(tab_after_key("Home", 2, 3), Some(0));
        assert_eq!(tab_after_key("End", 0, 3), Some(2));
        assert_eq!(tab_after_key("Enter", 1, 3), None);
    }
}
