use super::pages::{
    Activity, ApiKeys, AzureStack, Cart, Customers, Defender, Invoices, Orders, Overview, Pricing,
    Relationships, SignIn, Subscriptions, Upgrade, Usage, Users,
};
use super::{Locale, Messages};

pub static MESSAGES: Messages = Messages {
    locale: Locale::En,
    app_name: "Billing portal",
    skip_to_content: "Skip to main content",
    main_navigation: "Main",
    nav_overview: "Overview",
    nav_customers: "Customers",
    nav_account: "Account",
    nav_users: "Users",
    nav_activity: "Activity",
    nav_azure_stack: "Azure Stack Hub",
    close: "Close",
    copy_link: "Copy the link",
    copied: "Copied.",
    link_emailed: |email| format!("It was also emailed to {email}."),
    link_not_emailed: "It was not emailed: copy it and send it yourself.",
    language: "Language",
    customer_in_view: "Customer in view",
    choose_customer: "Choose a customer…",
    sign_out: "Sign out",
    signed_in_as: |name, role| format!("{name}, {role}"),
    loading: "Loading…",
    try_again: "Try again",
    page_not_loaded: "This page could not be loaded. Check your connection, then try again.",

    role_global_admin: "Global admin",
    role_admin_agent: "Admin agent",
    role_sales_agent: "Sales agent",
    role_billing_admin: "Billing admin",
    role_customer_admin: "Customer admin",
    role_customer_reader: "Customer reader",
    session_ended: "Your session has ended. Sign in again to continue where you were.",

    field_required: "This field is required.",
    field_not_an_email: "Enter an email address such as name@example.com.",
    field_not_a_domain: "Enter a domain name such as contoso.com.",
    field_not_a_vat_number: "Enter an EU VAT number that starts with the country’s code, such as DE123456789, or leave it empty outside the EU.",
    field_not_a_language: "Enter a language such as en, or a culture such as en-US.",
    field_too_long: |max| format!("Use at most {max} characters."),
    field_too_short: |min| format!("Use at least {min} characters."),
    field_not_a_role: "Choose at least one of the roles offered.",

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
    company: "Company",
    domain: "Domain",
    country: "Country",
    billing_currency: "Billing currency",
    actions: "Actions",

    nav_pricing: "Pricing",
    nav_cart: "Cart",
    nav_orders: "Orders",
    cart_link: |name, n| if n == 0 { name.to_owned() } else { format!("{name} ({n})") },
    choose_customer_first: "Choose a customer in the “Customer in view” list first.",
    family_azure: "Azure",
    family_azure_stack: "Azure Stack Hub",
    family_online_services: "Microsoft 365 and online services",
    term_p1m: "1 month",
    term_p1y: "1 year",
    term_p3y: "3 years",
    billed_monthly: "billed monthly",
    billed_annually: "billed annually",
    free_trial: "free trial",
    offer_option: |term, billing| format!("{term}, {billing}"),
    per_user_month: "per user per month",
    per_user_year: "per user per year",
    per_block_month: "per 1,000 devices per month",
    per_block_year: "per 1,000 devices per year",
    per_core_month: "per core per month",
    per_core_year: "per core per year",
    per_trial: "for the 30-day trial",
    quantity_users: "Number of users",
    quantity_device_blocks: "Blocks of 1,000 devices",
    quantity_cores: "Physical cores",
    problem_unknown_item: "This item is not for sale to this customer.",
    problem_quantity_min: |min| format!("Enter at least {min}."),
    problem_quantity_max: |max| format!("Enter at most {max}."),
    problem_not_a_number: "Enter a whole number.",
    problem_billing_cycle: "This offer is not billed that way; choose another option.",
    problem_term: "Choose one of the commitments this offer has.",
    browse_pricing: "Browse pricing",
    col_item: "Item",
    col_quantity: "Quantity",
    col_unit_price: "Unit price",
    save: "Save",
    menu: "Menu",
    saving: "Saving…",
    order_group_failed: |n, reason| format!("Order {n} was not placed: {reason}"),
    order_error_lines: "some of its lines are not valid.",
    order_error_azure_plan: "the customer already has an Azure plan; add Azure subscriptions to it instead.",
    col_billing: "Billing",
    col_status: "Status",
    col_subscription: "Subscription",
    col_commitment: "Commitment",
    order_status_pending: "Being provisioned",
    order_status_completed: "Completed",
    order_status_cancelled: "Cancelled",
    order_status_failed: "Failed",
    failure_no_active_reseller: "The customer’s reseller relationship ended before the order was provisioned. Nothing was charged: its subscriptions were ended and their charge refunded. Once a partner’s relationship is accepted again, order anew.",
    subscription_status_pending: "Pending",
    subscription_status_active: "Active",
    subscription_status_suspended: "Suspended",
    subscription_status_deleted: "Cancelled",
    order_heading: |id| format!("Order {id}"),
    all_orders: "All orders",
    no_commitment: "No commitment",
    billing_monthly: "Monthly",
    billing_annual: "Annual",
    billing_none: "None (trial)",
    problem_legacy_azure: "This customer still has a Microsoft Azure (MS-AZR-0145P) subscription: upgrade it to an Azure plan instead of buying one.",
    order_error_legacy_azure: "the customer still has a Microsoft Azure (MS-AZR-0145P) subscription to upgrade to an Azure plan.",
    error_cart_already_ordered: "This cart has been ordered already (perhaps from another tab or browser). Its orders are on the Orders page.",
    error_cart_being_ordered: "This cart is being ordered by another request right now. Wait a moment, then look at the Orders page.",
    nav_subscriptions: "Subscriptions",
    col_name: "Name",
    suspend_plan_blocked: |names| {
        format!(
            "This Azure plan still has active Azure subscriptions: {names}. Cancel them first, then suspend the plan."
        )
    },
    col_who: "Who",
    event_created: |quantity| format!("Bought, quantity {quantity}"),
    event_renamed: |old, new| format!("Renamed from “{old}” to “{new}”"),
    event_quantity: |old, new| format!("Quantity changed from {old} to {new}"),
    event_auto_renew_on: "Auto-renew turned on",
    event_auto_renew_off: "Auto-renew turned off",
    event_suspended: "Suspended",
    event_reactivated: "Reactivated",
    event_cancelled: "Cancelled",
    event_azure_added: |name| format!("Azure subscription “{name}” added"),
    event_azure_cancelled: |name| format!("Azure subscription “{name}” cancelled"),
    event_upgraded: "Upgraded to an Azure plan",
    event_other: "Changed",
    refusal_decrease_window: "The quantity can only be decreased within 7 days of the purchase. Turn auto-renew off to stop at the end of the term.",
    refusal_quantity_range: |min, max| format!("Enter a quantity from {min} to {max}."),
    refusal_suspended: "This subscription is suspended: reactivate it before changing it.",
    refusal_deleted: "This subscription is cancelled: it can no longer be changed.",
    refusal_provisioning: "This subscription is still being set up. Try again in a minute.",
    refusal_usage_quantity: "The quantity of a usage-based subscription cannot be changed.",
    refusal_other: "This change is not possible now. The subscription has been reloaded to show what it allows.",
    rate_limit_waiting: |seconds| {
        format!(
            "Too many requests for this customer right now. The portal tries again in {seconds} s."
        )
    },
    cancel: "Cancel",
    col_actions: "Actions",
    defender_active: "Active",
    defender_expired: "Trial ended",
    defender_offboarded: "Offboarded",
    sensors_block_offboarding: |names| format!("Delete these sensors before offboarding: {names}."),
    sensor_name_invalid: "Use only letters, digits, “-”, “_” and “.”, starting with a letter or digit.",
    delete: "Delete",
    conflict_plan_exists: "This Azure subscription is onboarded already.",
    conflict_trial_used: "This Azure subscription has had its free trial already: choose a monthly or annual commitment.",
    conflict_azure_not_active: "This Azure subscription is not active: pick another one, or reactivate its Azure plan.",
    conflict_sensor_exists: "A sensor with this name is attached already: pick another name.",
    conflict_invitation_closed: "This invitation can no longer be used. Reload the page to see why.",
    conflict_account_exists: "An account with this email address exists already. Sign in with it, then open your partner’s request link to accept.",
    conflict_relationship_changed: "This changed in the meantime. Reload the page to see where things stand.",
    conflict_registration_exists: "This deployment, or this registration token, is registered already: change that registration, or remove it first.",
    conflict_capacity_not_covered: "The customer’s active Azure Stack Hub capacity does not cover the deployment’s cores: buy more cores of capacity, or choose another billing model.",
    nav_usage: "Usage",
    nav_api_keys: "API keys",
    usage_alerts_unseen: |n| {
        if n == 1 { "1 new budget alert".to_owned() } else { format!("{n} new budget alerts") }
    },
    table_filter: "Filter rows",
    table_export_csv: "Export CSV",
    table_exporting: "Exporting…",
    table_no_match: "No rows match the filter.",
    col_date: "Date",
    col_total: "Total",
    col_meter: "Meter",
    col_resource: "Resource",
    col_customer: "Customer",
    nav_invoices: "Invoices",
    not_found_title: "Page not found",
    not_found_body: "There is nothing at this address. Check the link, or go back to the overview.",
    back_to_overview: "Back to the overview",
};

pub static INVOICES: Invoices = Invoices {
    title: "Invoices",
    unbilled_link: "Estimate for the month in progress",
    close_failed_title: "Invoices that could not be issued",
    close_failed_intro: "Every other customer was invoiced. These customers are tried again every few minutes; if it keeps failing, give the reason below to support.",
    close_failed_item: |period, attempts| match attempts {
        1 => format!(": {period}, failed once"),
        n => format!(": {period}, failed {n} times"),
    },
    summaries: "Balances",
    balance_in: |currency| format!("Balance in {currency}"),
    outstanding_count: |n| match n {
        0 => "Nothing outstanding".to_owned(),
        1 => "1 invoice to pay".to_owned(),
        n => format!("{n} invoices to pay"),
    },
    last_payment: |amount, date| format!("Last payment: {amount} on {date}"),
    no_payment: "No payment recorded yet.",
    none: "No invoices yet: the first one is issued when the current month closes.",
    list: "Invoices and notes",
    period: "Billing period",
    status: "Status",
    status_all: "All",
    status_outstanding: "Outstanding",
    status_overdue: "Overdue",
    overdue_count: |n, amount| format!("Overdue: {n} ({amount})"),
    due_date: "Due date",
    due_explained: |days| format!("Payable within {days} days of the invoice date."),
    status_paid: "Paid",
    status_voided: "Voided",
    status_issued: "Note",
    document_invoice: "Invoice",
    document_adjustment: "Adjustment note",
    document_void: "Void note",
    col_number: "Number",
    col_document: "Document",
    col_paid: "Paid",
    col_balance: "Balance",
    col_amount: "Amount",
    none_match: "No invoices match these filters.",
    load_more: "Show more invoices",
    detail_title: "Invoice",
    back: "Back to invoices",
    not_found: "This invoice does not exist, or it is not one you can see.",
    amends: "Corrects",
    correct_title: "Correct this invoice",
    correct_intro: "A correction is a note of its own: the invoice is never changed.",
    correct_button: "Issue a correction note",
    correct_dialog_title: |id| format!("Correct invoice {id}"),
    correct_kind: "Document",
    void_refused: "This invoice has payments: it cannot be voided. Adjust it instead.",
    void_effect: |total| {
        format!(
            "The void note negates every line: the customer no longer owes the {total} of this invoice."
        )
    },
    adjustment_effect: "The adjustment note adds one line before tax, with the invoice’s tax rate: an amount to charge, or a negative amount to credit.",
    adjust_amount: "Amount before tax",
    adjust_amount_hint: "Negative for a credit, for example −10.",
    note_numbered: "It takes the next number of the year’s invoices, refers to this invoice, and opens once issued.",
    issue_note: "Issue the note",
    problem_reason: "Enter the reason, at most 200 characters: it is printed on the note.",
    problem_adjust_amount: "Enter an amount other than zero, in whole cents.",
    reason: "Reason",
    amendments: "Corrected by",
    totals: "Totals",
    tax_at: |rate| format!("Tax ({rate}%)"),
    col_subtotal: "Subtotal",
    col_tax: "Tax",
    usage_rounding: "Each usage line (one per Azure plan and meter) is rounded to the cent, so their sum can differ by a few cents from the exact total on the Usage page.",
    estimate_total: "Estimated total",
    download_pdf: "Download PDF",
    export_usage_csv: "Export usage lines (CSV)",
    export_lines_csv: "Export invoice lines (CSV)",
    downloading: |pdf, kb| {
        if pdf {
            format!("Downloading the PDF: {kb} KB received…")
        } else {
            format!("Exporting: {kb} KB received…")
        }
    },
    payments: "Payments",
    paid_on: "Paid on",
    reference: "Reference",
    record_payment: "Record a payment",
    payment_hint: |balance| format!("Left to pay: {balance}."),
    payment_amount: "Amount received",
    payment_invalid: "Enter the amount received, such as 1,250.00.",
    payment_too_much: "Enter an amount above zero and no more than what is left to pay.",
    saving: "Saving…",
    lines: "Line items",
    tab_licences: "Licences",
    tab_usage: "Usage",
    tab_credits: "Credits",
    no_lines: "No lines of this kind on this invoice.",
    usage_per_meter: "Usage per meter",
    usage_lines: "Daily rated usage",
    usage_lines_loaded: |n, total, more| {
        if more {
            format!("{n} of {total} lines loaded; more load as you scroll.")
        } else {
            format!("{n} lines.")
        }
    },
    col_product: "Product",
    col_description: "Description",
    col_charge: "Charge",
    col_from: "From",
    col_to: "To",
    charge_new: "Purchase",
    charge_cycle: "Period charge",
    charge_add: "Quantity added",
    charge_remove: "Quantity removed",
    charge_cancel: "Cancellation refund",
    charge_usage: "Usage",
    charge_void: "Voided",
    charge_adjustment: "Adjustment",
    unbilled_title: "Estimate for the month in progress",
    unbilled_hint: |month| {
        format!(
            "What {month} bills so far, computed as the month’s invoice will be. Usage sent later adds to it."
        )
    },
    unbilled_lines: "Lines so far",
};

pub static SUBSCRIPTIONS: Subscriptions = Subscriptions {
    title: "Subscriptions",
    caption: |customer| format!("Subscriptions of {customer}"),
    empty: "This customer has no subscriptions yet. They appear here once an order is placed.",
    no_match: "No subscription matches this search and status.",
    shown: |shown, total, count| {
        if count == 1 {
            format!("{shown} of {total} subscription")
        } else {
            format!("{shown} of {total} subscriptions")
        }
    },
    search_by_name: "Search by name",
    all_statuses: "All statuses",
    col_offer: "Offer",
    col_term: "Term",
    col_renewal: "Renewal",
    renews_on_short: |date| format!("Renews on {date}"),
    ends_on_short: |date| format!("Ends on {date}"),
    no_renewal: "None",
    all_subscriptions: "All subscriptions",
    label_cancellation: "Cancellation",
    label_purchased: "Purchased",
    label_subscription_id: "Subscription ID",
    label_entitlement: "Entitlement ID",
    entitlement_explained: |id| {
        format!("{id}: what Azure knows it by, in the Azure portal and on usage.")
    },
    label_reseller: "Reseller of record",
    reseller_explained: |mpn| format!("MPN ID {mpn}: the partner that sells and bills it."),
    label_contract: "Contract",
    contract_subscription: "A subscription (not a product key or a redemption code).",
    label_publisher: "Publisher",
    publisher_explained: |name, microsoft| {
        if microsoft {
            format!("{name}: a Microsoft product.")
        } else {
            format!("{name}: a third-party product.")
        }
    },
    label_addons: "Add-ons",
    addons_none: "None can be bought for it.",
    addons_available: "Add-ons can be bought for it from the Pricing page.",
    service_title: "Provisioning and support",
    provisioning_label: "Provisioning",
    provisioning_success: "Provisioned: it is ready to use.",
    provisioning_pending: "Being provisioned: this page follows it.",
    provisioning_failed: "Provisioning failed: the partner has been told and will retry it.",
    registration_label: "Reserved instances",
    registration_notregistered: "Not registered: register the plan so that Azure reservations can be bought for its Azure subscriptions.",
    registration_registering: "Being registered: this page follows it.",
    registration_registered: "Registered: Azure reservations can be bought for its Azure subscriptions.",
    register_plan: "Register for reserved instances",
    support_label: "Support contact",
    support_value: |name, mpn, tenant| format!("{name} (MPN ID {mpn}, tenant {tenant})"),
    change_support: "Change the support contact",
    label_support_name: "Name",
    label_support_mpn: "MPN ID",
    label_support_tenant: "Tenant ID",
    support_changed: "The support contact is changed.",
    problem_support_tenant: "Enter the tenant ID, a GUID.",
    problem_support_mpn: "Enter the MPN ID: 1 to 10 digits.",
    problem_support_name: "Enter a name of at most 100 characters.",
    suspended_by_partner: "Suspended by the partner",
    suspended_by_customer: "Suspended by the customer",
    reactivate_ask_partner: "Your partner suspended this subscription, so only your partner can reactivate it: contact them.",
    billing_per_unit: |billed| format!("Per unit, {billed}"),
    billing_by_usage: |billed| format!("By usage, {billed}"),
    term_from_to: |term, start, end| format!("{term}, from {start} to {end}"),
    no_term_since: |start| format!("No commitment, since {start}"),
    renews_on: |date, term| format!("Renews automatically on {date} for {term}"),
    ends_on: |date| format!("Auto-renew is off: ends on {date}"),
    cancellable_full: |until| format!("Cancellable with a full refund until {until}"),
    cancellable_partial: |until| format!("Cancellable with a prorated refund until {until}"),
    not_cancellable: "No longer cancellable before the end of its term: turn auto-renew off so that it ends then.",
    trial_cancellable: "A trial can be cancelled at any time; nothing is charged.",
    plan_not_cancellable: "An Azure plan is suspended rather than cancelled, once its Azure subscriptions are cancelled.",
    read_only: "Your role can view this subscription but not change it.",
    no_actions_now: "Nothing can be changed on this subscription now.",
    action_rename: "Rename",
    action_quantity: "Change the quantity",
    action_auto_renew_off: "Turn auto-renew off",
    action_auto_renew_on: "Turn auto-renew on",
    action_suspend: "Suspend",
    action_reactivate: "Reactivate",
    action_cancel: "Cancel the subscription",
    action_add_azure: "Add an Azure subscription",
    action_cancel_azure: |name| format!("Cancel {name}"),
    close: "Close",
    quantity_unchanged: "Enter a quantity different from the current one.",
    quantity_charge: |amount, until| {
        format!(
            "{amount} will be charged now: the added units from today to {until}, the end of the billing period."
        )
    },
    quantity_refund: |amount, until| {
        format!(
            "{amount} will be refunded: the removed units from tomorrow to {until}, the end of the billing period."
        )
    },
    no_charge: "Nothing is charged or refunded.",
    auto_renew_off_effect: |date| {
        format!("The subscription will end on {date} instead of renewing.")
    },
    auto_renew_on_effect: |date, term| format!("The subscription will renew on {date} for {term}."),
    suspend_effect: "Its users lose access until it is reactivated. Nothing is refunded: the term and its billing go on.",
    suspend_plan_effect: "Its Azure subscriptions stop for good: a suspended Azure plan cannot be reactivated.",
    reactivate_effect: "Its users get access again. Nothing is charged.",
    cancel_full_refund: |amount| {
        format!(
            "The subscription stops now and {amount} is refunded: everything charged so far. This cannot be undone."
        )
    },
    cancel_partial_refund: |amount| {
        format!(
            "The subscription stops now and {amount} is refunded for the unused rest of the billing period. This cannot be undone."
        )
    },
    cancel_trial: "The trial stops now. Nothing was charged, so nothing is refunded.",
    add_azure_effect: "Its usage is billed every month through this Azure plan.",
    cancel_azure_effect: "It stops now; its usage up to now is still billed.",
    action_no_longer_allowed: "This change is no longer possible: the subscription has changed.",
    changed_reloaded: "Someone changed this subscription meanwhile. It has been reloaded: review the change, then confirm again.",
    done_renamed: |name| format!("Renamed to “{name}”."),
    done_quantity: |n| format!("The quantity is now {n}."),
    done_auto_renew_on: "Auto-renew is on.",
    done_auto_renew_off: "Auto-renew is off.",
    done_suspended: "The subscription is suspended.",
    done_reactivated: "The subscription is active again.",
    done_cancelled: "The subscription is cancelled.",
    done_azure_added: |name| format!("Azure subscription “{name}” added."),
    done_azure_cancelled: |name| format!("Azure subscription “{name}” cancelled."),
    history_title: "History",
    col_when: "When",
    col_change: "Change",
    col_amount: "Charged or refunded",
    refunded_amount: |amount| format!("{amount} refunded"),
    azure_subscriptions_title: "Azure subscriptions",
    azure_subscriptions_empty: "This plan has no Azure subscriptions.",
    col_id: "ID",
    invoice_lines_title: "Invoice lines",
    invoice_lines_intro: "What each closed month’s invoice charged for this subscription, newest first.",
    invoice_lines_empty: "No invoice has charged this subscription yet: its first lines come with the next monthly invoice.",
    col_invoice: "Invoice",
};

pub static DEFENDER: Defender = Defender {
    title: "Defender for IoT",
    intro: "Protect IoT and OT devices by onboarding an Azure subscription with a number of committed devices. Billing is monthly: onboarding bills until the end of the month, and offboarding bills the rest of the month.",
    prices: "Plan prices",
    price_monthly: |price| format!("Monthly commitment: {price} per 1,000 devices per month"),
    price_annual: |price| {
        format!("Annual commitment: {price} per 1,000 devices per year, paid up front")
    },
    price_trial: "30-day free trial for 1,000 devices, once per Azure subscription",
    plans_caption: "Onboarded Azure subscriptions",
    none: "No Azure subscription is onboarded to Defender for IoT yet.",
    onboard_subscription: "Onboard subscription",
    onboard: "Onboard",
    onboarding: "Onboarding…",
    offboard: "Offboard",
    offboard_named: |name| format!("Offboard {name}"),
    col_committed_devices: "Committed devices",
    col_onboarded_on: "Onboarded on",
    col_sensors: "Sensors",
    col_month_charge: "This month’s charge",
    trial_until: |date| format!("Free trial until {date}"),
    devices_from_next_month: |devices, date| format!("{devices} from {date}"),
    change_devices: "Change committed devices",
    change_devices_named: |name| format!("Change the committed devices of {name}"),
    devices_unchanged: "This is the number committed now: choose another to see what it costs.",
    devices_increase: |charge, from, to, devices, recurring| {
        format!(
            "You will be billed {charge} now for the devices added, prorated from {from} to {to}; then {devices} devices cost {recurring}."
        )
    },
    devices_decrease: |devices, from, recurring| {
        format!(
            "Nothing is charged or refunded now: the plan is billed for {devices} devices from {from}, {recurring}."
        )
    },
    per_month: |amount| format!("{amount} per month"),
    per_year: |amount| format!("{amount} per year"),
    devices_changed_notice: |name| format!("The committed devices of {name} are changed."),
    field_plan: "Plan",
    plan_monthly: "Monthly commitment",
    plan_annual: "Annual commitment",
    plan_trial: "30-day free trial (1,000 devices)",
    estimate_monthly: |first, from, to, recurring| {
        format!("You will be billed {first} for {from} to {to}, then {recurring} per month.")
    },
    estimate_annual: |first, from, to| {
        format!(
            "You will be billed {first} now for the year from {from} to {to}, then the same amount each year."
        )
    },
    estimate_trial: |to| {
        format!(
            "Free until {to}. Then offboard the trial and onboard a monthly or annual commitment."
        )
    },
    no_eligible_subscription: "None of this customer’s Azure subscriptions can be onboarded: each one is onboarded already, or the customer has none. Buy an Azure plan on this page to get one. If a subscription you expect is missing, check your account details and confirm your permissions with the subscription’s owner.",
    onboarded_notice: |name| format!("{name} is onboarded to Defender for IoT."),
    offboarded_notice: |name| {
        format!("{name} is offboarded. It stays billed until the end of the month.")
    },
    offboard_effect: "Offboarding bills the rest of this month; nothing is refunded. Delete every sensor of this subscription first.",
    sensors_remaining: "Sensors still attached:",
    confirm_sensors_deleted: "I confirm that all sensors associated with this subscription have been deleted",
    sensors_of: |name| format!("Sensors of {name}"),
    no_sensors: "No sensor is attached.",
    sensor_name: "Sensor name",
    sensor_name_hint: "Letters, digits, “-”, “_” and “.”, up to 64 characters, starting with a letter or digit.",
    add_sensor: "Add sensor",
    delete_sensor_named: |name| format!("Delete sensor {name}"),
    delete_sensor_effect: |sensor, subscription| {
        format!(
            "The sensor {sensor} will be removed from {subscription} and will stop reporting to Defender for IoT."
        )
    },
    sensor_added: |name| format!("Sensor {name} added."),
    sensor_deleted: |name| format!("Sensor {name} deleted."),
};

pub static USAGE: Usage = Usage {
    billed_differs: |billed| {
        format!(
            "The invoice bills {billed}: one line per Azure plan and meter, each rounded to the cent."
        )
    },
    title: "Azure usage",
    period: "Billing period",
    this_month: |month| format!("This month ({month})"),
    spent_in: |month| format!("Spent in {month}"),
    budget_used: |spent, budget, percent| {
        format!("{spent} of a {budget} spending budget ({percent} used)")
    },
    no_budget: "No spending budget is set.",
    scoped_note: "This counts only the subscriptions you have access to. The spending budget is managed by your organization’s administrators.",
    budget_label: "Spending budget for the month",
    budget_invalid: "Enter an amount of zero or more, such as 500.",
    budget_save: "Save budget",
    budget_remove: "Remove budget",
    alert_banner: |threshold, at| {
        format!("Spending has passed {threshold}% of the budget this month (since {at}).")
    },
    chart_title: "Daily cost",
    chart_description: "Daily cost stacked by meter category. The same figures are in the table under the chart.",
    chart_legend: "Meter categories",
    chart_as_table: "Show the figures as a table",
    none: "No usage in this period.",
    breakdown: "Breakdown",
    by_subscription: "By subscription",
    by_meter: "By meter",
    by_resource: "By resource",
    no_azure_plan: "This customer has no Azure plan, so there is no usage to break down.",
    azure_plan: "Azure plan",
    export_progress: |n| format!("Exporting: {n} rows read so far…"),
    resources_loaded: |n, more| {
        if more {
            format!("{n} resources loaded; more load as you scroll.")
        } else {
            format!("{n} resources.")
        }
    },
    all_customers: "All customers this period",
    partner_total: "Total spend",
    over_budget: "Customers over budget",
    trending_over: "Customers on course to pass their budget",
    status_no_budget: "No budget",
    status_over: "Over budget",
    status_near: "Past 80%",
    status_within: "Within budget",
    col_category: "Category",
    col_unit: "Unit",
    col_resource_group: "Resource group",
    col_azure_subscription: "Azure subscription",
    col_spent: "Spent",
    col_budget: "Budget",
    col_used: "Used",
    col_budget_status: "Budget status",
};

pub static API_KEYS: ApiKeys = ApiKeys {
    col_created: "Created",
    created_by_on: |at, who| format!("{at} by {who}"),
    title: "API keys",
    intro: "Meters and billing systems send Azure usage to the portal with an API key. A key can send usage for every customer, or for one customer only.",
    only_global_admins: "Only partner global administrators manage API keys. Ask one of them for a key.",
    create_title: "Create a key",
    name: "Name (what sends with it)",
    scope: "May send usage for",
    scope_partner: "Every customer",
    create: "Create key",
    created: |name| format!("Key “{name}” created"),
    shown_once: "Copy the key now and keep it somewhere safe: it is shown only this once.",
    copy: "Copy key",
    copied: "Copied to the clipboard.",
    none: "No API keys yet.",
    caption: "The partner’s API keys",
    prefix: "Starts with",
    active: "Active",
    revoked_on: |at| format!("Revoked {at}"),
    revoke: "Revoke",
    revoke_named: |name| format!("Revoke {name}"),
    revoke_title: |name| format!("Revoke the key “{name}”?"),
    revoke_warning: "Whatever sends usage with this key is refused from now on. This cannot be undone.",
    revoked: |name| format!("The key “{name}” is revoked."),
};

pub static CART: Cart = Cart {
    title: "Cart",
    empty: "The cart is empty.",
    order_group: |n, billing| format!("Order {n}, {billing}"),
    usage_group: "usage billed monthly",
    col_today: "Charged today",
    remove_item: |name| format!("Remove {name}"),
    remove: "Remove",
    subtotal: "Subtotal",
    total_today: "Total charged today",
    then_per_month: |amount| format!("then {amount} per month"),
    then_per_year: |amount| format!("then {amount} per year"),
    usage_later: "billed monthly from usage",
    first_charge_explained: "Monthly items are charged from today to the end of the month, then each month; annual items pay the year up front; usage is billed at the end of each month.",
    review_order: "Review the order",
    fix_lines_first: "Correct the highlighted lines before ordering.",
    review_title: "Review the order",
    review_intro: |customer| format!("These orders will be placed for {customer}."),
    place_order: "Place the order",
    placing_order: "Placing the order…",
    back_to_cart: "Back to the cart",
    confirmation_title: "Order placed",
    confirmation_body: "The subscriptions are being provisioned; the orders’ status updates on its own.",
    nothing_ordered: "Nothing could be ordered. The cart is unchanged.",
};

pub static PRICING: Pricing = Pricing {
    title: "Pricing",
    intro: |customer| format!("What {customer} can buy, in its billing currency."),
    usage_based_price: "Pay as you go: billed each month for what you use.",
    quantity_range: |min, max| format!("From {min} to {max}."),
    commitment: "Commitment and billing",
    add_to_cart: "Add to cart",
    adding: "Adding…",
    added_to_cart: |name| format!("{name} is in the cart."),
    view_cart: "View the cart",
    readers_cannot_buy: "You can browse prices. Buying needs a global admin, admin agent, sales agent or customer admin role.",
    trial_offer: "Free for 30 days",
};

pub static OVERVIEW: Overview = Overview {
    title: "Overview",
    welcome: |name| format!("Welcome, {name}"),
    no_customer_in_view: "Choose a customer in the “Customer in view” list to work on their account.",
    see_all_customers: "See all customers",
    relationship: "Relationship",
    relationship_reseller: "Reseller: you bill this customer",
    billing_period: "Current billing period",
    billing_period_range: |start, end| format!("{start} to {end}"),
    billing_period_explained: "Billing follows the calendar month: charges for this period appear on the invoice issued at the start of next month.",
    attention: "Needs attention",
    tile_spend: "Spend this month",
    spend_of_budget: |spent, budget, percent| format!("{spent} of a {budget} budget ({percent})"),
    spend_no_budget: |spent| format!("{spent}, no budget set"),
    see_usage: "See the usage",
    tile_balance: "Balance due",
    nothing_due: "Nothing due",
    next_invoice: |date| format!("Next invoice on {date}."),
    see_invoices: "See the invoices",
    tile_subscriptions: "Active subscriptions",
    subscriptions_active: |plans, licences| {
        let plans =
            if plans == 1 { "1 Azure plan".to_owned() } else { format!("{plans} Azure plans") };
        let licences = if licences == 1 {
            "1 licence subscription".to_owned()
        } else {
            format!("{licences} licence subscriptions")
        };
        format!("{plans}, {licences}")
    },
    see_subscriptions: "See the subscriptions",
    tile_defender: "Defender for IoT",
    devices_committed: |devices, subscriptions| match subscriptions {
        0 => "No Azure subscription onboarded".to_owned(),
        1 => format!("{devices} devices committed on 1 Azure subscription"),
        n => format!("{devices} devices committed on {n} Azure subscriptions"),
    },
    see_pricing: "See the plans",
    tile_orders: "Open orders",
    orders_open: |n| match n {
        0 => "No order being provisioned".to_owned(),
        1 => "1 order being provisioned".to_owned(),
        n => format!("{n} orders being provisioned"),
    },
    see_orders: "See the orders",
    heading_to: |amount, day| format!("At this rate, {amount} by {day}."),
    chart_so_far: "So far",
    chart_projection: "At this rate",
    chart_budget: "Budget",
    alert_over_budget: "Spending has passed the monthly budget.",
    alert_order_failed: |order| format!("Order {order} could not be provisioned: see why."),
    alert_near_budget: |percent| format!("Spending has reached {percent} of the monthly budget."),
    alert_trending_over: "At this rate, spending will pass the budget before the month ends.",
    alert_trial_ends: |name, day| format!("{name}: the trial ends on {day}."),
    alert_term_ends: |name, day| format!("{name}: the term ends on {day} and does not renew."),
    alert_term_renews: |name, day| format!("{name}: renews for a year on {day}."),
    nothing_needs_attention: "Nothing needs your attention.",
    partner_heading: "Across your customers",
    tile_customers: "Customers",
    customers_active: |n| match n {
        1 => "1 active customer".to_owned(),
        n => format!("{n} active customers"),
    },
    customers_other: |pending, declined, gone| {
        format!("Waiting to accept: {pending} · declined: {declined} · ended or expired: {gone}")
    },
    see_pending: "See those waiting",
    see_customers: "See the customers",
    tile_partner_spend: "Usage this month",
    no_spend: "No usage yet this month",
    tile_budgets: "Budgets",
    budgets_status: |over, trending| {
        let over = match over {
            1 => "1 customer over budget".to_owned(),
            n => format!("{n} customers over budget"),
        };
        format!("{over}, {trending} heading over by the month’s end")
    },
    tile_receivables: "Balances due",
    receivables_counts: |outstanding, overdue| {
        let outstanding = match outstanding {
            1 => "1 invoice to be paid".to_owned(),
            n => format!("{n} invoices to be paid"),
        };
        format!("{outstanding}, {overdue} overdue")
    },
    see_overdue: "See the overdue invoices",
    tile_failures: "Invoices not issued",
    no_failures: "Every customer was invoiced.",
    failures_count: |n| match n {
        1 => "1 customer could not be invoiced".to_owned(),
        n => format!("{n} customers could not be invoiced"),
    },
    tile_order_failures: "Orders not provisioned",
    no_order_failures: "Every order was provisioned.",
    order_failed_of: |customer, order| format!("{customer}: order {order}"),
    tile_terms: "Terms ending within 30 days",
    no_terms: "No term ends within 30 days.",
    term_of: |customer, name| format!("{customer} — {name}"),
};

pub static CUSTOMERS: Customers = Customers {
    title: "Customers",
    count: |n, count| {
        if count == 1 { format!("{n} customer") } else { format!("{n} customers") }
    },
    empty: "No customers yet. A customer appears here once they accept your reseller relationship.",
    caption: "Customers you resell to",
    view_customer: |name| format!("View {name}"),
    view: "View",
    in_view: "In view",
    partner_only: "This page is for partner users. Your organisation’s details are on the overview.",
    new_customer: "New customer",
    new_title: "New customer",
    new_intro: "The customer gets its Microsoft ID now and is billed in its country’s currency. You reach its data once its administrator accepts your reseller relationship.",
    company_name: "Company name",
    domain_name: "Domain (for example contoso.com)",
    first_name: "Contact’s first name",
    last_name: "Contact’s last name",
    contact_email: "Contact’s email",
    phone: "Phone (optional)",
    vat_number: "VAT number (EU businesses, optional)",
    vat_number_short: "VAT number",
    address: "Address",
    city: "City",
    postal_code: "Postal code",
    contact_language: "Language of the contact and documents",
    domain_taken: "Another customer already has this domain. Check it, or find that customer in the list.",
    country_not_sold: "We do not sell in this country yet.",
    create: "Create the customer",
    creating: "Creating…",
    col_microsoft_id: "Microsoft ID",
    created: |name| {
        format!(
            "{name} is created. It is listed as waiting for an answer until its administrator accepts your reseller relationship."
        )
    },
    col_relationship: "Relationship",
    invitation_link: "Invitation link",
    invitation_link_for: |name| format!("Invitation link for {name}"),
    invite_title: |name| format!("Invitation for {name}’s administrator"),
    invite_intro: |email, date| {
        format!(
            "Send this link to {email}. It works once, until {date}; a new link replaces this one."
        )
    },
    issuing: "Creating the link…",
    link_label: "Invitation link",
    request_link: "Request a relationship",
    request_link_title: "Your relationship request link",
    request_link_intro: "Send this link to the administrator of a customer that already uses the portal. Once they sign in and accept, the customer appears in your list and you can act for it.",
    request_link_label: "Request link",
    search: "Search by name, domain or Microsoft ID",
    search_button: "Search",
    filter_all: "All",
    caption_filtered: |status| format!("Customers: {status}"),
    load_more: "Show more customers",
    no_match: "No customers match this search and relationship.",
    detail_title: "Customer",
    account_details: "Account",
    contact: "Contact",
    relationship: "Relationship",
    azure_portal: "Microsoft Azure Management Portal",
    azure_portal_hint: "Opens the Azure portal in this customer’s directory, in a new tab, to manage its Azure subscriptions there.",
    subscriptions: "Subscriptions",
    no_subscriptions: "This customer has no subscriptions yet.",
    put_in_view: "Put in view",
    end_title: |customer| format!("End the relationship with {customer}?"),
    end_body: |customer| {
        format!(
            "You lose access to {customer} at once: you can no longer buy for it or see its usage and invoices. Its subscriptions stay as they are. To work with it again, it must accept your request link."
        )
    },
    ended: |customer| format!("The relationship with {customer} has ended."),
};

pub static SIGN_IN: SignIn = SignIn {
    title: "Sign in",
    heading: "Sign in to the billing portal",
    email: "Email address",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    fix_fields: "Correct the highlighted fields, then sign in again.",
};

pub static ORDERS: Orders = Orders {
    title: "Orders",
    empty: "No orders yet.",
    caption: |customer| format!("Orders of {customer}"),
    col_order: "Order",
    col_placed: "Placed on",
    col_charged: "Charged on the order day",
};

pub static RELATIONSHIPS: Relationships = Relationships {
    invitation_title: "Invitation",
    invitation_heading: |partner| format!("{partner} invites you to the billing portal"),
    asks: |partner, company| {
        format!(
            "{partner} asks to act for {company} as its reseller. If you accept, {partner} may:"
        )
    },
    role_purchasing: "buy and manage your subscriptions and Defender for IoT plans;",
    role_billing: "see your usage, budgets and invoices;",
    role_user_administration: "add your users and give them roles.",
    access_purchasing: "Purchasing",
    access_billing: "Billing",
    access_user_administration: "User administration",
    duration: |days| {
        format!(
            "This lasts {days} days (two years). You can end it at any time from your account page."
        )
    },
    you_become_admin: |company, email| {
        format!("You become {company}’s first administrator and sign in as {email}.")
    },
    display_name: "Your name",
    new_password: "Choose a password",
    password_hint: "At least 12 characters. A few words you will remember make a good one.",
    accept_invitation: "Accept and create my account",
    accepting: "Accepting…",
    decline: "Decline",
    declining: "Declining…",
    link_expires: |date| format!("This link works once, until {date}."),
    state_accepted: "This invitation has been accepted already. Sign in with the email address it was sent to.",
    state_declined: |partner| {
        format!("This invitation was declined. If that was a mistake, ask {partner} for a new one.")
    },
    state_replaced: |partner| {
        format!("{partner} has sent a newer invitation since this one: use the newest link.")
    },
    state_expired: |partner, date| {
        format!("This invitation expired on {date}. Ask {partner} for a new one.")
    },
    link_invalid: "This invitation link is not complete or not right. Open it again from the email, or ask your partner for a new one.",
    declined_done: |partner| format!("You declined. {partner} has no access to your organization."),
    go_sign_in: "Go to sign in",
    request_title: "Partner request",
    request_heading: |partner| format!("{partner} asks to be your reseller"),
    request_asks: |partner| format!("If you accept, {partner} may:"),
    partner_id: |id| format!("Partner ID (MPN): {id}"),
    accept: "Accept",
    request_accepted: |partner| format!("{partner} now acts for your organization."),
    request_active_already: |partner| format!("{partner} already acts for your organization."),
    request_other_reseller: |other| {
        format!(
            "Your organization already works with {other}. The portal bills each customer through one reseller: end that relationship on your account page first."
        )
    },
    request_admins_only: "Only your organization’s customer admins can accept a partner’s request.",
    not_now: "Not now",
    account_title: "Account",
    organization: "Your organization",
    partners_title: "Partners",
    partners_caption: "Partners who act, or have acted, for your organization",
    col_partner: "Partner",
    col_access: "Delegated access",
    col_since: "Since",
    col_expires: "Until",
    status_pending: "Waiting for an answer",
    status_active: "Active",
    status_declined: "Declined",
    status_ended: "Ended",
    status_expired: "Expired",
    end: "End the relationship",
    end_for: |partner| format!("End the relationship with {partner}"),
    end_title: |partner| format!("End the relationship with {partner}?"),
    end_body: |partner| {
        format!(
            "{partner} loses access to your organization at once: it can no longer buy for you, see your usage and invoices, or manage your users. Your subscriptions stay as they are. To work with {partner} again, accept its request link."
        )
    },
    ending: "Ending…",
    ended: |partner| format!("The relationship with {partner} has ended."),
    no_partners: "No partner acts for your organization.",
    customers_only: "This page is for customer users: partner users manage their customers under Customers.",
};

pub static USERS: Users = Users {
    title: "Users",
    intro_partner: "Your organization’s staff: who signs in to the portal and what each may do.",
    intro_customer: "Who signs in for this organization, and what each may do.",
    add_user: "Add a user",
    display_name: "Name",
    first_name: "First name",
    last_name: "Last name",
    email: "Email address",
    roles: "Roles",
    add: "Add the user",
    adding: "Adding…",
    caption: "Users and their roles",
    col_email: "Email",
    col_roles: "Roles",
    state_active: "Active",
    state_invited: "Invited, no password yet",
    state_deactivated: "Deactivated",
    edit_roles: "Roles",
    edit_roles_for: |name| format!("Change the roles of {name}"),
    roles_title: |name| format!("Roles of {name}"),
    save: "Save",
    saving: "Saving…",
    deactivate: "Deactivate",
    deactivate_for: |name| format!("Deactivate {name}"),
    deactivate_title: |name| format!("Deactivate {name}?"),
    deactivate_body: "They are signed out at once and cannot sign in until someone makes them active again. What they did stays.",
    deactivating: "Deactivating…",
    restore: "Make active",
    restore_for: |name| format!("Make {name} active again"),
    new_link: "Password link",
    new_link_for: |name| format!("New password link for {name}"),
    link_title: |name| format!("Password link for {name}"),
    link_intro: |email, date| {
        format!(
            "Send this link to {email}. It works once, until {date}, to choose a password; a newer link replaces it."
        )
    },
    added: |name| format!("{name} is added."),
    changed: |name| format!("{name} is updated."),
    email_taken: "An account with this email address exists already.",
    last_admin: "This is the last active administrator: make someone else an administrator first.",
    admins_only: "Only administrators manage users.",
    set_title: "Choose your password",
    set_heading_new: |organization| format!("Welcome to {organization} on the billing portal"),
    set_heading_reset: "Choose a new password",
    set_for: |name, email| format!("For {name}, who signs in as {email}."),
    new_password: "New password",
    set_submit: "Save the password and sign in",
    setting: "Saving…",
    link_used: "This link has been used already. Sign in with your password.",
    link_replaced: "A newer link has been sent since this one: use the newest.",
    link_expired: |date| {
        format!("This link expired on {date}. Ask an administrator for a new one.")
    },
    link_invalid: "This link is not complete or not right. Open it again from the email, or ask an administrator for a new one.",
    access_title: "Access control",
    access_intro: "Users who may see or change this subscription alone. A user with no other role sees only the subscriptions listed for them here.",
    col_user: "User",
    col_role: "Role",
    role_owner: "Owner",
    role_contributor: "Contributor",
    role_reader: "Reader",
    give_access: "Give access",
    giving: "Giving access…",
    remove_access_for: |name| format!("Remove the access of {name}"),
    remove: "Remove",
    no_access: "No one holds a role on this subscription alone.",
    access_given: |name| format!("{name} now has access to this subscription."),
    access_removed: |name| format!("{name} no longer has access to this subscription."),
    scoped_intro: "You have access to some of your organization’s subscriptions only.",
    see_subscriptions: "See your subscriptions",
    see_usage: "See their usage",
};

pub static AZURE_STACK: AzureStack = AzureStack {
    title: "Azure Stack Hub",
    intro: "Register an Azure Stack Hub deployment with Azure so that its usage is reported and billed under the Azure subscription you choose, and so that it can download Marketplace items from Azure.",
    free: "Registration is free: it adds no charge to the Azure subscription.",
    register: "Register a deployment",
    empty: "No deployment is registered yet.",
    caption: "Registered deployments",
    col_name: "Registration",
    col_azure_subscription: "Azure subscription",
    col_billing_model: "Billing model",
    col_connection: "Connection",
    col_size: "Nodes and cores",
    col_registered: "Registered on",
    col_actions: "Actions",
    size: |nodes, cores, n, c| {
        let nodes_word = if n == 1 { "node" } else { "nodes" };
        let cores_word = if c == 1 { "core" } else { "cores" };
        format!("{nodes} {nodes_word}, {cores} {cores_word}")
    },
    model_pay_as_you_use: "Pay as you use",
    model_capacity: "Capacity",
    model_development: "Development",
    connected: "Connected",
    disconnected: "Disconnected",
    status_registered: "Registered, not activated",
    status_activated: "Activated",
    status_expired: "Expired",
    status_removed: "Removed",
    connection_legend: "How the deployment reaches Azure",
    connected_hint: "It reaches Azure itself: it is activated as it registers.",
    disconnected_hint: "No Internet access: paste the registration token the deployment produced (Get-AzsRegistrationToken, or portal-server azs-token). Capacity and Development only.",
    label_agreement: "Enterprise Agreement number",
    agreement_hint: "The agreement the capacity was bought under: 7 to 10 digits.",
    label_cloud_id: "Cloud ID of the deployment",
    label_nodes: "Nodes",
    label_cores: "Physical cores",
    label_token: "Registration token",
    label_token_file: "Or read it from a file",
    label_resource_group: "Resource group",
    label_region: "Region of the resource group",
    problem_region: "Choose an Azure region of the global cloud.",
    label_name: "Registration name",
    submit: "Register",
    registered_notice: |name| format!("{name} is registered."),
    no_azure_subscription: "The customer has no active Azure subscription: buy an Azure plan and add an Azure subscription first.",
    remove: |name| format!("Remove {name}"),
    remove_title: |name| format!("Remove the registration {name}?"),
    remove_effect: "Its usage is no longer reported or billed, and the deployment can no longer download Marketplace items from Azure. To register it under another Azure subscription, remove it first, then register it again.",
    remove_confirm: "Remove the registration",
    removed_notice: |name| format!("The registration {name} is removed."),
    problem_agreement_required: "Enter the Enterprise Agreement number: Capacity needs it.",
    problem_agreement_unused: "Only Capacity has an agreement number: leave it empty.",
    problem_not_agreement: "Enter 7 to 10 digits.",
    problem_cloud_id: "Enter the cloud ID, a GUID such as 7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00.",
    problem_name: "Use 1 to 90 letters, digits, hyphens, underscores, periods or parentheses, not ending with a period.",
    problem_nodes: |max| format!("Enter 1 to {max} nodes."),
    problem_disconnected_payg: "A disconnected deployment cannot report its usage: choose Capacity or Development.",
    problem_cores: "Enter at least one core per node, at most 2,048.",
    problem_token: "Paste the whole registration token the deployment produced.",
    problem_cloud: "Subscriptions of the China, Germany and US Government clouds cannot be used to register Azure Stack Hub for now: choose a subscription of the global Azure cloud.",
    sovereign_cloud: "sovereign cloud, cannot register",
    problem_server: |message| format!("Refused: {message}"),
    changed_notice: |name| format!("The registration {name} is changed."),
    change_title: |name| format!("Change the registration {name}"),
    change_keeps: |subscription, connection, cloud| {
        format!(
            "Under {subscription}, {connection}, cloud ID {cloud}. To use another Azure subscription, remove the registration first, then register again."
        )
    },
    save_changes: "Save the changes",
    change: "Change the registration",
    get_activation_key: "Get the activation key",
    activation_key_title: "Activation key",
    activation_key_intro: "Give this key to the disconnected deployment: it activates the registration with it. Asking again gives a new key and the older one stops working.",
    activation_key_label: "Activation key",
    download_key: "Download the key",
    all_registrations: "All Azure Stack Hub registrations",
    facts_title: "Registration",
    label_registered_by: "Registered by",
    label_activated: "Activated on",
    label_last_report: "Last check-in of the deployment",
    never_reported: "Never: the deployment has not checked in yet.",
    verify_title: "Verification",
    verify_activated: "Activated: Marketplace management on the deployment can add items from Azure, and its “not registered” warning is gone.",
    verify_not_activated: "Registered but not activated: get the activation key and give it to the deployment.",
    verify_never_activated: |days| {
        format!(
            "Registered {days} days ago and never activated: check that the deployment received its activation key."
        )
    },
    verify_expired: "Expired: renew the registration with the new agreement number.",
    history_title: "History",
    col_change: "Change",
    col_terms: "Terms",
    change_registered: "Registered",
    change_changed: "Changed",
    change_activated: "Activated",
    change_removed: "Removed",
    change_expired: "Expired: the capacity no longer covers it",
    not_found: "No live registration by this name: it may have been removed.",
    covered_title: "Azure Stack Hub registrations",
    covered_intro: |bought, used| {
        format!(
            "This subscription has {bought} cores; the customer’s Capacity registrations, which its Azure Stack Hub capacity covers, have {used} cores in all."
        )
    },
    covered_none: "No Capacity registration uses this capacity yet: register a deployment with the Capacity billing model on the Azure Stack Hub page.",
};

pub static ACTIVITY: Activity = Activity {
    customer_created: "Customer created",
    invitation_issued: "Invitation sent",
    invitation_accepted: "Invitation accepted",
    invitation_declined: "Invitation declined",
    relationship_accepted: "Partner request accepted",
    relationship_ended: "Relationship ended",
    user_added: "User added",
    user_roles_changed: "Roles changed",
    user_deactivated: "User deactivated",
    user_restored: "User made active",
    user_renamed: "User renamed",
    user_password_link_issued: "Password link issued",
    user_password_set: "Password chosen",
    subscription_access_given: "Access to a subscription given",
    subscription_access_removed: "Access to a subscription removed",
    subscription_renamed: "Subscription renamed",
    subscription_quantity_changed: "Quantity changed",
    subscription_auto_renew_changed: "Auto-renew changed",
    subscription_suspended: "Subscription suspended",
    subscription_reactivated: "Subscription reactivated",
    subscription_cancelled: "Subscription cancelled",
    order_placed: "Order placed",
    invoice_payment_recorded: "Payment recorded",
    api_key_created: "API key created",
    api_key_revoked: "API key revoked",
    group_customer: "Customers",
    group_relationship: "Relationships",
    group_invitation: "Invitations",
    group_user: "Users and roles",
    group_subscription: "Subscriptions",
    group_order: "Orders",
    group_invoice: "Payments",
    group_api_key: "API keys",
    group_subscription_access: "Access to subscriptions",
    defender_onboarded: "Defender for IoT onboarded",
    defender_devices_changed: "Committed devices changed",
    defender_offboarded: "Defender for IoT offboarded",
    budget_changed: "Spending budget changed",
    subscription_azure_added: "Azure subscription added",
    subscription_azure_cancelled: "Azure subscription cancelled",
    subscription_upgrade_requested: "Upgrade to an Azure plan requested",
    subscription_registration_requested: "Registration requested",
    subscription_support_contact_changed: "Support contact changed",
    azure_stack_registered: "Azure Stack Hub deployment registered",
    azure_stack_changed: "Azure Stack Hub registration changed",
    azure_stack_removed: "Azure Stack Hub registration removed",
    group_defender: "Defender for IoT",
    group_budget: "Spending budgets",
    group_azure_stack: "Azure Stack Hub",
    defender_sensor_added: "Sensor added",
    defender_sensor_deleted: "Sensor deleted",
    invoice_voided: "Invoice voided",
    invoice_adjusted: "Adjustment note issued",
    title: "Activity",
    intro_partner: "Every change made by your staff and your customers’ admins, newest first.",
    intro_customer: "Every change made to your organization, newest first.",
    kind: "Kind of change",
    all: "All",
    customer: "Customer",
    all_customers: "All customers",
    since: "From",
    until: "To",
    apply: "Show",
    caption: "Changes, newest first",
    col_when: "When",
    col_who: "Who",
    col_what: "What",
    col_object: "On",
    col_change: "Change",
    col_request: "Request ID",
    empty: "No changes match.",
    more: "Show older changes",
    export: "Export as CSV",
    exporting: "Exporting…",
};

pub static UPGRADE: Upgrade = Upgrade {
    title: "Upgrade to an Azure plan",
    intro: "Microsoft Azure (MS-AZR-0145P) is the legacy offer: this subscription can move to an Azure plan, the offer Azure is sold under now. What changes:",
    keeps_id: |id| {
        format!(
            "The Azure subscription keeps its id ({id}) and everything in it: nothing is moved or stopped."
        )
    },
    billed_from: "From the day of the upgrade its usage is billed under the Azure plan, at the Azure plan’s prices.",
    legacy_ends: "This Microsoft Azure subscription ends; its usage up to the upgrade is billed as before.",
    eligible: "The customer can be upgraded now.",
    start: "Upgrade to an Azure plan",
    confirm_title: "Upgrade to an Azure plan?",
    confirm_effect: "The customer gets an Azure plan, the Azure subscription moves under it with the same id, and this Microsoft Azure subscription ends. It cannot be undone.",
    in_progress: "The upgrade is in progress: this page follows it.",
    succeeded: "The upgrade succeeded: the Azure subscription now runs under the Azure plan, and this Microsoft Azure subscription has ended.",
    open_plan: "Open the Azure plan",
    failed: |reason| {
        format!(
            "The upgrade failed: {reason} Nothing was changed; check again and start it once more."
        )
    },
    check_again: "Check again",
    ask_admin: "A customer admin or the partner can start the upgrade.",
    refused_in_progress: "An upgrade to an Azure plan is already in progress.",
    refused_no_legacy: "There is no Microsoft Azure subscription left to upgrade.",
    refused_has_plan: "The customer already has an Azure plan: it cannot get a second one by an upgrade. Ask the partner to move this subscription’s resources to the Azure plan.",
    available: |name| format!("{name} can move to an Azure plan."),
};
