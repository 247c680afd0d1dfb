//! Creating a customer: its company, billing contact and address. The shared rules check each
//! field before anything is sent; the server says whether the domain is free and the country
//! sold in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::Customer;
use portal_domain::customer::{NewAddress, NewBillingProfile, NewCompanyProfile, NewCustomer};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    CancelButton, FieldProblem, Modal, MutationError, TextField, close_dialog, mutation,
};
use crate::i18n::{Messages, use_i18n};

/// Countries we sell in, as the server's catalog has them (it refuses any other).
const COUNTRIES: [&str; 3] = ["FR", "DE", "US"];

const COUNTRY_FIELD: &str = "billingProfile.defaultAddress.country";
/// After the country, whose code it starts with.
const VAT_FIELD: &str = "billingProfile.vatNumber";

/// The form's own name for an API field path, when the form has that field.
fn form_field(path: &str) -> Option<&'static str> {
    INPUTS.iter().map(|i| i.field).chain([COUNTRY_FIELD, VAT_FIELD]).find(|field| *field == path)
}

/// One text input of the form: its element id, the API's field path, its label.
struct Input {
    id: &'static str,
    field: &'static str,
    label: fn(&Messages) -> &'static str,
    autocomplete: &'static str,
}

const INPUTS: [Input; 9] = [
    Input {
        id: "new-company",
        field: "companyProfile.companyName",
        label: |t| t.customers().company_name,
        autocomplete: "organization",
    },
    Input {
        id: "new-domain",
        field: "companyProfile.domain",
        label: |t| t.customers().domain_name,
        autocomplete: "off",
    },
    Input {
        id: "new-first-name",
        field: "billingProfile.defaultAddress.firstName",
        label: |t| t.customers().first_name,
        autocomplete: "given-name",
    },
    Input {
        id: "new-last-name",
        field: "billingProfile.defaultAddress.lastName",
        label: |t| t.customers().last_name,
        autocomplete: "family-name",
    },
    Input {
        id: "new-email",
        field: "billingProfile.email",
        label: |t| t.customers().contact_email,
        autocomplete: "email",
    },
    Input {
        id: "new-phone",
        field: "billingProfile.defaultAddress.phoneNumber",
        label: |t| t.customers().phone,
        autocomplete: "tel",
    },
    Input {
        id: "new-address",
        field: "billingProfile.defaultAddress.addressLine1",
        label: |t| t.customers().address,
        autocomplete: "address-line1",
    },
    Input {
        id: "new-city",
        field: "billingProfile.defaultAddress.city",
        label: |t| t.customers().city,
        autocomplete: "address-level2",
    },
    Input {
        id: "new-postal-code",
        field: "billingProfile.defaultAddress.postalCode",
        label: |t| t.customers().postal_code,
        autocomplete: "postal-code",
    },
];

/// A field's problem, kept as what to say so that it follows the language.
#[derive(Clone)]
enum Problem {
    Rule(portal_domain::validation::Violation),
    DomainTaken,
    CountryNotSold,
    Refused,
}

impl Problem {
    fn words(&self, t: &Messages) -> String {
        match self {
            Problem::Rule(v) => t.violation(*v),
            Problem::DomainTaken => t.customers().domain_taken.to_owned(),
            Problem::CountryNotSold => t.customers().country_not_sold.to_owned(),
            Problem::Refused => t.error_invalid_input.to_owned(),
        }
    }
}

#[component]
pub(super) fn CreateCustomerDialog(
    on_close: Callback<()>,
    on_created: Callback<Customer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let values: [RwSignal<String>; 9] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let country = RwSignal::new(COUNTRIES[0].to_owned());
    let vat_number = RwSignal::new(String::new());
    let language = RwSignal::new("fr".to_owned());
    let problems = RwSignal::new(Vec::<(&'static str, Problem)>::new());

    let request = move || {
        // What was typed in the input for this API field.
        let value = |field: &str| {
            let at = INPUTS.iter().position(|input| input.field == field).expect("a form field");
            values[at].get_untracked().trim().to_owned()
        };
        let (country, language) = (country.get_untracked(), language.get_untracked());
        let phone = value("billingProfile.defaultAddress.phoneNumber");
        NewCustomer {
            company_profile: NewCompanyProfile {
                company_name: value("companyProfile.companyName"),
                domain: value("companyProfile.domain"),
            },
            billing_profile: NewBillingProfile {
                email: value("billingProfile.email"),
                culture: format!("{language}-{country}"),
                language,
                vat_number: Some(vat_number.get_untracked().trim().to_owned())
                    .filter(|v| !v.is_empty()),
                default_address: NewAddress {
                    country,
                    address_line1: value("billingProfile.defaultAddress.addressLine1"),
                    city: value("billingProfile.defaultAddress.city"),
                    postal_code: value("billingProfile.defaultAddress.postalCode"),
                    first_name: value("billingProfile.defaultAddress.firstName"),
                    last_name: value("billingProfile.defaultAddress.lastName"),
                    phone_number: (!phone.is_empty()).then_some(phone),
                },
            },
        }
    };
    let show = move |found: Vec<(&'static str, Problem)>| {
        let first = INPUTS.iter().find(|input| found.iter().any(|(f, _)| *f == input.field));
        let after_country = found.iter().all(|(f, _)| *f == VAT_FIELD);
        browser::focus(
            first.map_or(if after_country { "new-vat-number" } else { "new-country" }, |input| {
                input.id
            }),
        );
        problems.set(found);
    };
    // One id for this customer's creation (the dialog is mounted anew for each), kept across
    // retries: a retry after a lost answer gets the customer the first attempt created.
    let request_id = StoredValue::new(browser::random_id());
    let create = mutation(move |customer: NewCustomer| {
        let api = api.clone();
        async move {
            match api.create_customer(&customer, &request_id.get_value()).await {
                Ok(created) => {
                    on_created.run(created);
                    close_dialog();
                    Ok(())
                }
                // The rules passed here: what the server refuses is what only it knows (the
                // domain is taken, the country not sold in), said beside the field.
                Err(ApiError::Validation { fields, .. })
                    if !fields.is_empty()
                        && fields.iter().all(|f| form_field(&f.field).is_some()) =>
                {
                    let found = fields
                        .iter()
                        .filter_map(|f| form_field(&f.field))
                        .map(|field| {
                            let problem = match field {
                                "companyProfile.domain" => Problem::DomainTaken,
                                COUNTRY_FIELD => Problem::CountryNotSold,
                                VAT_FIELD => Problem::Rule(
                                    portal_domain::validation::Violation::NotAVatNumber,
                                ),
                                _ => Problem::Refused,
                            };
                            (field, problem)
                        })
                        .collect();
                    show(found);
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let customer = request();
        let found: Vec<_> =
            customer.violations().into_iter().map(|(f, v)| (f, Problem::Rule(v))).collect();
        if found.is_empty() {
            problems.set(Vec::new());
            create.dispatch(customer);
        } else {
            show(found);
        }
    };
    let problem_of = move |field: &'static str| {
        Signal::derive(move || {
            problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, p)| p.words(i18n.t())))
        })
    };
    let country_problem = problem_of(COUNTRY_FIELD);

    view! {
        <Modal title_id="new-customer-title" on_close=on_close>
            <form on:submit=on_submit novalidate class="stacked-form">
                <h2 id="new-customer-title">{move || t().customers().new_title}</h2>
                <p class="hint">{move || t().customers().new_intro}</p>
                {INPUTS
                    .iter()
                    .zip(values)
                    .map(|(input, value)| {
                        let label = input.label;
                        view! {
                            <TextField
                                id=input.id
                                label=Signal::derive(move || label(i18n.t()))
                                value=value
                                error=problem_of(input.field)
                                autocomplete=input.autocomplete
                                required=input.field != "billingProfile.defaultAddress.phoneNumber"
                            />
                        }
                    })
                    .collect_view()}
                <div class="field">
                    <label for="new-country">{move || t().country}</label>
                    <select
                        id="new-country"
                        aria-invalid=move || country_problem.with(Option::is_some).to_string()
                        aria-describedby=move || {
                            country_problem.with(Option::is_some).then_some("new-country-error")
                        }
                        on:change=move |ev| country.set(event_target_value(&ev))
                    >
                        {COUNTRIES
                            .iter()
                            .map(|code| {
                                view! {
                                    <option value=*code>
                                        {move || {
                                            crate::i18n::format::region_name(&i18n.format_tag(), code)
                                        }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldProblem id="new-country-error" message=country_problem />
                </div>
                <TextField
                    id="new-vat-number"
                    label=Signal::derive(move || i18n.t().customers().vat_number)
                    value=vat_number
                    error=problem_of(VAT_FIELD)
                    autocomplete="off"
                    required=false
                />
                <div class="field">
                    <label for="new-language">{move || t().customers().contact_language}</label>
                    <select
                        id="new-language"
                        on:change=move |ev| language.set(event_target_value(&ev))
                    >
                        <option value="fr" lang="fr">
                            "Français"
                        </option>
                        <option value="de" lang="de">
                            "Deutsch"
                        </option>
                        <option value="en" lang="en">
                            "English"
                        </option>
                    </select>
                </div>
                <MutationError mutation=create />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=create.pending()>
                        {move || {
                            if create.pending().get() {
                                t().customers().creating
                            } else {
                                t().customers().create
                            }
                        }}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}
