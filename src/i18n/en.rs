use super::Messages;

pub static MESSAGES: Messages = Messages {
    app_name: "Billing portal",
    skip_to_content: "Skip to main content",
    main_navigation: "Main",
    nav_overview: "Overview",
    nav_customers: "Customers",
    language: "Language",
    customer_in_view: "Customer in view",
    choose_customer: "Choose a customer…",
    sign_out: "Sign out",
    signed_in_as: |name, role| format!("{name}, {role}"),
    loading: "Loading…",
    try_again: "Try again",

    role_global_admin: "Global admin",
    role_admin_agent: "Admin agent",
    role_sales_agent: "Sales agent",
    role_billing_admin: "Billing admin",
    role_customer_admin: "Customer admin",
    role_customer_reader: "Customer reader",

    sign_in_title: "Sign in",
    sign_in_heading: "Sign in to the billing portal",
    email: "Email address",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    session_ended: "Your session has ended. Sign in again to continue where you were.",
    fix_fields: "Correct the highlighted fields, then sign in again.",

    field_required: "This field is required.",
    field_not_an_email: "Enter an email address such as name@example.com.",
    field_too_long: |max| format!("Use at most {max} characters."),

    error_network: "The server could not be reached. Check your connection, then try again.",
    error_invalid_credentials: "The email address or password is incorrect.",
    error_too_many_sign_ins: |minutes| {
        format!(
            "Too many failed sign-ins for this account. Try again in {minutes} min, or ask an administrator to reset the password."
        )
    },
    error_forbidden: "Your role does not allow this. Ask a global admin if you need access.",
    error_not_found: "This item does not exist, or you do not have access to it.",
    error_invalid_input: "Some of the information is not valid. Correct it and try again.",
    error_rate_limited: |seconds| format!("Too many requests. Wait {seconds} s, then try again."),
    error_changed_meanwhile: "Someone changed this item since you opened it. Reload to see the latest version, then make your change again.",
    error_server: |reference| {
        format!(
            "Something went wrong on our side. Try again; if it keeps happening, contact support and quote reference {reference}."
        )
    },
    error_unreadable: "The server sent an answer this page cannot read. Reload the page.",
    error_config: "The portal could not load its configuration (config.json). Reload the page; if it keeps happening, contact your administrator.",

    overview_title: "Overview",
    welcome: |name| format!("Welcome, {name}"),
    no_customer_in_view: "Choose a customer in the “Customer in view” list to work on their account.",
    see_all_customers: "See all customers",
    company: "Company",
    domain: "Domain",
    country: "Country",
    billing_currency: "Billing currency",
    relationship: "Relationship",
    relationship_reseller: "Reseller: you bill this customer",
    billing_period: "Current billing period",
    billing_period_range: |start, end| format!("{start} to {end}"),
    billing_period_explained: "Billing follows the calendar month: charges for this period appear on the invoice issued at the start of next month.",

    customers_title: "Customers",
    customers_count: |n, count| {
        if count == 1 { format!("{n} customer") } else { format!("{n} customers") }
    },
    customers_empty: "No customers yet. A customer appears here once they accept your reseller relationship.",
    customers_caption: "Customers you resell to",
    actions: "Actions",
    view_customer: |name| format!("View {name}"),
    view: "View",
    in_view: "In view",
    partner_only: "This page is for partner users. Your organisation’s details are on the overview.",

    not_found_title: "Page not found",
    not_found_body: "There is nothing at this address. Check the link, or go back to the overview.",
    back_to_overview: "Back to the overview",
};
