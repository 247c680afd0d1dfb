//! Tables too long for the browser to hold: the server sorts, filters and pages them, the table
//! asks for the next page as the user scrolls near the end of what is loaded, and only the rows
//! in view (plus a margin) are rendered. [`use_server_pages`] loads; [`VirtualTable`] shows.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{Cell, ErrorNotice, cell_view, visible_window};
use crate::i18n::{Messages, use_i18n};

/// Rows are this many CSS pixels tall (the stylesheet keeps them so): the scroll position says
/// which are in view.
pub const ROW_HEIGHT: usize = 40;
/// Rows rendered above and below the ones in view, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;
/// How long typing in a filter may pause before the server is asked.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(250);

/// Where the next page starts: after `offset` rows, or at the server's continuation token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageStart {
    pub offset: usize,
    pub token: Option<String>,
}

/// A page from the server: its rows, and where the next one starts if another follows.
pub struct Page<T> {
    pub rows: Vec<T>,
    pub more: bool,
    /// The next page's continuation token, for servers that page by token.
    pub token: Option<String>,
}

/// What is loaded for the current query.
#[derive(Clone)]
pub struct Loaded<T> {
    pub rows: Vec<T>,
    /// Another page follows (or none was asked for yet).
    pub more: bool,
    token: Option<String>,
    /// Bumped by every new query, so an answer to an older one is dropped.
    generation: u32,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded { rows: Vec::new(), more: true, token: None, generation: 0 }
    }
}

/// The loading state of a server-paged table. Copy, like the signals it holds.
pub struct ServerPages<T: Send + Sync + 'static> {
    pub loaded: RwSignal<Loaded<T>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    scroll_top: RwSignal<f64>,
    viewport: NodeRef<leptos::html::Div>,
    load_more: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for ServerPages<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ServerPages<T> {}

impl<T: Send + Sync + 'static> ServerPages<T> {
    /// Asks for the next page, unless one is on its way or none follows.
    pub fn load_more(&self) {
        self.load_more.run(());
    }

    /// After an error: clears it and asks again.
    pub fn retry(&self) {
        self.error.set(None);
        self.load_more();
    }

    pub fn count(&self) -> usize {
        self.loaded.with(|l| l.rows.len())
    }

    pub fn more(&self) -> bool {
        self.loaded.with(|l| l.more)
    }
}

/// Loads pages of `page_size` rows with `fetch`, starting again from the top whenever a signal
/// `query` reads changes (after a pause, so typing in a filter does not ask at every key).
pub fn use_server_pages<T, Fut>(
    page_size: usize,
    query: impl Fn() + Send + Sync + 'static,
    fetch: impl Fn(PageStart, usize) -> Fut + Send + Sync + 'static,
) -> ServerPages<T>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let loaded = RwSignal::new(Loaded::<T>::default());
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = NodeRef::<leptos::html::Div>::new();
    let fetch = StoredValue::new(fetch);
    let load_more = Callback::new(move |()| {
        if loading.get_untracked() || !loaded.with_untracked(|l| l.more) {
            return;
        }
        let (start, generation) = loaded.with_untracked(|l| {
            (PageStart { offset: l.rows.len(), token: l.token.clone() }, l.generation)
        });
        loading.set(true);
        let answer = fetch.with_value(|fetch| fetch(start, page_size));
        spawn_local(async move {
            let result = answer.await;
            loading.try_set(false);
            match result {
                Ok(page) => {
                    loaded.try_update(|l| {
                        if l.generation == generation {
                            l.rows.extend(page.rows);
                            l.more = page.more;
                            l.token = page.token;
                        }
                    });
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });
    let pages = ServerPages { loaded, loading, error, scroll_top, viewport, load_more };

    let debounce = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<()>| {
        query();
        let restart = move || {
            loaded.update(|l| *l = Loaded { generation: l.generation + 1, ..Loaded::default() });
            loading.set(false);
            error.set(None);
            scroll_top.set(0.0);
            if let Some(el) = viewport.get_untracked() {
                el.set_scroll_top(0);
            }
            pages.load_more();
        };
        if let Some(handle) = debounce.get_value() {
            handle.clear();
        }
        if previous.is_none() {
            restart();
        } else {
            debounce.set_value(set_timeout_with_handle(restart, DEBOUNCE).ok());
        }
    });
    on_cleanup(move || {
        if let Some(handle) = debounce.get_value() {
            handle.clear();
        }
    });

    // Near the end of what is loaded, ask for the next page.
    Effect::new(move |_| {
        let end = window(pages).end;
        let (count, more) = loaded.with(|l| (l.rows.len(), l.more));
        if more && error.with(Option::is_none) && end + page_size / 2 >= count {
            pages.load_more();
        }
    });
    pages
}

/// The rows in view now.
fn window<T: Send + Sync + 'static>(pages: ServerPages<T>) -> std::ops::Range<usize> {
    let height = pages.viewport.get().map_or(480.0, |el| f64::from(el.client_height()));
    let count = pages.loaded.with(|l| l.rows.len());
    visible_window(pages.scroll_top.get(), height, ROW_HEIGHT as f64, count, OVERSCAN)
}

/// The table of a [`ServerPages`]: a scrolled region (reachable with the keyboard) whose
/// `aria-rowcount` and `aria-rowindex` tell screen readers where they are in the whole list,
/// after the last failed request's notice with its Try again.
#[component]
pub fn VirtualTable<T: Clone + Send + Sync + 'static>(
    pages: ServerPages<T>,
    /// Names the table and its scrolled region.
    #[prop(into)]
    caption: Signal<String>,
    /// The caption is shown by a heading above the table already.
    #[prop(optional)]
    caption_hidden: bool,
    #[prop(optional)] test_id: &'static str,
    columns: usize,
    /// The heading row's cells.
    #[prop(into)]
    header: ViewFn,
    /// A record's cells; the first heads its row.
    cells: fn(&T, &Messages) -> Vec<Cell>,
    /// What hovering a row shows in full (a resource URI, say).
    title: fn(&T) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    let span = columns.to_string();
    let loaded = pages.loaded;
    view! {
        {move || {
            pages
                .error
                .get()
                .map(|e| {
                    view! { <ErrorNotice error=e retry=Callback::new(move |()| pages.retry()) /> }
                })
        }}
        <div
            class="table-wrap virtual"
            node_ref=pages.viewport
            tabindex="0"
            role="region"
            aria-label=move || caption.get()
            data-testid=(!test_id.is_empty()).then_some(test_id)
            on:scroll=move |ev| {
                pages
                    .scroll_top
                    .set(f64::from(event_target::<web_sys::HtmlElement>(&ev).scroll_top()))
            }
        >
            <table aria-rowcount=move || {
                loaded.with(|l| if l.more { -1 } else { l.rows.len() as i64 + 1 })
            }>
                <caption class:visually-hidden=caption_hidden>{move || caption.get()}</caption>
                <thead>
                    <tr aria-rowindex="1">{header.run()}</tr>
                </thead>
                <tbody>
                    {move || {
                        let range = window(pages);
                        let (count, more) = loaded.with(|l| (l.rows.len(), l.more));
                        if count == 0 && !more && !pages.loading.get() {
                            let span = span.clone();
                            return view! {
                                <tr>
                                    <td colspan=span class="empty">
                                        {move || i18n.t().table_no_match}
                                    </td>
                                </tr>
                            }
                                .into_any();
                        }
                        let above = range.start * ROW_HEIGHT;
                        let below = (count - range.end) * ROW_HEIGHT;
                        let rows = loaded.with(|l| l.rows[range.clone()].to_vec());
                        let t = i18n.t();
                        view! {
                            <tr class="spacer" aria-hidden="true">
                                <td colspan=span.clone() style=format!("height:{above}px")></td>
                            </tr>
                            {rows
                                .into_iter()
                                .enumerate()
                                .map(|(i, row)| {
                                    let index = (range.start + i + 2).to_string();
                                    view! {
                                        <tr aria-rowindex=index title=title(&row)>
                                            {cells(&row, t)
                                                .into_iter()
                                                .enumerate()
                                                .map(|(i, cell)| cell_view(i == 0, cell))
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            <tr class="spacer" aria-hidden="true">
                                <td colspan=span.clone() style=format!("height:{below}px")></td>
                            </tr>
                        }
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}
