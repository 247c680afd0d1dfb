//! The period's daily cost as stacked bars, one colour per meter category, drawn as SVG. Each
//! bar part has a tooltip; the same figures are in a table for screen readers and keyboards.

use chrono::NaiveDate;
use leptos::prelude::*;
use portal_domain::Amount;
use portal_domain::billing::{BillingPeriod, parse_day};
use portal_domain::usage::DailyUsage;

use crate::i18n::{format, use_i18n};

/// Category colours, in order of each category's total; all at least 3:1 against white.
const COLOURS: [&str; 6] = ["#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#be185d"];

/// The chart's figures: categories costliest first, and for every day of the period the cost
/// of each category in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stacked {
    pub categories: Vec<String>,
    pub days: Vec<(NaiveDate, Vec<Amount>)>,
    /// The top of the value axis: a round amount at least the costliest day.
    pub axis_max: Amount,
}

pub fn stack(daily: &[DailyUsage], period: BillingPeriod) -> Stacked {
    let mut totals: Vec<(String, Amount)> = Vec::new();
    for d in daily {
        match totals.iter_mut().find(|(c, _)| *c == d.category) {
            Some((_, total)) => *total = total.checked_add(d.total_cost).unwrap_or(*total),
            None => totals.push((d.category.clone(), d.total_cost)),
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let categories: Vec<String> = totals.into_iter().map(|(c, _)| c).collect();
    let mut days = Vec::new();
    let mut day = Some(period.start);
    while let Some(date) = day.filter(|d| *d <= period.end) {
        let mut costs = vec![Amount::ZERO; categories.len()];
        for d in daily.iter().filter(|d| parse_day(&d.date) == Some(date)) {
            if let Some(i) = categories.iter().position(|c| *c == d.category) {
                costs[i] = costs[i].checked_add(d.total_cost).unwrap_or(costs[i]);
            }
        }
        days.push((date, costs));
        day = date.succ_opt();
    }
    let highest = days.iter().filter_map(|(_, c)| Amount::sum(c.iter().copied())).max();
    Stacked { categories, days, axis_max: round_up(highest.unwrap_or(Amount::ZERO)) }
}

/// The smallest of 1, 2, 2.5 or 5 times a power of ten (in whole currency units) that is at
/// least `amount`; 1 for nothing spent.
pub fn round_up(amount: Amount) -> Amount {
    const UNIT: i64 = 10_000;
    let mut scale = UNIT;
    loop {
        for step in [10, 20, 25, 50] {
            let candidate = scale / 10 * step;
            if candidate >= amount.ten_thousandths() && candidate >= UNIT {
                return Amount::from_ten_thousandths(candidate);
            }
        }
        match scale.checked_mul(10) {
            Some(next) => scale = next,
            None => return amount,
        }
    }
}

// The drawing's coordinate space, in whole units (the SVG scales to the width of the page, so
// a unit is about a pixel): no float is ever formatted, which keeps the float printing code out
// of the bundle.
const WIDTH: i64 = 720;
const HEIGHT: i64 = 240;
const LEFT: i64 = 72;
const BOTTOM: i64 = 24;
const TOP: i64 = 8;

/// Units of height for an amount, rounded to the nearest.
fn height_of(amount: Amount, axis_max: Amount) -> i64 {
    let plot = i128::from(HEIGHT - BOTTOM - TOP);
    let max = i128::from(axis_max.ten_thousandths());
    if max == 0 {
        return 0;
    }
    let scaled = i128::from(amount.ten_thousandths()) * plot;
    i64::try_from((scaled + max / 2) / max).unwrap_or(0)
}

/// Where day `index` of `days` starts, and how wide its bar is (seven tenths of its slot).
fn bar_place(index: i64, days: i64) -> (i64, i64) {
    let plot = WIDTH - LEFT;
    let (start, end) = (LEFT + plot * index / days, LEFT + plot * (index + 1) / days);
    let width = (plot * 7 / (10 * days)).max(1);
    (start + (end - start - width) / 2, width)
}

#[component]
pub fn DailyChart(
    daily: Vec<DailyUsage>,
    billing: BillingPeriod,
    currency: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let stacked = stack(&daily, billing);
    if stacked.categories.is_empty() {
        return view! {
            <section class="chart" aria-labelledby="chart-title">
                <h3 id="chart-title">{move || t().usage().chart_title}</h3>
                <p class="empty">{move || t().usage().none}</p>
            </section>
        }
        .into_any();
    }
    let stacked = StoredValue::new(stacked);
    let currency = StoredValue::new(currency);
    let money =
        move |amount| format::money_rounded(&i18n.format_tag(), amount, &currency.get_value());
    let days = i64::from(billing.days()).max(1);

    let axis = move || {
        let max = stacked.with_value(|s| s.axis_max);
        [Amount::ZERO, Amount::from_ten_thousandths(max.ten_thousandths() / 2), max]
            .into_iter()
            .map(|value| {
                let y = HEIGHT - BOTTOM - height_of(value, max);
                view! {
                    <line class="grid" x1=LEFT x2=WIDTH y1=y y2=y />
                    <text class="axis-label" x=LEFT - 6 y=y + 4 text-anchor="end">
                        {money(value)}
                    </text>
                }
            })
            .collect_view()
    };
    let bars = move || {
        let tag = i18n.format_tag();
        stacked.with_value(|s| {
            s.days
                .iter()
                .enumerate()
                .map(|(i, (date, costs))| {
                    let (x, bar_width) = bar_place(i as i64, days);
                    let day = format::long_date(&tag, *date);
                    let mut y = HEIGHT - BOTTOM;
                    let parts = costs
                        .iter()
                        .enumerate()
                        .filter(|(_, cost)| !cost.is_zero())
                        .map(|(c, cost)| {
                            let h = height_of(*cost, s.axis_max);
                            y -= h;
                            let tip = format!("{day} · {}: {}", s.categories[c], money(*cost));
                            view! {
                                <rect
                                    x=x
                                    y=y
                                    width=bar_width
                                    height=h
                                    fill=COLOURS[c % COLOURS.len()]
                                >
                                    <title>{tip}</title>
                                </rect>
                            }
                        })
                        .collect_view();
                    // Every 7th day is named under the axis.
                    let label = (i % 7 == 0).then(|| {
                        view! {
                            <text
                                class="axis-label"
                                x=x + bar_width / 2
                                y=HEIGHT - 6
                                text-anchor="middle"
                            >
                                {format::short_date(&tag, *date)}
                            </text>
                        }
                    });
                    view! { <g>{parts}{label}</g> }
                })
                .collect_view()
        })
    };
    let legend = move || {
        stacked.with_value(|s| {
            s.categories
                .iter()
                .enumerate()
                .map(|(c, category)| {
                    let style = format!("background:{}", COLOURS[c % COLOURS.len()]);
                    view! {
                        <li>
                            <span class="swatch" style=style aria-hidden="true"></span>
                            {category.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="chart" aria-labelledby="chart-title">
            <h3 id="chart-title">{move || t().usage().chart_title}</h3>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="chart-title"
                aria-describedby="chart-desc"
                class="daily-chart"
            >
                <desc id="chart-desc">{move || t().usage().chart_description}</desc>
                {axis}
                {bars}
            </svg>
            <ul class="legend" aria-label=move || t().usage().chart_legend>
                {legend}
            </ul>
            <details>
                <summary>{move || t().usage().chart_as_table}</summary>
                <ChartTable stacked=stacked currency=currency />
            </details>
        </section>
    }
    .into_any()
}

/// The chart's figures for the days with usage: one row per day, one column per category.
#[component]
fn ChartTable(stacked: StoredValue<Stacked>, currency: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let money =
        move |amount| format::money_rounded(&i18n.format_tag(), amount, &currency.get_value());
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || t().usage().chart_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_date}</th>
                        {stacked
                            .with_value(|s| {
                                s.categories
                                    .iter()
                                    .map(|c| {
                                        view! {
                                            <th scope="col" class="numeric">
                                                {c.clone()}
                                            </th>
                                        }
                                    })
                                    .collect_view()
                            })}
                        <th scope="col" class="numeric">
                            {move || t().col_total}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let tag = i18n.format_tag();
                        stacked
                            .with_value(|s| {
                                s.days
                                    .iter()
                                    .filter(|(_, costs)| costs.iter().any(|c| !c.is_zero()))
                                    .map(|(date, costs)| {
                                        let total = Amount::sum(costs.iter().copied())
                                            .unwrap_or(Amount::ZERO);
                                        view! {
                                            <tr>
                                                <th scope="row">{format::long_date(&tag, *date)}</th>
                                                {costs
                                                    .iter()
                                                    .map(|c| view! { <td class="numeric">{money(*c)}</td> })
                                                    .collect_view()}
                                                <td class="numeric">{money(total)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use portal_domain::Attributes;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn day(date: &str, category: &str, cost: &str) -> DailyUsage {
        DailyUsage {
            date: date.into(),
            category: category.into(),
            total_cost: cost.parse().unwrap(),
            currency_code: "EUR".into(),
            attributes: Attributes::of("DailyUsage"),
        }
    }

    fn eur(text: &str) -> Amount {
        text.parse().unwrap()
    }

    #[test]
    fn every_day_of_the_period_is_stacked_by_category_costliest_first() {
        let period = BillingPeriod::containing(date("2026-02-10"));
        let daily = [
            day("2026-02-01", "Storage", "1.5"),
            day("2026-02-01", "Compute", "3"),
            day("2026-02-02", "Compute", "4.25"),
        ];
        let stacked = stack(&daily, period);
        assert_eq!(stacked.categories, ["Compute", "Storage"]);
        assert_eq!(stacked.days.len(), 28);
        assert_eq!(stacked.days[0], (date("2026-02-01"), vec![eur("3"), eur("1.5")]));
        assert_eq!(stacked.days[1].1, vec![eur("4.25"), Amount::ZERO]);
        assert_eq!(stacked.days[27].1, vec![Amount::ZERO, Amount::ZERO]);
        // The costliest day is 4.50; the axis goes to 5.
        assert_eq!(stacked.axis_max, eur("5"));
    }

    #[test]
    fn the_axis_ends_on_a_round_amount() {
        assert_eq!(round_up(Amount::ZERO), eur("1"));
        assert_eq!(round_up(eur("0.40")), eur("1"));
        assert_eq!(round_up(eur("1")), eur("1"));
        assert_eq!(round_up(eur("1.01")), eur("2"));
        assert_eq!(round_up(eur("21")), eur("25"));
        assert_eq!(round_up(eur("26")), eur("50"));
        assert_eq!(round_up(eur("731.20")), eur("1000"));
        assert_eq!(round_up(eur("1234")), eur("2000"));
    }

    #[test]
    fn bars_fill_the_plot_in_whole_units_and_heights_round_to_the_nearest() {
        // 31 days over 648 units: every bar inside its slot, the last ending before the edge.
        let places: Vec<(i64, i64)> = (0..31).map(|i| bar_place(i, 31)).collect();
        assert_eq!(places[0], (LEFT + 3, 14));
        for (i, (x, width)) in places.iter().enumerate() {
            let i = i as i64;
            assert!(*x >= LEFT + (WIDTH - LEFT) * i / 31, "bar {i} starts in its slot");
            assert!(x + width <= LEFT + (WIDTH - LEFT) * (i + 1) / 31, "bar {i} ends in its slot");
        }
        let plot = HEIGHT - BOTTOM - TOP;
        assert_eq!(height_of(eur("5"), eur("5")), plot);
        assert_eq!(height_of(eur("2.5"), eur("5")), plot / 2);
        assert_eq!(height_of(eur("0.01"), eur("5")), 0);
        assert_eq!(height_of(eur("0.02"), eur("5")), 1);
        assert_eq!(height_of(eur("3"), Amount::ZERO), 0);
    }
}
