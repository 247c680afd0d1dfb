//! The PDF statement of an invoice or note: issuer and customer, number and date, period, the
//! billing lines, totals, tax and the amount due, in the customer's language and money format.
//! DejaVu Sans is embedded so accents and currency signs print the same everywhere.

use anyhow::Context;
use chrono::Datelike;
use portal_domain::billing::parse_day;
use portal_domain::invoice::{DocumentType, LineKind};
use portal_domain::{Amount, Currency};
use printpdf::{
    FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, TextItem,
};

use crate::store::invoices::{InvoiceRow, LineRow};

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 18.0;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
/// Where the lines stop and a new page begins.
const BOTTOM: f32 = 30.0;
const ROW: f32 = 5.5;
const TEXT_SIZE: f32 = 9.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    En,
    Fr,
}

/// The printed words, in both languages.
struct Words {
    invoice: &'static str,
    void_note: &'static str,
    adjustment_note: &'static str,
    amends: &'static str,
    issued_by: &'static str,
    billed_to: &'static str,
    number: &'static str,
    date: &'static str,
    period: &'static str,
    currency: &'static str,
    description: &'static str,
    charge_period: &'static str,
    quantity: &'static str,
    amount: &'static str,
    licences: &'static str,
    usage: &'static str,
    credits: &'static str,
    subtotal: &'static str,
    tax: &'static str,
    total: &'static str,
    paid: &'static str,
    due: &'static str,
    reason: &'static str,
    page: &'static str,
    months: [&'static str; 12],
}

const EN: Words = Words {
    invoice: "Invoice",
    void_note: "Void note",
    adjustment_note: "Adjustment note",
    amends: "Amends invoice",
    issued_by: "Issued by",
    billed_to: "Billed to",
    number: "Number",
    date: "Date",
    period: "Billing period",
    currency: "Currency",
    description: "Description",
    charge_period: "Charged for",
    quantity: "Quantity",
    amount: "Amount",
    licences: "Licences",
    usage: "Usage",
    credits: "Credits",
    subtotal: "Subtotal",
    tax: "Tax",
    total: "Total",
    paid: "Paid",
    due: "Amount due",
    reason: "Reason",
    page: "Page",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

const FR: Words = Words {
    invoice: "Facture",
    void_note: "Avoir d’annulation",
    adjustment_note: "Note de régularisation",
    amends: "Corrige la facture",
    issued_by: "Émise par",
    billed_to: "Facturé à",
    number: "Numéro",
    date: "Date",
    period: "Période de facturation",
    currency: "Devise",
    description: "Désignation",
    charge_period: "Période facturée",
    quantity: "Quantité",
    amount: "Montant",
    licences: "Licences",
    usage: "Consommation",
    credits: "Crédits",
    subtotal: "Total HT",
    tax: "TVA",
    total: "Total TTC",
    paid: "Déjà réglé",
    due: "Montant dû",
    reason: "Motif",
    page: "Page",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
};

impl Language {
    fn of_culture(culture: &str) -> Self {
        if culture.to_ascii_lowercase().starts_with("fr") { Language::Fr } else { Language::En }
    }

    fn words(self) -> &'static Words {
        match self {
            Language::En => &EN,
            Language::Fr => &FR,
        }
    }

    /// `1 November 2026` / `1 novembre 2026`, from `YYYY-MM-DD…`.
    fn date(self, text: &str) -> String {
        match parse_day(text) {
            Some(day) => {
                let month = self.words().months[day.month0() as usize];
                format!("{} {month} {}", day.day(), day.year())
            }
            None => text.to_owned(),
        }
    }

    /// `01/10/2026` / `10/01/2026`: short, for the lines' charge periods.
    fn short_date(self, text: &str) -> String {
        match parse_day(text) {
            Some(day) => {
                let (d, m, y) = (day.day(), day.month(), day.year());
                match self {
                    Language::En => format!("{m:02}/{d:02}/{y}"),
                    Language::Fr => format!("{d:02}/{m:02}/{y}"),
                }
            }
            None => text.to_owned(),
        }
    }

    /// Rounded to the cent: `€1,234.56` / `1 234,56 €`.
    fn money(self, value: i64, currency: Currency) -> String {
        let amount = Amount::from_ten_thousandths(value).round_to(currency);
        let text = amount.abs().to_decimal_string(usize::from(currency.minor_units));
        let (whole, decimals) = text.split_once('.').unwrap_or((&text, ""));
        let (group, point) = match self {
            Language::En => (",", "."),
            Language::Fr => (" ", ","),
        };
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(digit);
        }
        let number =
            if decimals.is_empty() { grouped } else { format!("{grouped}{point}{decimals}") };
        let sign = if amount.is_negative() { "-" } else { "" };
        match self {
            Language::En => format!("{sign}{}{number}", currency.symbol),
            Language::Fr => format!("{sign}{number} {}", currency.symbol),
        }
    }

    /// A quantity in ten-thousandths, without trailing zeros.
    fn quantity(self, value: i64) -> String {
        let text = Amount::from_ten_thousandths(value).to_string();
        match self {
            Language::En => text,
            Language::Fr => text.replace('.', ","),
        }
    }
}

/// Text widths, to align amounts on the right.
struct Metrics {
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn width_mm(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(600, u32::from)
            })
            .sum();
        units as f32 / f32::from(self.face.units_per_em()) * size * 0.352_778
    }
}

/// The pages written so far (the last is the one being written) and where the next line goes.
struct Writer {
    regular: FontId,
    bold: FontId,
    metrics: Metrics,
    y: f32,
    pages: Vec<Vec<Op>>,
}

impl Writer {
    fn text(&mut self, text: &str, size: f32, x: f32, bold: bool) {
        let font = if bold { &self.bold } else { &self.regular };
        let ops = text_at(font, text, size, x, self.y);
        self.page().extend(ops);
    }

    fn right(&mut self, text: &str, size: f32, right: f32, bold: bool) {
        // The widths are the regular face's; bold glyphs are about 8% wider.
        let x = right - self.metrics.width_mm(text, size) * if bold { 1.08 } else { 1.0 };
        self.text(text, size, x, bold);
    }

    /// A line across the page between the previous row and this one.
    fn rule(&mut self) {
        let y = self.y + ROW - 1.5;
        let point = |x| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier: false };
        let line = Line { points: vec![point(MARGIN), point(RIGHT)], is_closed: false };
        self.page().push(Op::DrawLine { line });
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a statement has at least one page")
    }

    /// Moves down a row, starting a new page when this one is full.
    fn next_row(&mut self, height: f32) {
        self.y -= height;
        if self.y < BOTTOM {
            self.pages.push(Vec::new());
            self.y = PAGE_HEIGHT - MARGIN;
        }
    }
}

/// `text` in `font` with its baseline starting at (`x`, `y`), in millimetres from the bottom left.
fn text_at(font: &FontId, text: &str, size: f32, x: f32, y: f32) -> [Op; 5] {
    [
        Op::StartTextSection,
        Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) },
        Op::SetTextCursor { pos: Point::new(Mm(x), Mm(y)) },
        Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
        Op::EndTextSection,
    ]
}

/// Truncates `text` to `max` characters, with an ellipsis, so columns never overlap.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

pub fn render(
    invoice: &InvoiceRow,
    lines: &[LineRow],
    partner_name: &str,
) -> anyhow::Result<Vec<u8>> {
    let lang = Language::of_culture(&invoice.customer_culture);
    let w = lang.words();
    let currency = invoice.currency;
    let title = match invoice.document_type {
        DocumentType::VoidNote => w.void_note,
        DocumentType::AdjustmentNote => w.adjustment_note,
        DocumentType::Invoice => w.invoice,
    };
    let mut doc = PdfDocument::new(&format!("{title} {}", invoice.id));
    let parse = |bytes| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).context("reading the embedded font")
    };
    let (regular, bold) = (parse(dejavu::sans::regular())?, parse(dejavu::sans::bold())?);
    let face = ttf_parser::Face::parse(dejavu::sans::regular(), 0).context("reading the font")?;
    let mut out = Writer {
        regular: doc.add_font(&regular),
        bold: doc.add_font(&bold),
        metrics: Metrics { face },
        y: PAGE_HEIGHT - MARGIN - 4.0,
        pages: vec![Vec::new()],
    };

    out.text(&format!("{title} {}", invoice.id), 18.0, MARGIN, true);
    out.next_row(10.0);
    if let Some(amends) = &invoice.amends_id {
        out.text(&format!("{} {amends}", w.amends), 10.0, MARGIN, false);
        out.next_row(ROW);
        if let Some(reason) = &invoice.reason {
            out.text(&format!("{} : {}", w.reason, fit(reason, 90)), 10.0, MARGIN, false);
            out.next_row(ROW);
        }
    }
    out.next_row(2.0);
    out.text(w.issued_by, 8.0, MARGIN, true);
    out.text(w.billed_to, 8.0, 110.0, true);
    out.next_row(ROW);
    out.text(&fit(partner_name, 45), 11.0, MARGIN, false);
    out.text(&fit(&invoice.customer_name, 45), 11.0, 110.0, false);
    out.next_row(ROW);
    out.text(&invoice.customer_country, 9.0, 110.0, false);
    out.next_row(ROW * 2.0);

    let facts = [
        (w.number, invoice.id.clone()),
        (w.date, lang.date(&invoice.invoice_date)),
        (
            w.period,
            format!("{} – {}", lang.date(&invoice.period_start), lang.date(&invoice.period_end)),
        ),
        (w.currency, currency.code.to_owned()),
    ];
    for (label, value) in facts {
        out.text(label, TEXT_SIZE, MARGIN, true);
        out.text(&value, TEXT_SIZE, 60.0, false);
        out.next_row(ROW);
    }
    out.next_row(ROW);

    // The lines, grouped as the invoice page shows them.
    let groups = [
        (LineKind::Licence, w.licences),
        (LineKind::Usage, w.usage),
        (LineKind::Credit, w.credits),
    ];
    for (kind, heading) in groups {
        let of_kind: Vec<&LineRow> = lines.iter().filter(|l| l.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.text(heading, 11.0, MARGIN, true);
        out.next_row(ROW + 1.0);
        out.text(w.description, 8.0, MARGIN, true);
        out.text(w.charge_period, 8.0, 110.0, true);
        out.right(w.quantity, 8.0, 165.0, true);
        out.right(w.amount, 8.0, RIGHT, true);
        out.next_row(ROW);
        out.rule();
        let mut sum = 0;
        for line in of_kind {
            out.text(&fit(&line.product_name, 60), TEXT_SIZE, MARGIN, false);
            out.text(
                &format!(
                    "{} – {}",
                    lang.short_date(&line.charge_start),
                    lang.short_date(&line.charge_end)
                ),
                7.5,
                110.0,
                false,
            );
            out.right(&lang.quantity(line.quantity), TEXT_SIZE, 165.0, false);
            out.right(&lang.money(line.subtotal, currency), TEXT_SIZE, RIGHT, false);
            out.next_row(4.0);
            out.text(&fit(&line.description, 70), 7.5, MARGIN + 2.0, false);
            out.next_row(ROW);
            sum += line.subtotal;
        }
        out.rule();
        out.right(&lang.money(sum, currency), TEXT_SIZE, RIGHT, true);
        out.next_row(ROW * 2.0);
    }

    // Basis points × 100 are ten-thousandths of a percent: 2,000 bp prints as 20.
    let tax_label = format!("{} ({} %)", w.tax, lang.quantity(invoice.tax_rate_bp * 100));
    let due = invoice.total - invoice.paid_amount;
    let totals = [
        (w.subtotal.to_owned(), invoice.subtotal, false),
        (tax_label, invoice.tax, false),
        (w.total.to_owned(), invoice.total, true),
        (w.paid.to_owned(), -invoice.paid_amount, false),
        (w.due.to_owned(), due, true),
    ];
    out.rule();
    out.next_row(1.0);
    for (label, value, strong) in totals {
        out.text(&label, 10.0, 110.0, strong);
        out.right(&lang.money(value, currency), 10.0, RIGHT, strong);
        out.next_row(ROW + 0.5);
    }

    let count = out.pages.len();
    let pages = out
        .pages
        .into_iter()
        .enumerate()
        .map(|(index, mut ops)| {
            let footer = format!("{title} {} · {} {}/{count}", invoice.id, w.page, index + 1);
            ops.extend(text_at(&out.regular, &footer, 7.5, MARGIN, 12.0));
            PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
        })
        .collect();
    // The fonts are subset to the glyphs used (the default; it needs printpdf's text_layout).
    Ok(doc.with_pages(pages).save(&PdfSaveOptions::default(), &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_dates_follow_the_language() {
        assert_eq!(Language::En.money(123_456_789, Currency::EUR), "€12,345.68");
        assert_eq!(Language::Fr.money(123_456_789, Currency::EUR), "12 345,68 €");
        assert_eq!(Language::Fr.money(-150_000, Currency::EUR), "-15,00 €");
        assert_eq!(Language::En.money(0, Currency::USD), "$0.00");
        assert_eq!(Language::Fr.date("2026-08-01T00:00:00.000Z"), "1 août 2026");
        assert_eq!(Language::En.date("2026-10-31"), "31 October 2026");
        assert_eq!(Language::Fr.quantity(25_000), "2,5");
        assert_eq!(Language::Fr.short_date("2026-10-01"), "01/10/2026");
        assert_eq!(Language::En.short_date("2026-10-31"), "10/31/2026");
    }
}
