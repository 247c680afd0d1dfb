//! The Customer resource (Partner Center `Customer`, trimmed to the fields this portal keeps).

use serde::{Deserialize, Serialize};

use crate::envelope::{Attributes, Link};
use crate::validation::{
    NAME_MAX_LEN, Violation, check_domain, check_email, check_language, check_text,
    check_vat_number,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The customer's tenant id.
    pub id: String,
    pub company_profile: CompanyProfile,
    pub billing_profile: BillingProfile,
    /// ISO 4217 code of the currency the customer is billed in.
    pub currency: String,
    pub relationship_to_partner: RelationshipToPartner,
    /// Our extension: where the signed-in partner's relationship stands (absent in a
    /// customer's own view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_status: Option<crate::relationship::RelationshipStatus>,
    pub links: CustomerLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    pub tenant_id: String,
    pub company_name: String,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BillingProfile {
    /// BCP 47 culture used on the customer's documents, e.g. `fr-FR`.
    pub culture: String,
    /// The billing contact's email and language: given when the customer was created through
    /// the API, absent for the demo's older customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Ours: an EU business's VAT number, printed on its invoices (and required by law when
    /// they are reverse-charged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    pub default_address: Address,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    // The postal address and contact, when the customer was created with them through the API
    // (the demo's older customers have only a country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

/// How the signed-in partner relates to the customer (Partner Center `relationshipToPartner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RelationshipToPartner {
    /// The partner resells to the customer (Cloud Solution Provider).
    Reseller,
    /// Seen by the customer's own users: no partner point of view.
    None,
}

/// `POST /v1/customers`: a customer as the partner enters it. The server gives it its id (the
/// tenant id), its billing currency (from its country) and a pending relationship.
///
/// Every field defaults to empty, so that a missing one is reported by name like a blank one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "companyProfile": {
        "companyName": "Wingtip Toys",
        "domain": "wingtiptoys.example"
    },
    "billingProfile": {
        "email": "billing@wingtiptoys.example",
        "culture": "fr-FR",
        "language": "fr",
        "defaultAddress": {
            "firstName": "Camille",
            "lastName": "Martin",
            "addressLine1": "12 rue de la Paix",
            "city": "Paris",
            "postalCode": "75002",
            "country": "FR",
            "phoneNumber": "+33 1 23 45 67 89"
        }
    }
}))))]
#[serde(rename_all = "camelCase", default)]
pub struct NewCustomer {
    pub company_profile: NewCompanyProfile,
    pub billing_profile: NewBillingProfile,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct NewCompanyProfile {
    pub domain: String,
    pub company_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct NewBillingProfile {
    /// The billing contact's email.
    pub email: String,
    /// BCP 47 culture of the customer's documents, e.g. `fr-FR`.
    pub culture: String,
    /// The contact's language, e.g. `fr`.
    pub language: String,
    /// Ours, optional: an EU business's VAT number ([`check_vat_number`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    pub default_address: NewAddress,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct NewAddress {
    /// ISO 3166-1 alpha-2 country code; it decides the billing currency.
    pub country: String,
    pub address_line1: String,
    pub city: String,
    pub postal_code: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

impl NewCustomer {
    /// Each field the rules refuse, by its JSON path. Whether the country is sold in and the
    /// domain still free are for the server to say.
    pub fn violations(&self) -> Vec<(&'static str, Violation)> {
        let (company, billing) = (&self.company_profile, &self.billing_profile);
        let address = &billing.default_address;
        let checks = [
            ("companyProfile.companyName", check_text(&company.company_name, NAME_MAX_LEN)),
            ("companyProfile.domain", check_domain(&company.domain)),
            ("billingProfile.email", check_email(&billing.email)),
            ("billingProfile.culture", check_language(&billing.culture, true)),
            ("billingProfile.language", check_language(&billing.language, false)),
            ("billingProfile.defaultAddress.country", check_text(&address.country, 2)),
            (
                "billingProfile.defaultAddress.addressLine1",
                check_text(&address.address_line1, NAME_MAX_LEN),
            ),
            ("billingProfile.defaultAddress.city", check_text(&address.city, NAME_MAX_LEN)),
            ("billingProfile.defaultAddress.postalCode", check_text(&address.postal_code, 20)),
            (
                "billingProfile.defaultAddress.firstName",
                check_text(&address.first_name, NAME_MAX_LEN),
            ),
            (
                "billingProfile.defaultAddress.lastName",
                check_text(&address.last_name, NAME_MAX_LEN),
            ),
        ];
        let vat = billing
            .vat_number
            .as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(|v| ("billingProfile.vatNumber", check_vat_number(v, &address.country)));
        checks
            .into_iter()
            .chain(vat)
            .filter_map(|(field, result)| result.err().map(|v| (field, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tailspin() -> NewCustomer {
        serde_json::from_value(serde_json::json!({
            "companyProfile": {"domain": "tailspintoys.de", "companyName": "Tailspin Toys"},
            "billingProfile": {
                "email": "finance@tailspintoys.de", "culture": "de-DE", "language": "de",
                "defaultAddress": {
                    "country": "DE", "addressLine1": "Hauptstraße 1", "city": "Berlin",
                    "postalCode": "10115", "firstName": "Anna", "lastName": "Schmidt"
                }
            }
        }))
        .unwrap()
    }

    #[test]
    fn a_complete_customer_passes_and_each_bad_field_is_named() {
        assert_eq!(tailspin().violations(), []);
        let mut bad = tailspin();
        bad.company_profile.domain = "tailspin".into();
        bad.billing_profile.email = "finance".into();
        bad.billing_profile.default_address.city = " ".into();
        assert_eq!(
            bad.violations(),
            [
                ("companyProfile.domain", Violation::NotADomain),
                ("billingProfile.email", Violation::NotAnEmail),
                ("billingProfile.defaultAddress.city", Violation::Required),
            ]
        );
    }

    #[test]
    fn a_vat_number_is_optional_and_of_the_customers_eu_country() {
        let mut customer = tailspin();
        for good in ["DE123456789", "de 123 456 789", ""] {
            customer.billing_profile.vat_number = Some(good.into());
            assert_eq!(customer.violations(), [], "{good}");
        }
        for bad in ["FR40123456789", "DE1", "123456789"] {
            customer.billing_profile.vat_number = Some(bad.into());
            assert_eq!(
                customer.violations(),
                [("billingProfile.vatNumber", Violation::NotAVatNumber)],
                "{bad}"
            );
        }
        // Outside the EU there is no VAT number to give.
        customer.billing_profile.default_address.country = "US".into();
        customer.billing_profile.vat_number = Some("US123456789".into());
        assert_eq!(customer.violations(), [("billingProfile.vatNumber", Violation::NotAVatNumber)]);
        assert_eq!(check_vat_number("EL123456789", "GR"), Ok(()));
    }

    #[test]
    fn missing_fields_are_reported_like_blank_ones() {
        let empty: NewCustomer = serde_json::from_str("{}").unwrap();
        let fields: Vec<&str> = empty.violations().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields.len(), 11);
        assert!(fields.contains(&"companyProfile.companyName"));
        assert!(fields.contains(&"billingProfile.defaultAddress.lastName"));
    }
}

/// How many customers a partner has in each relationship status (our extension,
/// `GET /v1/customers/summary`): the counts of the customer list's filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub active: i64,
    pub pending: i64,
    pub declined: i64,
    pub ended: i64,
    pub expired: i64,
    pub attributes: crate::envelope::Attributes,
}
