//! The catalog the portal sells from, per country. It is reference data that changes with
//! releases, not with use, so it lives here rather than in the database; what was bought keeps
//! its own copy of the price on the order and the subscription.
//!
//! Text comes in English and French and follows the request's `X-Locale`, as in Partner Center.

use portal_domain::catalog::{
    Availability, AvailabilityLinks, CurrencyRef, ItemType, Price, Product, ProductLinks, Sku,
    SkuLinks, Term, UnitType, split_catalog_item_id,
};
use portal_domain::{Amount, Attributes, BillingCycle, Currency, Link};

/// Countries sold in, with their currency.
pub const COUNTRIES: [(&str, Currency); 3] =
    [("DE", Currency::EUR), ("FR", Currency::EUR), ("US", Currency::USD)];

pub fn currency_of(country: &str) -> Option<Currency> {
    COUNTRIES.iter().find(|(c, _)| c.eq_ignore_ascii_case(country)).map(|(_, currency)| *currency)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Fr,
}

impl Language {
    /// From `X-Locale` (`fr-FR`, `fr`); English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Self {
        match locale.and_then(|l| l.split(['-', '_']).next()) {
            Some(lang) if lang.eq_ignore_ascii_case("fr") => Language::Fr,
            _ => Language::En,
        }
    }
}

/// Text in both languages.
#[derive(Clone, Copy)]
struct Text {
    en: &'static str,
    fr: &'static str,
}

impl Text {
    fn get(self, language: Language) -> String {
        match language {
            Language::En => self.en,
            Language::Fr => self.fr,
        }
        .to_owned()
    }
}

const fn text(en: &'static str, fr: &'static str) -> Text {
    Text { en, fr }
}

struct ProductDef {
    id: &'static str,
    title: &'static str,
    description: Text,
    target_view: &'static str,
    family: (&'static str, &'static str),
    skus: &'static [SkuDef],
}

struct SkuDef {
    id: &'static str,
    title: Text,
    description: Text,
    minimum_quantity: i64,
    maximum_quantity: i64,
    is_trial: bool,
    billing_cycles: &'static [BillingCycle],
    unit_type: UnitType,
    terms: &'static [(&'static str, Text)],
    availabilities: &'static [AvailabilityDef],
}

struct AvailabilityDef {
    id: &'static str,
    country: &'static str,
    /// (term, billing cycle, unit price as decimal text).
    prices: &'static [(&'static str, BillingCycle, &'static str)],
}

use BillingCycle::{Annual, Monthly, None as NoCharge};

const ONE_MONTH: (&str, Text) = ("P1M", text("One-month commitment", "Engagement d’un mois"));
const ONE_YEAR: (&str, Text) = ("P1Y", text("One-year commitment", "Engagement d’un an"));
const THREE_YEARS: (&str, Text) = ("P3Y", text("Three-year commitment", "Engagement de trois ans"));

pub const AZURE_PLAN_PRODUCT_ID: &str = "DZH318Z0BPS6";

static PRODUCTS: &[ProductDef] = &[
    ProductDef {
        id: AZURE_PLAN_PRODUCT_ID,
        title: "Azure plan",
        description: text(
            "Access to every Azure service, billed each month for what was used.",
            "Accès à tous les services Azure, facturé chaque mois selon l’utilisation.",
        ),
        target_view: "MicrosoftAzure",
        family: ("Azure", "Azure"),
        skus: &[SkuDef {
            id: "0001",
            title: text("Azure plan", "Plan Azure"),
            description: text(
                "Pay as you go, no commitment.",
                "Paiement à l’utilisation, sans engagement.",
            ),
            minimum_quantity: 1,
            maximum_quantity: 1,
            is_trial: false,
            billing_cycles: &[Monthly],
            unit_type: UnitType::UsageBased,
            terms: &[],
            availabilities: &[
                AvailabilityDef { id: "DZH318Z0BMGF", country: "FR", prices: &[] },
                AvailabilityDef { id: "DZH318Z0BMGD", country: "DE", prices: &[] },
                AvailabilityDef { id: "DZH318Z0BML6", country: "US", prices: &[] },
            ],
        }],
    },
    ProductDef {
        id: "DG7GMGF0DMDI",
        title: "Microsoft Defender for IoT",
        description: text(
            "Security monitoring for IoT and OT devices, billed on the devices you commit to.",
            "Surveillance de la sécurité des appareils IoT et OT, facturée sur les appareils engagés.",
        ),
        target_view: "Azure",
        family: ("Azure", "Azure"),
        skus: &[
            SkuDef {
                id: "0001",
                title: text("Committed devices", "Appareils engagés"),
                description: text(
                    "Sold in blocks of 1,000 devices.",
                    "Vendus par blocs de 1 000 appareils.",
                ),
                minimum_quantity: 1,
                maximum_quantity: 100,
                is_trial: false,
                billing_cycles: &[Monthly, Annual],
                unit_type: UnitType::DeviceBlocks,
                terms: &[ONE_MONTH, ONE_YEAR],
                availabilities: &[
                    AvailabilityDef {
                        id: "DG7GMGF0DF01",
                        country: "FR",
                        prices: &[("P1M", Monthly, "275"), ("P1Y", Annual, "3000")],
                    },
                    AvailabilityDef {
                        id: "DG7GMGF0DD01",
                        country: "DE",
                        prices: &[("P1M", Monthly, "275"), ("P1Y", Annual, "3000")],
                    },
                    AvailabilityDef {
                        id: "DG7GMGF0DU01",
                        country: "US",
                        prices: &[("P1M", Monthly, "300"), ("P1Y", Annual, "3300")],
                    },
                ],
            },
            SkuDef {
                id: "0002",
                title: text("30-day trial", "Essai de 30 jours"),
                description: text(
                    "1,000 devices free for 30 days, once per Azure subscription.",
                    "1 000 appareils gratuits pendant 30 jours, une fois par abonnement Azure.",
                ),
                minimum_quantity: 1,
                maximum_quantity: 1,
                is_trial: true,
                billing_cycles: &[NoCharge],
                unit_type: UnitType::DeviceBlocks,
                terms: &[("P1M", text("30-day trial", "Essai de 30 jours"))],
                availabilities: &[
                    AvailabilityDef {
                        id: "DG7GMGF0DF02",
                        country: "FR",
                        prices: &[("P1M", NoCharge, "0")],
                    },
                    AvailabilityDef {
                        id: "DG7GMGF0DD02",
                        country: "DE",
                        prices: &[("P1M", NoCharge, "0")],
                    },
                    AvailabilityDef {
                        id: "DG7GMGF0DU02",
                        country: "US",
                        prices: &[("P1M", NoCharge, "0")],
                    },
                ],
            },
        ],
    },
    ProductDef {
        id: "DG7GMGF0ASHC",
        title: "Azure Stack Hub capacity",
        description: text(
            "Capacity licensing for an Azure Stack Hub deployment, per physical core, billed yearly.",
            "Licence de capacité pour un déploiement Azure Stack Hub, par cœur physique, facturée à l’année.",
        ),
        target_view: "Azure",
        family: ("AzureStack", "Azure Stack Hub"),
        skus: &[SkuDef {
            id: "0001",
            title: text("Capacity per physical core", "Capacité par cœur physique"),
            description: text(
                "At least 8 cores; the agreement number is asked when the deployment is registered.",
                "8 cœurs au minimum ; le numéro de contrat est demandé à l’inscription du déploiement.",
            ),
            minimum_quantity: 8,
            maximum_quantity: 2048,
            is_trial: false,
            billing_cycles: &[Annual],
            unit_type: UnitType::Cores,
            terms: &[ONE_YEAR, THREE_YEARS],
            availabilities: &[
                AvailabilityDef {
                    id: "DG7GMGF0AF01",
                    country: "FR",
                    prices: &[("P1Y", Annual, "1150"), ("P3Y", Annual, "1050")],
                },
                AvailabilityDef {
                    id: "DG7GMGF0AD01",
                    country: "DE",
                    prices: &[("P1Y", Annual, "1150"), ("P3Y", Annual, "1050")],
                },
                AvailabilityDef {
                    id: "DG7GMGF0AU01",
                    country: "US",
                    prices: &[("P1Y", Annual, "1250"), ("P3Y", Annual, "1150")],
                },
            ],
        }],
    },
    ProductDef {
        id: "CFQ7TTC0LDPB",
        title: "Microsoft 365 Business Standard",
        description: text(
            "Office apps, email and file storage for small businesses, per user.",
            "Applications Office, messagerie et stockage de fichiers pour les petites entreprises, par utilisateur.",
        ),
        target_view: "OnlineServices",
        family: ("OnlineServices", "Online services"),
        skus: &[SkuDef {
            id: "0001",
            title: text("Microsoft 365 Business Standard", "Microsoft 365 Business Standard"),
            description: text("Up to 300 users.", "Jusqu’à 300 utilisateurs."),
            minimum_quantity: 1,
            maximum_quantity: 300,
            is_trial: false,
            billing_cycles: &[Monthly, Annual],
            unit_type: UnitType::Licenses,
            terms: &[ONE_MONTH, ONE_YEAR],
            availabilities: &[
                AvailabilityDef {
                    id: "CFQ7TTC0LDPF",
                    country: "FR",
                    prices: &[
                        ("P1M", Monthly, "14.04"),
                        ("P1Y", Monthly, "11.70"),
                        ("P1Y", Annual, "140.40"),
                    ],
                },
                AvailabilityDef {
                    id: "CFQ7TTC0LDPD",
                    country: "DE",
                    prices: &[
                        ("P1M", Monthly, "14.04"),
                        ("P1Y", Monthly, "11.70"),
                        ("P1Y", Annual, "140.40"),
                    ],
                },
                AvailabilityDef {
                    id: "CFQ7TTC0LDPU",
                    country: "US",
                    prices: &[
                        ("P1M", Monthly, "15.00"),
                        ("P1Y", Monthly, "12.50"),
                        ("P1Y", Annual, "150.00"),
                    ],
                },
            ],
        }],
    },
    ProductDef {
        id: "CFQ7TTC0LFLX",
        title: "Microsoft 365 E3",
        description: text(
            "Office apps, security and compliance for enterprises, per user.",
            "Applications Office, sécurité et conformité pour les entreprises, par utilisateur.",
        ),
        target_view: "OnlineServices",
        family: ("OnlineServices", "Online services"),
        skus: &[SkuDef {
            id: "0001",
            title: text("Microsoft 365 E3", "Microsoft 365 E3"),
            description: text("From 1 to 5,000 users.", "De 1 à 5 000 utilisateurs."),
            minimum_quantity: 1,
            maximum_quantity: 5000,
            is_trial: false,
            billing_cycles: &[Monthly, Annual],
            unit_type: UnitType::Licenses,
            terms: &[ONE_MONTH, ONE_YEAR],
            availabilities: &[
                AvailabilityDef {
                    id: "CFQ7TTC0LFLF",
                    country: "FR",
                    prices: &[
                        ("P1M", Monthly, "40.44"),
                        ("P1Y", Monthly, "33.70"),
                        ("P1Y", Annual, "404.40"),
                    ],
                },
                AvailabilityDef {
                    id: "CFQ7TTC0LFLD",
                    country: "DE",
                    prices: &[
                        ("P1M", Monthly, "40.44"),
                        ("P1Y", Monthly, "33.70"),
                        ("P1Y", Annual, "404.40"),
                    ],
                },
                AvailabilityDef {
                    id: "CFQ7TTC0LFLU",
                    country: "US",
                    prices: &[
                        ("P1M", Monthly, "43.20"),
                        ("P1Y", Monthly, "36.00"),
                        ("P1Y", Annual, "432.00"),
                    ],
                },
            ],
        }],
    },
];

/// Why a catalog lookup found nothing: the deepest part that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Product,
    Sku,
    Availability,
}

fn product_def(id: &str) -> Result<&'static ProductDef, Missing> {
    PRODUCTS.iter().find(|p| p.id.eq_ignore_ascii_case(id)).ok_or(Missing::Product)
}

fn sku_def(product: &'static ProductDef, id: &str) -> Result<&'static SkuDef, Missing> {
    product.skus.iter().find(|s| s.id.eq_ignore_ascii_case(id)).ok_or(Missing::Sku)
}

/// Products sold in `country`, optionally only those of one target view (Partner Center's
/// `targetView`, compared without regard to case).
pub fn products(country: &str, target_view: Option<&str>, language: Language) -> Vec<Product> {
    PRODUCTS
        .iter()
        .filter(|p| target_view.is_none_or(|v| p.target_view.eq_ignore_ascii_case(v)))
        .filter(|p| p.skus.iter().any(|s| availability_def(s, country).is_some()))
        .map(|p| product_resource(p, language))
        .collect()
}

pub fn product(country: &str, product_id: &str, language: Language) -> Result<Product, Missing> {
    let p = product_def(product_id)?;
    p.skus
        .iter()
        .any(|s| availability_def(s, country).is_some())
        .then(|| product_resource(p, language))
        .ok_or(Missing::Product)
}

pub fn skus(country: &str, product_id: &str, language: Language) -> Result<Vec<Sku>, Missing> {
    let p = product_def(product_id)?;
    product(country, product_id, language)?;
    Ok(p.skus
        .iter()
        .filter(|s| availability_def(s, country).is_some())
        .map(|s| sku_resource(p, s, language))
        .collect())
}

pub fn sku(
    country: &str,
    product_id: &str,
    sku_id: &str,
    language: Language,
) -> Result<Sku, Missing> {
    let p = product_def(product_id)?;
    let s = sku_def(p, sku_id)?;
    availability_def(s, country).ok_or(Missing::Sku)?;
    Ok(sku_resource(p, s, language))
}

pub fn availabilities(
    country: &str,
    product_id: &str,
    sku_id: &str,
    language: Language,
) -> Result<Vec<Availability>, Missing> {
    let p = product_def(product_id)?;
    let s = sku_def(p, sku_id)?;
    Ok(s.availabilities
        .iter()
        .filter(|a| a.country == country)
        .map(|a| availability_resource(p, s, a, language))
        .collect())
}

pub fn availability(
    country: &str,
    product_id: &str,
    sku_id: &str,
    availability_id: &str,
    language: Language,
) -> Result<Availability, Missing> {
    let p = product_def(product_id)?;
    let s = sku_def(p, sku_id)?;
    s.availabilities
        .iter()
        .find(|a| a.country == country && a.id.eq_ignore_ascii_case(availability_id))
        .map(|a| availability_resource(p, s, a, language))
        .ok_or(Missing::Availability)
}

/// The quantity bounds of a SKU, which do not depend on the country.
pub fn sku_bounds(product_id: &str, sku_id: &str) -> Option<(i64, i64)> {
    let sku = sku_def(product_def(product_id).ok()?, sku_id).ok()?;
    Some((sku.minimum_quantity, sku.maximum_quantity))
}

/// The availability a cart line or order names, if it is sold in `country`.
pub fn find_catalog_item(
    country: &str,
    catalog_item_id: &str,
    language: Language,
) -> Option<Availability> {
    let (p, s, a) = split_catalog_item_id(catalog_item_id)?;
    availability(country, p, s, a, language).ok()
}

/// Everything purchasable in `country` (optionally one target view), each availability with its
/// product and SKU embedded: what the Pricing page shows.
pub fn purchasable(
    country: &str,
    target_view: Option<&str>,
    language: Language,
) -> Vec<Availability> {
    PRODUCTS
        .iter()
        .filter(|p| target_view.is_none_or(|v| p.target_view.eq_ignore_ascii_case(v)))
        .flat_map(|p| p.skus.iter().map(move |s| (p, s)))
        .filter_map(|(p, s)| {
            availability_def(s, country).map(|a| availability_resource(p, s, a, language))
        })
        .collect()
}

fn availability_def(sku: &'static SkuDef, country: &str) -> Option<&'static AvailabilityDef> {
    sku.availabilities.iter().find(|a| a.country.eq_ignore_ascii_case(country))
}

fn product_resource(p: &ProductDef, language: Language) -> Product {
    Product {
        id: p.id.to_owned(),
        title: p.title.to_owned(),
        description: p.description.get(language),
        product_type: ItemType {
            id: p.family.0.to_owned(),
            display_name: p.family.1.to_owned(),
            sub_type: None,
        },
        is_microsoft_product: true,
        publisher_name: "Microsoft Corporation".to_owned(),
        links: ProductLinks {
            skus: Link::get(format!("/products/{}/skus", p.id)),
            self_link: Link::get(format!("/products/{}", p.id)),
        },
        attributes: Attributes::of("Product"),
    }
}

fn sku_resource(p: &ProductDef, s: &SkuDef, language: Language) -> Sku {
    Sku {
        id: s.id.to_owned(),
        product_id: p.id.to_owned(),
        title: s.title.get(language),
        description: s.description.get(language),
        minimum_quantity: s.minimum_quantity,
        maximum_quantity: s.maximum_quantity,
        is_trial: s.is_trial,
        supported_billing_cycles: s.billing_cycles.to_vec(),
        purchase_prerequisites: Vec::new(),
        inventory_variables: Vec::new(),
        provisioning_variables: Vec::new(),
        unit_type: s.unit_type,
        links: SkuLinks {
            availabilities: Link::get(format!("/products/{}/skus/{}/availabilities", p.id, s.id)),
            self_link: Link::get(format!("/products/{}/skus/{}", p.id, s.id)),
        },
        attributes: Attributes::of("Sku"),
    }
}

fn availability_resource(
    p: &ProductDef,
    s: &SkuDef,
    a: &AvailabilityDef,
    language: Language,
) -> Availability {
    let currency = currency_of(a.country).expect("every availability is in a country we sell in");
    Availability {
        id: a.id.to_owned(),
        product_id: p.id.to_owned(),
        sku_id: s.id.to_owned(),
        catalog_item_id: format!("{}:{}:{}", p.id, s.id, a.id),
        default_currency: CurrencyRef {
            code: currency.code.to_owned(),
            symbol: currency.symbol.to_owned(),
        },
        segment: "commercial".to_owned(),
        country: a.country.to_owned(),
        is_purchasable: true,
        is_renewable: !s.is_trial,
        terms: s
            .terms
            .iter()
            .map(|(duration, description)| Term {
                duration: (*duration).to_owned(),
                description: description.get(language),
            })
            .collect(),
        prices: a
            .prices
            .iter()
            .map(|(term, cycle, price)| Price {
                term_duration: (*term).to_owned(),
                billing_cycle: *cycle,
                unit_price: price.parse::<Amount>().expect("catalog prices are valid amounts"),
            })
            .collect(),
        product: Some(product_resource(p, language)),
        sku: Some(sku_resource(p, s, language)),
        links: AvailabilityLinks {
            self_link: Link::get(format!(
                "/products/{}/skus/{}/availabilities/{}",
                p.id, s.id, a.id
            )),
        },
        attributes: Attributes::of("Availability"),
    }
}

/// A meter of the Azure plan: what usage records name in `meterId`, priced per unit in each
/// currency (Azure's public rates, rounded).
pub struct MeterDef {
    pub id: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub unit: &'static str,
    /// (currency code, price per unit).
    prices: &'static [(&'static str, &'static str)],
    /// Reported by an Azure Stack Hub deployment paying as it uses, with its cloud ID.
    pub azure_stack: bool,
}

pub const METERS: [MeterDef; 7] = [
    MeterDef {
        id: "a1f3c6d2-0001-4e2b-9d61-7c0e5b2a9f01",
        name: "D2s v5",
        category: "Virtual Machines",
        unit: "1 Hour",
        prices: &[("EUR", "0.0960"), ("USD", "0.0960")],
        azure_stack: false,
    },
    MeterDef {
        id: "a1f3c6d2-0002-4e2b-9d61-7c0e5b2a9f02",
        name: "LRS Data Stored",
        category: "Storage",
        unit: "1 GB/Month",
        prices: &[("EUR", "0.0196"), ("USD", "0.0184")],
        azure_stack: false,
    },
    MeterDef {
        id: "a1f3c6d2-0003-4e2b-9d61-7c0e5b2a9f03",
        name: "Standard Data Transfer Out",
        category: "Bandwidth",
        unit: "1 GB",
        prices: &[("EUR", "0.0812"), ("USD", "0.0870")],
        azure_stack: false,
    },
    MeterDef {
        id: "a1f3c6d2-0004-4e2b-9d61-7c0e5b2a9f04",
        name: "vCore",
        category: "SQL Database",
        unit: "1 Hour",
        prices: &[("EUR", "0.4651"), ("USD", "0.5044")],
        azure_stack: false,
    },
    MeterDef {
        id: "a1f3c6d2-0005-4e2b-9d61-7c0e5b2a9f05",
        name: "P1 v3 App",
        category: "Azure App Service",
        unit: "1 Hour",
        prices: &[("EUR", "0.2290"), ("USD", "0.2480")],
        azure_stack: false,
    },
    // Azure Stack Hub, pay-as-you-use (seed 001): what a registered deployment reports.
    MeterDef {
        id: "a25c0000-0001-4e2b-9d61-7c0e5b2a9f11",
        name: "Base VM",
        category: "Azure Stack Hub",
        unit: "1 vCPU Hour",
        prices: &[("EUR", "0.0075"), ("USD", "0.0080")],
        azure_stack: true,
    },
    MeterDef {
        id: "a25c0000-0002-4e2b-9d61-7c0e5b2a9f12",
        name: "Blob Storage",
        category: "Azure Stack Hub",
        unit: "1 GB/Month",
        prices: &[("EUR", "0.0056"), ("USD", "0.0060")],
        azure_stack: true,
    },
];

/// A meter's price per unit in a currency; None for a meter or currency we do not rate.
pub fn meter_price(meter_id: &str, currency: &str) -> Option<(&'static MeterDef, Amount)> {
    let meter = METERS.iter().find(|m| m.id.eq_ignore_ascii_case(meter_id))?;
    let (_, price) = meter.prices.iter().find(|(code, _)| code.eq_ignore_ascii_case(currency))?;
    Some((meter, price.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_meter_is_priced_in_every_currency() {
        for meter in &METERS {
            for (_, currency) in COUNTRIES {
                let (found, price) = meter_price(meter.id, currency.code).expect(meter.name);
                assert_eq!(found.id, meter.id);
                assert!(price > Amount::ZERO, "{} in {}", meter.name, currency.code);
            }
        }
        assert!(meter_price("unknown", "EUR").is_none());
        assert!(meter_price(METERS[0].id, "GBP").is_none());
    }

    #[test]
    fn the_catalog_is_consistent() {
        for p in PRODUCTS {
            for s in p.skus {
                assert!(s.minimum_quantity <= s.maximum_quantity, "{} {}", p.id, s.id);
                for a in s.availabilities {
                    assert!(currency_of(a.country).is_some(), "{}", a.id);
                    for (term, cycle, price) in a.prices {
                        assert!(s.billing_cycles.contains(cycle), "{} {term} {cycle}", a.id);
                        assert!(s.terms.iter().any(|(t, _)| t == term), "{} {term}", a.id);
                        assert!(price.parse::<Amount>().is_ok(), "{} {price}", a.id);
                    }
                    // Every cycle a licence SKU supports has a price.
                    if s.unit_type != UnitType::UsageBased {
                        for cycle in s.billing_cycles {
                            assert!(
                                a.prices.iter().any(|(_, c, _)| c == cycle),
                                "{} has no {cycle} price",
                                a.id
                            );
                        }
                    }
                }
                // Sold in every country.
                for (country, _) in COUNTRIES {
                    assert!(
                        availability_def(s, country).is_some(),
                        "{} {} not in {country}",
                        p.id,
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn the_demo_catalog_has_what_the_portal_sells() {
        let fr = purchasable("FR", None, Language::Fr);
        let unit_types: Vec<_> = fr.iter().map(|a| a.sku.as_ref().unwrap().unit_type).collect();
        for needed in
            [UnitType::UsageBased, UnitType::DeviceBlocks, UnitType::Cores, UnitType::Licenses]
        {
            assert!(unit_types.contains(&needed), "{needed:?}");
        }
        assert!(fr.iter().all(|a| a.default_currency.code == "EUR"));
        assert!(
            purchasable("US", None, Language::En).iter().all(|a| a.default_currency.code == "USD")
        );
        assert_eq!(purchasable("FR", Some("onlineservices"), Language::En).len(), 2);
        assert!(
            purchasable("DE", None, Language::En).iter().all(|a| a.default_currency.code == "EUR")
        );
        assert!(purchasable("GB", None, Language::En).is_empty());
    }

    #[test]
    fn lookups_say_what_is_missing() {
        assert_eq!(sku("FR", "nope", "0001", Language::En), Err(Missing::Product));
        assert_eq!(sku("FR", AZURE_PLAN_PRODUCT_ID, "9999", Language::En), Err(Missing::Sku));
        assert_eq!(
            availability("FR", AZURE_PLAN_PRODUCT_ID, "0001", "DZH318Z0BML6", Language::En),
            Err(Missing::Availability)
        );
        assert!(find_catalog_item("US", "DZH318Z0BPS6:0001:DZH318Z0BML6", Language::En).is_some());
        assert!(find_catalog_item("FR", "DZH318Z0BPS6:0001:DZH318Z0BML6", Language::En).is_none());
    }

    #[test]
    fn text_follows_the_locale() {
        assert_eq!(Language::from_locale(Some("fr-FR")), Language::Fr);
        assert_eq!(Language::from_locale(Some("en-US")), Language::En);
        assert_eq!(Language::from_locale(None), Language::En);
        let fr = product("FR", AZURE_PLAN_PRODUCT_ID, Language::Fr).unwrap();
        assert!(fr.description.starts_with("Accès"));
    }
}
