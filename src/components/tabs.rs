//! Tabs (WAI-ARIA tabs pattern): a tab list whose arrow keys move between tabs, and the panel of
//! the selected one. Only the selected tab is in the Tab order.

use leptos::prelude::*;

use crate::browser;
use crate::i18n::{Messages, use_i18n};

/// The tabs of a tab set: usually a small enum.
pub trait TabItem: Copy + PartialEq + Send + Sync + 'static {
    /// Every tab, in the order shown.
    const ALL: &'static [Self];
    /// The tab's element id, unique on the page.
    fn id(self) -> &'static str;
    fn label(self, t: &Messages) -> &'static str;
}

/// The tab a key moves to in a tab list of `count` tabs (arrows wrap around, Home and End go
/// to the ends); None for any other key.
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

/// The tab list, labelled by the heading `labelled_by`, and the selected tab's panel
/// (`children`), whose id is `panel_id`.
#[component]
pub fn Tabs<K: TabItem>(
    labelled_by: &'static str,
    panel_id: &'static str,
    selected: RwSignal<K>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = K::ALL.iter().position(|x| *x == selected.get_untracked()).unwrap_or(0);
        let Some(next) = tab_after_key(&ev.key(), current, K::ALL.len()) else { return };
        ev.prevent_default();
        selected.set(K::ALL[next]);
        browser::focus(K::ALL[next].id());
    };
    view! {
        <div role="tablist" aria-labelledby=labelled_by class="tabs" on:keydown=on_key>
            {K::ALL
                .iter()
                .copied()
                .map(|x| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=x.id()
                            aria-controls=panel_id
                            aria-selected=move || (selected.get() == x).to_string()
                            tabindex=move || if selected.get() == x { "0" } else { "-1" }
                            on:click=move |_| selected.set(x)
                        >
                            {move || x.label(i18n.t())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div id=panel_id role="tabpanel" aria-labelledby=move || selected.get().id()>
            {children()}
        </div>
    }
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
