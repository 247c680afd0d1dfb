//! Tables of figures: cells that know how to show, sort and export themselves, a table sorted and
//! filtered in the browser for short lists, the window of rows a long scrolled table renders,
//! and CSV export.

use std::cmp::Ordering;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::{Amount, csv};

use crate::i18n::{Messages, format, use_i18n};

/// One cell's value. Shown in the user's locale, sorted by its value, exported raw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Text that links to another page.
    Link {
        text: String,
        href: String,
    },
    Money {
        amount: Amount,
        currency: String,
    },
    /// A quantity, up to four decimals.
    Number(Amount),
    /// A percentage with two decimals.
    Percent(Amount),
    /// A day, shown the user's way; `YYYY-MM-DD` in the CSV, which also sorts it.
    Date(NaiveDate),
    /// Nothing to show (no budget, for example); sorts first.
    Empty,
}

impl Cell {
    pub fn money(amount: Amount, currency: &str) -> Self {
        Cell::Money { amount, currency: currency.to_owned() }
    }

    /// The day of an API date or timestamp; empty when it is not one.
    pub fn day(text: &str) -> Self {
        portal_domain::billing::parse_day(text).map_or(Cell::Empty, Cell::Date)
    }

    /// What the table shows.
    pub fn display(&self, tag: &str) -> String {
        match self {
            Cell::Text(text) | Cell::Link { text, .. } => text.clone(),
            Cell::Money { amount, currency } => format::money_rounded(tag, *amount, currency),
            Cell::Number(n) => format::decimal(tag, *n),
            Cell::Percent(p) => format::percent(tag, *p),
            Cell::Date(day) => format::medium_date(tag, *day),
            Cell::Empty => "—".to_owned(),
        }
    }

    /// What the CSV holds: numbers as plain decimals with a dot, so any program reads them.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(text) | Cell::Link { text, .. } => text.clone(),
            Cell::Money { amount, .. } => amount.to_decimal_string(2),
            Cell::Number(n) | Cell::Percent(n) => n.to_decimal_string(0),
            Cell::Date(day) => day.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn is_numeric(&self) -> bool {
        matches!(self, Cell::Money { .. } | Cell::Number(_) | Cell::Percent(_))
    }

    /// Numbers by value, text alphabetically ignoring case; empty cells first.
    fn compare(&self, other: &Cell) -> Ordering {
        fn number(cell: &Cell) -> Option<Amount> {
            match cell {
                Cell::Money { amount, .. } | Cell::Number(amount) | Cell::Percent(amount) => {
                    Some(*amount)
                }
                _ => None,
            }
        }
        match (self, other) {
            (Cell::Empty, Cell::Empty) => Ordering::Equal,
            (Cell::Empty, _) => Ordering::Less,
            (_, Cell::Empty) => Ordering::Greater,
            _ => match (number(self), number(other)) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => self.raw().to_lowercase().cmp(&other.raw().to_lowercase()),
            },
        }
    }
}

/// A column's heading, in the user's language.
pub type Heading = fn(&Messages) -> &'static str;

/// A column: its heading and how a record fills it.
pub struct Column<T> {
    pub heading: Heading,
    /// The row's value; `Messages` for values shown in words (a status).
    pub cell: fn(&T, &Messages) -> Cell,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Column<T> {}

/// Which column sorts the rows, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortOrder {
    pub column: usize,
    pub descending: bool,
}

impl SortOrder {
    /// Sorting by the column already sorted turns the order round; a new column starts with
    /// the biggest amounts first (what users look for), text from A.
    pub fn toggled(self, column: usize, numeric: bool) -> Self {
        if self.column == column {
            SortOrder { column, descending: !self.descending }
        } else {
            SortOrder { column, descending: numeric }
        }
    }

    /// The column's `aria-sort`.
    pub fn aria(self, column: usize) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        }
    }

    /// The arrow a sorted column shows (its `aria-sort` says the same to screen readers).
    pub fn mark(self, column: usize) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "",
            (true, true) => "▼",
            (true, false) => "▲",
        }
    }
}

/// One row of cells, in column order. Tables work on rows of cells rather than on the records
/// themselves, so one table component serves every kind of record.
pub type Row = Vec<Cell>;

pub fn headings<T>(columns: &[Column<T>]) -> Vec<Heading> {
    columns.iter().map(|c| c.heading).collect()
}

/// `records` as rows of cells, in the user's language.
pub fn rows_of<T>(records: &[T], columns: &[Column<T>], t: &Messages) -> Vec<Row> {
    records.iter().map(|r| columns.iter().map(|c| (c.cell)(r, t)).collect()).collect()
}

/// The rows whose text contains `filter` (ignoring case), sorted.
pub fn sorted_rows(rows: &[Row], order: SortOrder, filter: &str) -> Vec<Row> {
    let needle = filter.trim().to_lowercase();
    let mut shown: Vec<Row> = rows
        .iter()
        .filter(|row| {
            needle.is_empty() || row.iter().any(|c| c.raw().to_lowercase().contains(&needle))
        })
        .cloned()
        .collect();
    // Stable: rows that compare equal keep the server's order.
    shown.sort_by(|a, b| {
        let ordering = match (a.get(order.column), b.get(order.column)) {
            (Some(a), Some(b)) => a.compare(b),
            _ => Ordering::Equal,
        };
        if order.descending { ordering.reverse() } else { ordering }
    });
    shown
}

/// A CSV document (RFC 4180): a heading line, then one line per row.
pub fn to_csv(headings: &[&str], rows: &[Row]) -> String {
    let mut out = csv::line(headings.iter().map(|h| csv::field(h, false)));
    for row in rows {
        out.push_str(&csv::line(row.iter().map(|cell| csv::field(&cell.raw(), cell.is_numeric()))));
    }
    out
}

/// The rows a scrolled table renders: those in view plus `overscan` on each side, as a range of
/// row indexes. Rows have a fixed height so the position gives the index.
pub fn visible_window(
    scroll_top: f64,
    viewport_height: f64,
    row_height: f64,
    row_count: usize,
    overscan: usize,
) -> std::ops::Range<usize> {
    if row_height <= 0.0 || row_count == 0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let in_view = (viewport_height.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(row_count);
    let end = (first + in_view + overscan).min(row_count);
    start..end
}

/// A short list sorted and filtered in the browser: column headings are sort buttons (the
/// sorted one says which way with `aria-sort`), the first cell of a row heads it.
#[component]
pub fn SortableTable(
    #[prop(into)] caption: Signal<String>,
    headings: Vec<Heading>,
    #[prop(into)] rows: Signal<Vec<Row>>,
    order: RwSignal<SortOrder>,
    #[prop(into)] filter: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let span = headings.len().to_string();
    let shown = move || rows.with(|rows| sorted_rows(rows, order.get(), &filter.get()));
    let numeric = move |column: usize| {
        rows.with_untracked(|r| r.first().and_then(|r| r.get(column)).is_some_and(Cell::is_numeric))
    };
    let columns: Vec<Head> = headings
        .into_iter()
        .enumerate()
        .map(|(i, heading)| if numeric(i) { Head::figure(heading) } else { Head::text(heading) })
        .collect();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || caption.get()}</caption>
                <TableHead columns=columns order=order />
                <tbody>
                    {move || {
                        let rows = shown();
                        if rows.is_empty() {
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
                        rows.into_iter()
                            .map(|row| {
                                view! {
                                    <tr>
                                        {row
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, cell)| cell_view(i == 0, cell))
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// A column heading of a table: its words, and how the column shows.
#[derive(Clone, Copy)]
pub struct Head {
    heading: Heading,
    /// Figures: aligned right, and sorted biggest first.
    numeric: bool,
    /// Said to screen readers only (a column of buttons needs no visible heading).
    unseen: bool,
}

impl Head {
    pub const fn text(heading: Heading) -> Self {
        Head { heading, numeric: false, unseen: false }
    }

    pub const fn figure(heading: Heading) -> Self {
        Head { heading, numeric: true, unseen: false }
    }

    pub const fn unseen(heading: Heading) -> Self {
        Head { heading, numeric: false, unseen: true }
    }
}

/// The heading row of a table. With `order`, each heading is a sort button ([`SortHeader`]).
#[component]
pub fn TableHead(
    #[prop(into)] columns: Vec<Head>,
    #[prop(optional)] order: Option<RwSignal<SortOrder>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cell = move |(column, head): (usize, Head)| {
        match order {
        Some(order) => view! { <SortHeader column=column numeric=head.numeric heading=head.heading order=order /> }
        .into_any(),
        None => view! {
            <th scope="col" class:numeric=head.numeric>
                <span class:visually-hidden=head.unseen>{move || (head.heading)(i18n.t())}</span>
            </th>
        }
        .into_any(),
    }
    };
    view! {
        <thead>
            <tr>{columns.into_iter().enumerate().map(cell).collect_view()}</tr>
        </thead>
    }
}

/// A column heading that sorts by its column: a button, the arrow of the sorted column, and
/// `aria-sort` saying the same to screen readers.
#[component]
pub fn SortHeader(
    column: usize,
    numeric: bool,
    heading: Heading,
    order: RwSignal<SortOrder>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col" aria-sort=move || order.get().aria(column) class:numeric=numeric>
            <button
                type="button"
                class="sort"
                on:click=move |_| order.update(|o| *o = o.toggled(column, numeric))
            >
                {move || heading(i18n.t())}
                <span class="sort-mark" aria-hidden="true">
                    {move || order.get().mark(column)}
                </span>
            </button>
        </th>
    }
}

/// A filter box and an Export CSV button over a table.
#[component]
pub fn TableTools(
    /// Each table on a page has its own filter box.
    filter_id: &'static str,
    filter: RwSignal<String>,
    #[prop(into)] export: Callback<()>,
    #[prop(into)] exporting: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <div class="filters table-tools">
            <div class="field" role="search">
                <label for=filter_id>{move || t().table_filter}</label>
                <input id=filter_id type="search" bind:value=filter />
            </div>
            <button
                type="button"
                class="button secondary"
                disabled=move || exporting.get()
                on:click=move |_| export.run(())
            >
                {move || if exporting.get() { t().table_exporting } else { t().table_export_csv }}
            </button>
        </div>
    }
}

/// A sortable, filterable table with its tools: exporting gives the rows as shown (filtered
/// and sorted) in `file_name`.csv.
#[component]
pub fn FigureTable(
    #[prop(into)] caption: Signal<String>,
    headings: Vec<Heading>,
    #[prop(into)] rows: Signal<Vec<Row>>,
    order: SortOrder,
    filter_id: &'static str,
    file_name: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let order = RwSignal::new(order);
    let filter = RwSignal::new(String::new());
    let export_headings = headings.clone();
    let export = move |()| {
        let t = i18n.t_untracked();
        let names: Vec<&str> = export_headings.iter().map(|h| h(t)).collect();
        let shown =
            rows.with_untracked(|r| sorted_rows(r, order.get_untracked(), &filter.get_untracked()));
        download_csv(file_name, &to_csv(&names, &shown));
    };
    view! {
        <TableTools filter_id=filter_id filter=filter export=export exporting=false />
        <SortableTable caption=caption headings=headings rows=rows order=order filter=filter />
    }
}

/// Has the browser download `csv` as `file_name`.csv.
pub fn download_csv(file_name: &str, csv: &str) -> bool {
    crate::browser::download_text(&format!("{file_name}.csv"), "text/csv;charset=utf-8", csv)
}

/// One cell; the first of a row is its header.
pub fn cell_view(heads_row: bool, cell: Cell) -> AnyView {
    let i18n = use_i18n();
    let numeric = cell.is_numeric();
    let content = match cell {
        Cell::Link { text, href } => view! { <A href=href>{text}</A> }.into_any(),
        other => (move || other.display(&i18n.format_tag())).into_any(),
    };
    if heads_row {
        view! { <th scope="row">{content}</th> }.into_any()
    } else {
        view! { <td class:numeric=numeric>{content}</td> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(text: &str) -> Cell {
        Cell::money(text.parse().unwrap(), "EUR")
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Record(&'static str, &'static str);

    fn columns() -> Vec<Column<Record>> {
        vec![
            Column { heading: |t| t.col_name, cell: |r, _| Cell::Text(r.0.to_owned()) },
            Column { heading: |t| t.col_total, cell: |r, _| eur(r.1) },
        ]
    }

    fn en() -> &'static Messages {
        crate::i18n::Locale::En.messages()
    }

    #[test]
    fn rows_sort_by_value_not_by_text_and_filter_on_any_column() {
        let records = [Record("beta", "9.50"), Record("Alpha", "10.00"), Record("gamma", "-1")];
        let rows = rows_of(&records, &columns(), en());
        let by_cost = sorted_rows(&rows, SortOrder { column: 1, descending: true }, "");
        assert_eq!(by_cost, rows_of(&[records[1], records[0], records[2]], &columns(), en()));
        let by_name = sorted_rows(&rows, SortOrder { column: 0, descending: false }, "");
        assert_eq!(by_name[0], rows[1]);
        let filtered = sorted_rows(&rows, SortOrder { column: 0, descending: false }, " ALP ");
        assert_eq!(filtered, vec![rows[1].clone()]);
        // Empty cells sort before every value.
        assert_eq!(Cell::Empty.compare(&eur("0")), Ordering::Less);
    }

    #[test]
    fn a_new_column_sorts_amounts_biggest_first_and_text_from_a() {
        let order = SortOrder { column: 0, descending: false };
        assert_eq!(order.toggled(0, false), SortOrder { column: 0, descending: true });
        assert_eq!(order.toggled(1, true), SortOrder { column: 1, descending: true });
        assert_eq!(order.toggled(2, false), SortOrder { column: 2, descending: false });
    }

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let records = [Record("a, \"b\"", "1234.5"), Record("=HYPERLINK()", "-2")];
        let csv = to_csv(&["Name", "Total"], &rows_of(&records, &columns(), en()));
        assert_eq!(csv, "Name,Total\r\n\"a, \"\"b\"\"\",1234.50\r\n'=HYPERLINK(),-2.00\r\n");
    }

    #[test]
    fn days_export_and_sort_as_iso_dates() {
        let (november, december) = (Cell::day("2026-11-30T00:00:00Z"), Cell::day("2026-12-01"));
        assert_eq!(november.raw(), "2026-11-30");
        assert_eq!(november.compare(&december), Ordering::Less);
        assert_eq!(Cell::day("not a day"), Cell::Empty);
    }

    #[test]
    fn the_window_covers_the_rows_in_view_and_a_margin() {
        // 40 px rows, 400 px of view scrolled to row 100.
        assert_eq!(visible_window(4_000.0, 400.0, 40.0, 100_000, 10), 90..121);
        assert_eq!(visible_window(0.0, 400.0, 40.0, 100_000, 10), 0..21);
        // Near the end it stops at the last row; with no rows it is empty.
        assert_eq!(visible_window(3_999_600.0, 400.0, 40.0, 100_000, 10), 99_980..100_000);
        assert_eq!(visible_window(0.0, 400.0, 40.0, 0, 10), 0..0);
    }
}
