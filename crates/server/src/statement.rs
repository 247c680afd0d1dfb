//! The PDF statement of an invoice or note: issuer and customer with their addresses and VAT
//! numbers, number, date, due date and period, the billing lines, totals, tax and the amount
//! due, then what French law asks an invoice between businesses to say (payment terms, late
//! payment, and why no VAT is charged when none is), in the customer's language and number
//! format. DejaVu Sans is embedded so accents and currency signs print the same everywhere.

use anyhow::Context;
use chrono::Datelike;
use portal_domain::billing::parse_day;
use portal_domain::invoice::{
    DocumentType, LineKind, PAYMENT_TERMS_DAYS, TaxTreatment, due_date, tax_treatment,
};
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
/// The notes at the end, in small type, may come down to just above the footer.
const NOTES_BOTTOM: f32 = 18.0;
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
    vat_number: &'static str,
    due_date: &'static str,
    /// (days)
    payment_terms: fn(u64) -> String,
    late_payment: &'static str,
    reverse_charge: &'static str,
    outside_eu: &'static str,
    /// The countries we sell in and invoice from.
    countries: [(&'static str, &'static str); 3],
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
    vat_number: "VAT number",
    due_date: "Due date",
    payment_terms: |days| {
        format!(
            "Payment terms: within {days} days of the invoice date, by bank transfer. No discount for early payment."
        )
    },
    late_payment: "Late payment: interest at three times the French legal interest rate, and a fixed indemnity of €40 for recovery costs (article L441-10 of the French Commercial Code).",
    reverse_charge: "Reverse charge: VAT to be accounted for by the customer (article 196 of Council Directive 2006/112/EC).",
    outside_eu: "VAT not applicable: services supplied to a business outside the EU (article 259-1 of the French General Tax Code).",
    countries: [("FR", "France"), ("DE", "Germany"), ("US", "United States")],
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
    vat_number: "N° TVA intracommunautaire",
    due_date: "Date d’échéance",
    payment_terms: |days| {
        format!(
            "Conditions de paiement : sous {days} jours à compter de la date de facture, par virement. Pas d’escompte pour paiement anticipé."
        )
    },
    late_payment: "En cas de retard de paiement : pénalités au taux de trois fois le taux d’intérêt légal, et indemnité forfaitaire de 40 € pour frais de recouvrement (article L441-10 du Code de commerce).",
    reverse_charge: "Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE).",
    outside_eu: "TVA non applicable : prestations de services à une entreprise hors de l’UE (article 259-1 du CGI).",
    countries: [("FR", "France"), ("DE", "Allemagne"), ("US", "États-Unis")],
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
        let point = match self {
            Language::En => ".",
            Language::Fr => ",",
        };
        let grouped = self.grouped(whole);
        let number =
            if decimals.is_empty() { grouped } else { format!("{grouped}{point}{decimals}") };
        let sign = if amount.is_negative() { "-" } else { "" };
        match self {
            Language::En => format!("{sign}{}{number}", currency.symbol),
            Language::Fr => format!("{sign}{number} {}", currency.symbol),
        }
    }

    /// A quantity in ten-thousandths, without trailing zeros, grouped by thousands:
    /// `26,320.896` / `26 320,896`.
    fn quantity(self, value: i64) -> String {
        let text = Amount::from_ten_thousandths(value).to_string();
        let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
        let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
        let number = self.grouped(whole);
        let point = match self {
            Language::En => ".",
            Language::Fr => ",",
        };
        if decimals.is_empty() {
            format!("{sign}{number}")
        } else {
            format!("{sign}{number}{point}{decimals}")
        }
    }

    /// Whole digits with the language's thousands separator: a comma in English, a space in
    /// French.
    fn grouped(self, whole: &str) -> String {
        let group = match self {
            Language::En => ",",
            Language::Fr => " ",
        };
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push_str(group);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// `Label: value` / `Libellé : valeur` (French puts a space before the colon).
    fn labelled(self, label: &str, value: &str) -> String {
        match self {
            Language::En => format!("{label}: {value}"),
            Language::Fr => format!("{label} : {value}"),
        }
    }

    /// A country's name, or its code when it is not one we sell in.
    fn country(self, code: &str) -> String {
        let found = self.words().countries.iter().find(|(c, _)| c.eq_ignore_ascii_case(code));
        found.map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
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

    /// `text` wrapped at word boundaries to `width` millimetres, a row per line, kept together
    /// on one page (a new one when it does not fit above [`NOTES_BOTTOM`]).
    fn paragraph(&mut self, text: &str, size: f32, x: f32, width: f32) {
        let mut lines = vec![String::new()];
        for word in text.split_whitespace() {
            let line = lines.last_mut().expect("there is a line");
            let candidate =
                if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if !line.is_empty() && self.metrics.width_mm(&candidate, size) > width {
                lines.push(word.to_owned());
            } else {
                *line = candidate;
            }
        }
        let step = size * 0.48;
        let height = step * (lines.len() - 1) as f32;
        if self.y - height < NOTES_BOTTOM {
            self.pages.push(Vec::new());
            self.y = PAGE_HEIGHT - MARGIN;
        }
        for line in lines {
            self.text(&line, size, x, false);
            self.next_row_above(step, NOTES_BOTTOM);
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a statement has at least one page")
    }

    /// Moves down a row, starting a new page when this one is full.
    fn next_row(&mut self, height: f32) {
        self.next_row_above(height, BOTTOM);
    }

    /// [`Self::next_row`], with the page full below `bottom`.
    fn next_row_above(&mut self, height: f32, bottom: f32) {
        self.y -= height;
        if self.y < bottom {
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
            out.text(&lang.labelled(w.reason, &fit(reason, 90)), 10.0, MARGIN, false);
            out.next_row(ROW);
        }
    }
    out.next_row(2.0);
    out.text(w.issued_by, 8.0, MARGIN, true);
    out.text(w.billed_to, 8.0, 110.0, true);
    out.next_row(ROW);
    // Each party: name, address, country, VAT number (and the issuer's registration), in two
    // columns side by side. Documents issued before profiles were kept print the names alone.
    let parties = &invoice.parties;
    let vat = |number: &Option<String>| number.as_ref().map(|n| lang.labelled(w.vat_number, n));
    let column = |name: &str, address: &Option<String>, country: Option<&str>| {
        let mut lines: Vec<String> =
            address.iter().flat_map(|a| a.lines()).map(str::to_owned).collect();
        lines.extend(country.map(|c| lang.country(c)));
        (fit(name, 45), lines)
    };
    let (issuer, mut issuer_lines) = column(
        parties.issuer_name.as_deref().unwrap_or(partner_name),
        &parties.issuer_address,
        parties.issuer_country.as_deref(),
    );
    issuer_lines.extend(vat(&parties.issuer_vat_number));
    issuer_lines.extend(parties.issuer_registration.clone());
    let (customer, mut customer_lines) =
        column(&invoice.customer_name, &parties.customer_address, Some(&invoice.customer_country));
    customer_lines.extend(vat(&parties.customer_vat_number));
    out.text(&issuer, 11.0, MARGIN, false);
    out.text(&customer, 11.0, 110.0, false);
    for row in 0..issuer_lines.len().max(customer_lines.len()) {
        out.next_row(4.5);
        if let Some(line) = issuer_lines.get(row) {
            out.text(&fit(line, 60), 8.5, MARGIN, false);
        }
        if let Some(line) = customer_lines.get(row) {
            out.text(&fit(line, 48), 8.5, 110.0, false);
        }
    }
    out.next_row(ROW * 2.0);

    // An invoice is due after the payment terms; a note is settled with the invoice it corrects.
    let due = (invoice.document_type == DocumentType::Invoice)
        .then(|| parse_day(&invoice.invoice_date))
        .flatten()
        .map(|day| (w.due_date, lang.date(&due_date(day).to_string())));
    let facts = [
        Some((w.number, invoice.id.clone())),
        Some((w.date, lang.date(&invoice.invoice_date))),
        due,
        Some((
            w.period,
            format!("{} – {}", lang.date(&invoice.period_start), lang.date(&invoice.period_end)),
        )),
        Some((w.currency, currency.code.to_owned())),
    ];
    for (label, value) in facts.into_iter().flatten() {
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
    for (index, (label, value, strong)) in totals.into_iter().enumerate() {
        if index > 0 {
            out.next_row(ROW + 0.5);
        }
        out.text(&label, 10.0, 110.0, strong);
        out.right(&lang.money(value, currency), 10.0, RIGHT, strong);
    }

    // What the law asks to be said: why no VAT is charged when none is, and on an invoice the
    // payment terms and what late payment costs. In small type, down to the footer.
    out.next_row_above(ROW * 2.0, NOTES_BOTTOM);
    let tax_note = match tax_treatment(&invoice.customer_country) {
        TaxTreatment::Domestic => None,
        TaxTreatment::ReverseCharge => Some(w.reverse_charge),
        TaxTreatment::OutsideEu => Some(w.outside_eu),
    };
    let mut notes: Vec<String> = tax_note.into_iter().map(str::to_owned).collect();
    if invoice.document_type == DocumentType::Invoice {
        notes.push((w.payment_terms)(PAYMENT_TERMS_DAYS));
        notes.push(w.late_payment.to_owned());
    }
    for note in notes {
        out.paragraph(&note, 8.0, MARGIN, RIGHT - MARGIN);
        out.next_row_above(1.5, NOTES_BOTTOM);
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
        // Quantities are grouped by thousands like money.
        assert_eq!(Language::Fr.quantity(50_000_000), "5 000");
        assert_eq!(Language::Fr.quantity(11_413_579), "1 141,3579");
        assert_eq!(Language::En.quantity(263_208_960), "26,320.896");
        assert_eq!(Language::En.quantity(-10_000_000), "-1,000");
        assert_eq!(Language::Fr.country("DE"), "Allemagne");
        assert_eq!(Language::En.country("JP"), "JP");
        assert_eq!(Language::Fr.short_date("2026-10-01"), "01/10/2026");
        assert_eq!(Language::En.short_date("2026-10-31"), "10/31/2026");
    }
}
