//! `/azure-stack`: the customer's Azure Stack Hub deployments registered with Azure (seed 001),
//! registering one (connected, or disconnected with the token the deployment produced) and
//! removing one; `/azure-stack/{azureSubscriptionId}/{resourceGroup}/{name}` (`detail`) is one
//! registration. Customer admins and the partner's admins act; everyone else reads.

mod detail;

pub use detail::RegistrationDetail;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_domain::azure_stack::{
    self as rules, BillingModel, Connection, NewRegistration, NewRegistrationProperties, Problem,
    Registering, Registration, RegistrationStatus,
};
use portal_domain::subscription::AzureEntitlement;

use crate::api::azure_stack::registration_path;
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    CancelButton, FieldProblem, Head, Modal, MutationError, TableHead, TextField, close_dialog,
    customer_view, mutation, remote_view, use_page_title,
};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// The dialog open on a page.
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    Register,
    Change(Box<Registration>),
    Remove(Box<Registration>),
    ActivationKey(Box<Registration>),
}

/// Shared by a page and its dialogs.
#[derive(Clone, Copy)]
struct PageState {
    customer_id: StoredValue<String>,
    dialog: RwSignal<Option<Dialog>>,
    notice: RwSignal<Option<String>>,
    reloads: RwSignal<u32>,
    /// Where a removal leads: the list, from a registration's own page.
    after_removal: Option<&'static str>,
}

/// `Capacity (12345678)`: the billing model, with its agreement number if any.
fn model_text(t: &Messages, model: BillingModel, agreement: Option<&str>) -> String {
    match agreement {
        Some(a) => format!("{} ({a})", t.billing_model(model)),
        None => t.billing_model(model).to_owned(),
    }
}

/// `4 nodes, 64 cores`, in the user's language and number format.
fn size_text(t: &Messages, tag: &str, nodes: i64, cores: i64) -> String {
    (t.azure_stack().size)(&format::integer(tag, nodes), &format::integer(tag, cores), nodes, cores)
}

/// The page of a registration.
fn detail_href(r: &Registration) -> String {
    format!("/azure-stack/{}/{}/{}", r.azure_subscription_id, r.resource_group, r.name)
}

/// The open dialog, whichever page it is on.
fn dialog_view(dialog: Dialog) -> AnyView {
    match dialog {
        Dialog::Register => view! { <RegisterDialog existing=None /> }.into_any(),
        Dialog::Change(r) => view! { <RegisterDialog existing=Some(*r) /> }.into_any(),
        Dialog::Remove(r) => view! { <RemoveDialog registration=*r /> }.into_any(),
        Dialog::ActivationKey(r) => {
            view! { <detail::ActivationKeyDialog registration=*r /> }.into_any()
        }
    }
}

impl PageState {
    /// Opens `dialog`; the notice of the last change goes, as the next one will replace it.
    fn open(&self, dialog: Dialog) {
        self.notice.set(None);
        self.dialog.set(Some(dialog));
    }

    /// A change was made: say so, and read the list again.
    fn done(&self, notice: String) {
        self.notice.set(Some(notice));
        self.reloads.update(|n| *n += 1);
    }

    /// The dialog closed: the focus goes back to the notice (what just happened) or the heading.
    fn closed(&self) {
        self.dialog.set(None);
        let target =
            if self.notice.with_untracked(Option::is_some) { "azs-notice" } else { "azs-title" };
        browser::focus(target);
    }
}

fn path_of(customer_id: &str, r: &Registration) -> String {
    registration_path(customer_id, &r.azure_subscription_id, &r.resource_group, &r.name)
}

#[component]
pub fn AzureStack() -> impl IntoView {
    use_page_title(|t| t.azure_stack().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let reloads = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        let _ = reloads.get();
        async move {
            let Some(id) = customer else { return Ok(None) };
            let list = api.azure_stack_registrations(&id).await?;
            Ok::<_, ApiError>(Some((id, list)))
        }
    });
    let can_register = move || session.me().is_some_and(|me| me.administers_customers());
    let dialog = RwSignal::new(None::<Dialog>);
    let notice = RwSignal::new(None::<String>);
    // Provided here, and the dialog drawn here, outside what reloads after a change: a reload
    // must not draw the dialog anew while it is closing.
    let page = PageState {
        customer_id: StoredValue::new(String::new()),
        dialog,
        notice,
        reloads,
        after_removal: None,
    };
    provide_context(page);

    view! {
        <h1 id="azs-title" tabindex="-1">
            {move || t().azure_stack().title}
        </h1>
        <p class="lead">{move || t().azure_stack().intro}</p>
        <p class="hint">{move || t().azure_stack().free}</p>
        <p id="azs-notice" class="change-notice" role="status" tabindex="-1">
            {move || notice.get()}
        </p>
        {customer_view(
            list,
            move |(customer_id, list)| {
                page.customer_id.set_value(customer_id);
                view! {
                    {can_register()
                        .then(|| {
                            view! {
                                <p>
                                    <button
                                        type="button"
                                        class="button"
                                        on:click=move |_| page.open(Dialog::Register)
                                    >
                                        {move || t().azure_stack().register}
                                    </button>
                                </p>
                            }
                        })}
                    <RegistrationTable list=list can_remove=can_register() />
                }
            },
        )}
        {move || dialog.get().map(dialog_view)}
    }
}

#[component]
fn RegistrationTable(list: Vec<Registration>, can_remove: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if list.is_empty() {
        return view! { <p class="empty">{move || t().azure_stack().empty}</p> }.into_any();
    }
    let page = expect_context::<PageState>();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || t().azure_stack().caption}</caption>
                <TableHead columns=[
                    Head::text(|t| t.azure_stack().col_name),
                    Head::text(|t| t.azure_stack().col_azure_subscription),
                    Head::text(|t| t.azure_stack().col_billing_model),
                    Head::text(|t| t.azure_stack().col_connection),
                    Head::text(|t| t.azure_stack().col_size),
                    Head::text(|t| t.col_status),
                    Head::text(|t| t.azure_stack().col_registered),
                    Head::text(|t| t.azure_stack().col_actions),
                ] />
                <tbody>
                    {list
                        .into_iter()
                        .map(|r| {
                            let p = r.properties.clone();
                            let (nodes, cores) = (p.node_count, p.cores);
                            let registered = p.registered_at.clone();
                            let removable = can_remove && p.status != RegistrationStatus::Removed;
                            let name = r.name.clone();
                            let class = match p.status {
                                RegistrationStatus::Activated => "badge done",
                                RegistrationStatus::Registered => "badge pending",
                                RegistrationStatus::Expired | RegistrationStatus::Removed => {
                                    "badge stopped"
                                }
                            };
                            view! {
                                <tr>
                                    <th scope="row">
                                        {if p.status == RegistrationStatus::Removed {
                                            r.name.clone().into_any()
                                        } else {
                                            let (href, text) = (detail_href(&r), r.name.clone());
                                            view! { <A href=href>{text}</A> }.into_any()
                                        }}
                                    </th>
                                    <td>{r.azure_subscription_name.clone()}</td>
                                    <td>
                                        {move || model_text(
                                            t(),
                                            p.billing_model,
                                            p.agreement_number.as_deref(),
                                        )}
                                    </td>
                                    <td>
                                        {move || match p.connection {
                                            Connection::Connected => t().azure_stack().connected,
                                            Connection::Disconnected => t().azure_stack().disconnected,
                                        }}
                                    </td>
                                    <td>
                                        {move || size_text(t(), &i18n.format_tag(), nodes, cores)}
                                    </td>
                                    <td>
                                        <span class=class>
                                            {move || t().registration_status(p.status)}
                                        </span>
                                    </td>
                                    <td>
                                        {move || format::timestamp_date(
                                            &i18n.format_tag(),
                                            &registered,
                                        )}
                                    </td>
                                    <td>
                                        {removable
                                            .then(|| {
                                                let r = r.clone();
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button secondary"
                                                        on:click=move |_| {
                                                            page.open(Dialog::Remove(Box::new(r.clone())))
                                                        }
                                                    >
                                                        {move || (t().azure_stack().remove)(&name)}
                                                    </button>
                                                }
                                            })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The problems the form shows beside its fields, by field name.
type Problems = RwSignal<Vec<(&'static str, String)>>;

fn problem_of(problems: Problems, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        problems.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    })
}

/// Where a field the server names is shown in the form.
fn form_field(server_field: &str) -> Option<&'static str> {
    Some(match server_field.trim_start_matches("properties.") {
        "subscriptionId" => "subscription",
        "billingModel" => "billingModel",
        "agreementNumber" => "agreementNumber",
        "cloudId" => "cloudId",
        "nodeCount" => "nodeCount",
        "cores" => "cores",
        "registrationToken" => "token",
        "name" => "name",
        "resourceGroup" => "resourceGroup",
        "resourceGroupLocation" => "resourceGroupLocation",
        _ => return None,
    })
}

/// Registers a deployment, or changes the registration `existing` (after a capacity renewal, a
/// change of billing model or of nodes): the same form, its subscription, connection, cloud ID
/// and name then fixed.
#[component]
fn RegisterDialog(existing: Option<Registration>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let api = use_api();
    let customer_id = page.customer_id.get_value();
    let changing = existing.is_some();
    let candidates = LocalResource::new({
        let (api, customer_id) = (api.clone(), customer_id.clone());
        move || {
            let (api, customer_id) = (api.clone(), customer_id.clone());
            async move { api.active_azure_subscriptions(&customer_id).await }
        }
    });
    let p = existing.as_ref().map(|r| r.properties.clone());
    let connection = RwSignal::new(p.as_ref().map_or(Connection::Connected, |p| p.connection));
    let subscription = RwSignal::new(
        existing.as_ref().map(|r| r.azure_subscription_id.clone()).unwrap_or_default(),
    );
    let model = RwSignal::new(p.as_ref().map_or(BillingModel::PayAsYouUse, |p| p.billing_model));
    let agreement =
        RwSignal::new(p.as_ref().and_then(|p| p.agreement_number.clone()).unwrap_or_default());
    let cloud_id = RwSignal::new(p.as_ref().map(|p| p.cloud_id.clone()).unwrap_or_default());
    let nodes = RwSignal::new(p.as_ref().map_or(4, |p| p.node_count).to_string());
    let cores = RwSignal::new(p.as_ref().map_or(64, |p| p.cores).to_string());
    let token = RwSignal::new(String::new());
    let region = RwSignal::new(
        existing
            .as_ref()
            .map_or(rules::DEFAULT_REGION.to_owned(), |r| r.resource_group_location.clone()),
    );
    let resource_group = RwSignal::new(
        existing
            .as_ref()
            .map_or(rules::DEFAULT_RESOURCE_GROUP.to_owned(), |r| r.resource_group.clone()),
    );
    let name = RwSignal::new(existing.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    // Until the user types a name of their own, it follows the cloud ID (AzureStack-{CloudID}).
    let name_edited = RwSignal::new(changing);
    let title = StoredValue::new(existing.as_ref().map(|r| r.name.clone()));
    Effect::new(move |_| {
        let id = match connection.get() {
            Connection::Connected => cloud_id.get(),
            Connection::Disconnected => browser::token_cloud_id(&token.get()).unwrap_or_default(),
        };
        if !name_edited.get_untracked() && !id.trim().is_empty() {
            name.set(rules::default_registration_name(&id));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = candidates.get()
            && subscription.with_untracked(String::is_empty)
            && let Some(first) = list.first()
        {
            subscription.set(first.id.clone());
        }
    });
    let problems: Problems = RwSignal::new(Vec::new());

    let register = mutation(move |(azure, body): (String, NewRegistration)| {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        async move {
            let rg = resource_group.get_untracked();
            let path =
                registration_path(&customer_id, &azure, rg.trim(), name.get_untracked().trim());
            match api.register_deployment(&path, &body).await {
                Ok(done) => {
                    let said = if changing {
                        i18n.t_untracked().azure_stack().changed_notice
                    } else {
                        i18n.t_untracked().azure_stack().registered_notice
                    };
                    page.done(said(&done.name));
                    close_dialog();
                    Ok(())
                }
                // What only the server knows (the subscription's cloud, the token), beside
                // the field it is about.
                Err(ApiError::Validation { fields, .. })
                    if !fields.is_empty()
                        && fields.iter().all(|f| form_field(&f.field).is_some()) =>
                {
                    let t = i18n.t_untracked();
                    problems.set(
                        fields
                            .iter()
                            .filter_map(|f| {
                                let field = form_field(&f.field)?;
                                Some((field, (t.azure_stack().problem_server)(&f.message)))
                            })
                            .collect(),
                    );
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = i18n.t_untracked();
        let mut found: Vec<(&'static str, String)> = Vec::new();
        let azure = subscription.get_untracked();
        let connection = connection.get_untracked();
        let body = match connection {
            Connection::Connected => {
                let node_count = nodes.get_untracked().trim().parse::<i64>().unwrap_or(0);
                let core_count = cores.get_untracked().trim().parse::<i64>().unwrap_or(0);
                let (agreement_text, cloud, group, chosen, location) = (
                    agreement.get_untracked(),
                    cloud_id.get_untracked(),
                    resource_group.get_untracked(),
                    name.get_untracked(),
                    region.get_untracked(),
                );
                let registering = Registering {
                    billing_model: model.get_untracked(),
                    // The field is shown for Capacity only: what it holds otherwise is not sent.
                    agreement_number: (model.get_untracked() == BillingModel::Capacity)
                        .then_some(agreement_text.as_str()),
                    cloud_id: &cloud,
                    name: &chosen,
                    resource_group: &group,
                    region: &location,
                    node_count,
                    connection,
                };
                for problem in registering.problems() {
                    found.push((problem.field(), t.registration_problem(problem)));
                }
                if core_count < node_count.max(1) || core_count > 2_048 {
                    found.push(("cores", t.azure_stack().problem_cores.to_owned()));
                }
                NewRegistration {
                    location: Some("global".to_owned()),
                    // Chosen once: a change keeps the region.
                    resource_group_location: (!changing).then_some(location),
                    properties: NewRegistrationProperties {
                        billing_model: Some(model.get_untracked()),
                        agreement_number: Some(agreement_text.trim().to_owned()).filter(|a| {
                            !a.is_empty() && model.get_untracked() == BillingModel::Capacity
                        }),
                        cloud_id: Some(cloud.trim().to_owned()),
                        node_count: Some(node_count),
                        cores: Some(core_count),
                        ..Default::default()
                    },
                }
            }
            Connection::Disconnected => {
                let text = token.get_untracked();
                if browser::token_cloud_id(&text).is_none() {
                    found.push(("token", t.azure_stack().problem_token.to_owned()));
                }
                for (field, value) in [
                    ("name", name.get_untracked()),
                    ("resourceGroup", resource_group.get_untracked()),
                ] {
                    if !rules::is_resource_name(value.trim()) {
                        found.push((field, t.registration_problem(Problem::NotAName)));
                    }
                }
                NewRegistration {
                    location: Some("global".to_owned()),
                    resource_group_location: (!changing).then(|| region.get_untracked()),
                    properties: NewRegistrationProperties {
                        registration_token: Some(text.trim().to_owned()),
                        ..Default::default()
                    },
                }
            }
        };
        if azure.is_empty() {
            return;
        }
        let sovereign = candidates.with_untracked(|list| {
            list.as_ref()
                .and_then(|l| l.as_ref().ok())
                .and_then(|l| l.iter().find(|a| a.id == azure))
                .is_some_and(|a| !a.cloud.supports_registration())
        });
        if sovereign {
            found.insert(0, ("subscription", t.azure_stack().problem_cloud.to_owned()));
        }
        if let Some((first, _)) = found.first() {
            browser::focus(&format!("azs-{first}"));
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        register.dispatch((azure, body));
    };

    // What a change keeps: the subscription, the connection and the deployment.
    let summary = existing.map(|r| {
        let p = r.properties;
        view! {
            <p>
                {move || {
                    let connection = match p.connection {
                        Connection::Connected => t().azure_stack().connected,
                        Connection::Disconnected => t().azure_stack().disconnected,
                    };
                    (t()
                        .azure_stack()
                        .change_keeps)(&r.azure_subscription_name, connection, &p.cloud_id)
                }}
            </p>
        }
    });
    let read_file = move |ev: leptos::ev::Event| {
        browser::read_text_file(&ev, move |text| token.set(text.trim().to_owned()));
    };

    view! {
        <Modal title_id="azs-register-title" on_close=move || page.closed()>
            <form on:submit=on_submit novalidate>
                <h2 id="azs-register-title">
                    {move || match title.get_value() {
                        Some(name) => (t().azure_stack().change_title)(&name),
                        None => t().azure_stack().register.to_owned(),
                    }}
                </h2>
                <p class="hint">{move || t().azure_stack().free}</p>
                {summary}
                <Show when=move || {
                    !changing
                }>
                    {remote_view(
                        candidates,
                        move |list: Vec<AzureEntitlement>| {
                            if list.is_empty() {
                                return view! {
                                    <p class="notice info">
                                        {move || t().azure_stack().no_azure_subscription}
                                    </p>
                                }
                                    .into_any();
                            }
                            view! {
                                <div class="field">
                                    <label for="azs-subscription">
                                        {move || t().azure_stack().col_azure_subscription}
                                    </label>
                                    <select
                                        id="azs-subscription"
                                        aria-invalid=move || {
                                            problem_of(problems, "subscription")
                                                .with(Option::is_some)
                                                .to_string()
                                        }
                                        aria-describedby=move || {
                                            problem_of(problems, "subscription")
                                                .get()
                                                .map(|_| "azs-subscription-error")
                                        }
                                        on:change=move |ev| {
                                            subscription.set(event_target_value(&ev))
                                        }
                                    >
                                        {list
                                            .into_iter()
                                            .map(|a| {
                                                let sovereign = !a.cloud.supports_registration();
                                                // A sovereign cloud's subscription is listed, and
                                                // refused with the seed's reason when chosen.
                                                view! {
                                                    <option value=a
                                                        .id>
                                                        {a.friendly_name}
                                                        {move || {
                                                            sovereign
                                                                .then(|| {
                                                                    format!(" ({})", t().azure_stack().sovereign_cloud)
                                                                })
                                                        }}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                    <FieldProblem
                                        id="azs-subscription-error"
                                        message=problem_of(problems, "subscription")
                                    />
                                </div>
                            }
                                .into_any()
                        },
                    )} <fieldset class="field choices">
                        <legend>{move || t().azure_stack().connection_legend}</legend>
                        {[Connection::Connected, Connection::Disconnected]
                            .into_iter()
                            .map(|c| {
                                let id = format!("azs-connection-{c}");
                                let (label, hint) = match c {
                                    Connection::Connected => {
                                        (
                                            (|t: &crate::i18n::Messages| t.azure_stack().connected)
                                                as fn(&crate::i18n::Messages) -> &'static str,
                                            (|t: &crate::i18n::Messages| t.azure_stack().connected_hint)
                                                as fn(&crate::i18n::Messages) -> &'static str,
                                        )
                                    }
                                    Connection::Disconnected => {
                                        (
                                            (|t: &crate::i18n::Messages| t.azure_stack().disconnected)
                                                as fn(&crate::i18n::Messages) -> &'static str,
                                            (|t: &crate::i18n::Messages| {
                                                t.azure_stack().disconnected_hint
                                            }) as fn(&crate::i18n::Messages) -> &'static str,
                                        )
                                    }
                                };
                                let hint_id = format!("{id}-hint");
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name="azs-connection"
                                            aria-describedby=hint_id.clone()
                                            prop:checked=move || connection.get() == c
                                            on:change=move |_| {
                                                problems.set(Vec::new());
                                                connection.set(c);
                                            }
                                        />
                                        <label for=id>{move || label(t())}</label>
                                        <p id=hint_id class="hint">
                                            {move || hint(t())}
                                        </p>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </Show>
                <Show
                    when=move || connection.get() == Connection::Connected
                    fallback=move || {
                        view! {
                            <div class="field">
                                <label for="azs-token">
                                    {move || t().azure_stack().label_token}
                                </label>
                                <textarea
                                    id="azs-token"
                                    rows="4"
                                    bind:value=token
                                    aria-invalid=move || {
                                        problem_of(problems, "token").get().is_some().to_string()
                                    }
                                    aria-describedby=move || {
                                        problem_of(problems, "token")
                                            .get()
                                            .map(|_| "azs-token-error")
                                    }
                                ></textarea>
                                <FieldProblem
                                    id="azs-token-error"
                                    message=problem_of(problems, "token")
                                />
                            </div>
                            <div class="field">
                                <label for="azs-token-file">
                                    {move || t().azure_stack().label_token_file}
                                </label>
                                <input
                                    id="azs-token-file"
                                    type="file"
                                    accept=".txt,text/plain"
                                    on:change=read_file
                                />
                            </div>
                        }
                    }
                >
                    <div class="field">
                        <label for="azs-billingModel">
                            {move || t().azure_stack().col_billing_model}
                        </label>
                        <select
                            id="azs-billingModel"
                            on:change=move |ev| {
                                if let Ok(m) = event_target_value(&ev).parse() {
                                    model.set(m);
                                }
                            }
                        >
                            {BillingModel::ALL
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <option
                                            value=m.as_str()
                                            prop:selected=move || model.get() == m
                                        >
                                            {move || t().billing_model(m)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=move || model.get() == BillingModel::Capacity>
                        <TextField
                            id="azs-agreementNumber"
                            label=Signal::derive(move || t().azure_stack().label_agreement)
                            value=agreement
                            error=problem_of(problems, "agreementNumber")
                        />
                        <p class="hint">{move || t().azure_stack().agreement_hint}</p>
                    </Show>
                    <Show when=move || !changing>
                        <TextField
                            id="azs-cloudId"
                            label=Signal::derive(move || t().azure_stack().label_cloud_id)
                            value=cloud_id
                            error=problem_of(problems, "cloudId")
                        />
                    </Show>
                    <TextField
                        id="azs-nodeCount"
                        label=Signal::derive(move || t().azure_stack().label_nodes)
                        value=nodes
                        error=problem_of(problems, "nodeCount")
                        input_type="number"
                    />
                    <TextField
                        id="azs-cores"
                        label=Signal::derive(move || t().azure_stack().label_cores)
                        value=cores
                        error=problem_of(problems, "cores")
                        input_type="number"
                    />
                </Show>
                <Show when=move || !changing>
                    <TextField
                        id="azs-resourceGroup"
                        label=Signal::derive(move || t().azure_stack().label_resource_group)
                        value=resource_group
                        error=problem_of(problems, "resourceGroup")
                    />
                    <div class="field">
                        <label for="azs-resourceGroupLocation">
                            {move || t().azure_stack().label_region}
                        </label>
                        <select
                            id="azs-resourceGroupLocation"
                            aria-invalid=move || {
                                problem_of(problems, "resourceGroupLocation")
                                    .with(Option::is_some)
                                    .to_string()
                            }
                            aria-describedby=move || {
                                problem_of(problems, "resourceGroupLocation")
                                    .with(Option::is_some)
                                    .then_some("azs-resourceGroupLocation-error")
                            }
                            on:change=move |ev| region.set(event_target_value(&ev))
                        >
                            {rules::REGIONS
                                .iter()
                                .map(|r| {
                                    view! {
                                        <option value=*r selected=*r == region.get_untracked()>
                                            {*r}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldProblem
                            id="azs-resourceGroupLocation-error"
                            message=problem_of(problems, "resourceGroupLocation")
                        />
                    </div>
                    <div on:input=move |_| name_edited.set(true)>
                        <TextField
                            id="azs-name"
                            label=Signal::derive(move || t().azure_stack().label_name)
                            value=name
                            error=problem_of(problems, "name")
                        />
                    </div>
                </Show>
                <MutationError mutation=register />
                <div class="actions">
                    <button type="submit" class="button" disabled=register.pending()>
                        {move || {
                            if changing {
                                t().azure_stack().save_changes
                            } else {
                                t().azure_stack().submit
                            }
                        }}
                    </button>
                    <CancelButton safe_choice=false />
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn RemoveDialog(registration: Registration) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let page = expect_context::<PageState>();
    let api = use_api();
    let path = path_of(&page.customer_id.get_value(), &registration);
    let name = StoredValue::new(registration.name.clone());
    let navigate = use_navigate();
    let remove = mutation(move |()| {
        let (api, path, navigate) = (api.clone(), path.clone(), navigate.clone());
        async move {
            api.remove_registration(&path).await?;
            page.done((i18n.t_untracked().azure_stack().removed_notice)(&name.get_value()));
            close_dialog();
            // From the registration's own page, which no longer has it, to the list, which
            // shows it removed.
            if let Some(to) = page.after_removal {
                navigate(to, NavigateOptions::default());
            }
            Ok(())
        }
    });
    view! {
        <Modal title_id="azs-remove-title" on_close=move || page.closed()>
            <h2 id="azs-remove-title">
                {move || (t().azure_stack().remove_title)(&name.get_value())}
            </h2>
            <p>{move || t().azure_stack().remove_effect}</p>
            <MutationError mutation=remove />
            <div class="actions">
                <CancelButton safe_choice=true />
                <button
                    type="button"
                    class="button danger"
                    disabled=remove.pending()
                    on:click=move |_| remove.dispatch(())
                >
                    {move || t().azure_stack().remove_confirm}
                </button>
            </div>
        </Modal>
    }
}

/// On an Azure Stack Hub capacity subscription's page: the Capacity registrations the customer's
/// capacity covers, with links, and how many cores they use of those bought.
#[component]
pub fn CoveredRegistrations(customer_id: String, cores_bought: i64) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let list = LocalResource::new(move || {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        async move {
            let all = api.azure_stack_registrations(&customer_id).await?;
            Ok::<_, ApiError>(
                all.into_iter()
                    .filter(|r| {
                        r.properties.billing_model == BillingModel::Capacity
                            && r.properties.status != RegistrationStatus::Removed
                    })
                    .collect::<Vec<_>>(),
            )
        }
    });
    view! {
        <section aria-labelledby="covered-title">
            <h2 id="covered-title">{move || t().azure_stack().covered_title}</h2>
            {remote_view(
                list,
                move |covered| {
                    if covered.is_empty() {
                        return view! {
                            <p class="empty">{move || t().azure_stack().covered_none}</p>
                        }
                            .into_any();
                    }
                    let used: i64 = covered.iter().map(|r| r.properties.cores).sum();
                    view! {
                        <p>
                            {move || {
                                let tag = i18n.format_tag();
                                (t()
                                    .azure_stack()
                                    .covered_intro)(
                                    &format::integer(&tag, cores_bought),
                                    &format::integer(&tag, used),
                                )
                            }}
                        </p>
                        <ul>
                            {covered
                                .into_iter()
                                .map(|r| {
                                    let href = detail_href(&r);
                                    view! {
                                        <li>
                                            <A href=href>{r.name.clone()}</A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}
