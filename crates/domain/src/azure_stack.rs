//! Azure Stack Hub registrations (seed 001): registering a deployment with Azure so that its
//! usage is billed and it can use the Marketplace. The resource follows Azure's
//! `Microsoft.AzureStack/registrations`; the rules here are the ones AzureStack-Tools
//! (`Set-AzsRegistration`, `Get-AzsRegistrationToken`) applies, shared by the browser's forms and
//! the server.

use serde::{Deserialize, Serialize};

use crate::spelled;

/// How the deployment is billed (`-BillingModel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BillingModel {
    /// Usage is reported to Azure and billed on the registration's subscription.
    PayAsYouUse,
    /// Cores bought up front under an agreement (the "Azure Stack Hub capacity" subscription).
    Capacity,
    /// Free, for evaluation: one node.
    Development,
}

spelled!(BillingModel {
    PayAsYouUse => "PayAsYouUse",
    Capacity => "Capacity",
    Development => "Development",
});

impl BillingModel {
    /// A disconnected deployment cannot report usage, so it cannot pay as it uses
    /// (`Get-AzsRegistrationToken` offers Capacity and Development only).
    pub fn allows_disconnected(self) -> bool {
        self != BillingModel::PayAsYouUse
    }

    /// Whether the deployment's usage is reported and billed.
    pub fn reports_usage(self) -> bool {
        self == BillingModel::PayAsYouUse
    }

    /// The most nodes a deployment under this model may have.
    pub fn max_nodes(self) -> i64 {
        match self {
            BillingModel::Development => 1,
            BillingModel::PayAsYouUse | BillingModel::Capacity => MAX_NODES,
        }
    }
}

/// Azure Stack Hub integrated systems have 4 to 16 nodes; a development kit has one.
pub const MAX_NODES: i64 = 16;

/// The Azure cloud an Azure subscription lives in (Azure's environment names).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AzureCloud {
    #[default]
    #[serde(rename = "AzureCloud")]
    Public,
    #[serde(rename = "AzureChinaCloud")]
    China,
    #[serde(rename = "AzureGermanCloud")]
    Germany,
    #[serde(rename = "AzureUSGovernment")]
    UsGovernment,
}

spelled!(AzureCloud {
    Public => "AzureCloud",
    China => "AzureChinaCloud",
    Germany => "AzureGermanCloud",
    UsGovernment => "AzureUSGovernment",
});

impl AzureCloud {
    /// The seed: "subscriptions of the China, Germany and US Government clouds are not supported
    /// for the moment".
    pub fn supports_registration(self) -> bool {
        self == AzureCloud::Public
    }
}

/// Whether the deployment reaches Azure itself, or hands over a registration token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Connection {
    Connected,
    Disconnected,
}

spelled!(Connection {
    Connected => "connected",
    Disconnected => "disconnected",
});

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum RegistrationStatus {
    /// Created in Azure; the deployment has not activated it yet.
    Registered,
    /// The deployment activated it (connected: at registration; disconnected: with its key).
    Activated,
    /// Capacity whose subscription ended: the deployment must be renewed or changed.
    Expired,
    /// Removed: billing and Marketplace syndication have stopped.
    Removed,
}

spelled!(RegistrationStatus {
    Registered => "registered",
    Activated => "activated",
    Expired => "expired",
    Removed => "removed",
});

/// The catalog's "Azure Stack Hub capacity" product, sold per physical core.
pub const CAPACITY_PRODUCT_ID: &str = "DG7GMGF0ASHC";

/// The resource group AzureStack-Tools registers in unless told otherwise.
pub const DEFAULT_RESOURCE_GROUP: &str = "azurestack";

/// Where the registration's resource group is made when it does not exist yet
/// (`Set-AzsRegistration -ResourceGroupLocation`, whose default this is).
pub const DEFAULT_REGION: &str = "westcentralus";

/// The Azure regions of the global cloud a registration's resource group may be made in, by
/// Azure's names (what `-ResourceGroupLocation` and the Azure CLI take).
pub const REGIONS: [&str; 24] = [
    "australiaeast",
    "brazilsouth",
    "canadacentral",
    "centralindia",
    "centralus",
    "eastasia",
    "eastus",
    "eastus2",
    "francecentral",
    "germanywestcentral",
    "japaneast",
    "koreacentral",
    "northcentralus",
    "northeurope",
    "norwayeast",
    "southafricanorth",
    "southcentralus",
    "southeastasia",
    "swedencentral",
    "switzerlandnorth",
    "uksouth",
    "westcentralus",
    "westeurope",
    "westus2",
];

/// Whether `region` is one of [`REGIONS`] (Azure's names are lower case; so is the check).
pub fn is_region(region: &str) -> bool {
    REGIONS.contains(&region.trim().to_ascii_lowercase().as_str())
}

/// The registration name AzureStack-Tools uses: `AzureStack-{CloudID}`.
pub fn default_registration_name(cloud_id: &str) -> String {
    format!("AzureStack-{}", cloud_id.trim())
}

/// A reason a registration's fields are refused; [`Problem::field`] names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Capacity without an agreement number (AzureStack-Tools: "Agreement number is null or
    /// empty when BillingModel is set to Capacity").
    AgreementNumberRequired,
    /// An agreement number with another billing model: it would not be used.
    AgreementNumberUnused,
    /// Not an Enterprise Agreement number: 7 to 10 digits.
    NotAnAgreementNumber,
    /// A cloud id is the deployment's identifier, a GUID.
    NotACloudId,
    /// Azure resource names: 1 to 90 letters, digits, `-`, `_`, `.` or `()`, not ending in `.`.
    NotAName,
    /// The same rule, for the resource group.
    NotAResourceGroup,
    /// Not one of [`REGIONS`].
    NotARegion,
    /// Outside 1 to the model's maximum.
    NodeCount { max: i64 },
    /// Pay-as-you-use needs a connected deployment.
    DisconnectedPayAsYouUse,
}

impl Problem {
    /// The field it is about, as the API names it.
    pub fn field(self) -> &'static str {
        match self {
            Problem::AgreementNumberRequired
            | Problem::AgreementNumberUnused
            | Problem::NotAnAgreementNumber => "agreementNumber",
            Problem::NotACloudId => "cloudId",
            Problem::NotAName => "name",
            Problem::NotAResourceGroup => "resourceGroup",
            Problem::NotARegion => "resourceGroupLocation",
            Problem::NodeCount { .. } => "nodeCount",
            Problem::DisconnectedPayAsYouUse => "billingModel",
        }
    }

    /// The server's wording; the browser says it in the user's language.
    pub fn english(self) -> String {
        match self {
            Problem::AgreementNumberRequired => {
                "is required with the Capacity billing model: the Enterprise Agreement number the capacity was bought under".to_owned()
            }
            Problem::AgreementNumberUnused => {
                "is only for the Capacity billing model: leave it empty".to_owned()
            }
            Problem::NotAnAgreementNumber => {
                "must be an Enterprise Agreement number: 7 to 10 digits".to_owned()
            }
            Problem::NotACloudId => {
                "must be the deployment's cloud id, a GUID such as 7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00".to_owned()
            }
            Problem::NotAName | Problem::NotAResourceGroup => {
                "must be 1 to 90 letters, digits, hyphens, underscores, periods or parentheses, not ending with a period".to_owned()
            }
            Problem::NotARegion => {
                format!("must be an Azure region of the global cloud, such as {DEFAULT_REGION}")
            }
            Problem::NodeCount { max } => format!("must be from 1 to {max} nodes"),
            Problem::DisconnectedPayAsYouUse => {
                "cannot be PayAsYouUse for a disconnected deployment, which cannot report its usage: choose Capacity or Development".to_owned()
            }
        }
    }
}

/// The agreement number as stored (trimmed), or why it is refused for `model`.
pub fn check_agreement_number(
    model: BillingModel,
    number: Option<&str>,
) -> Result<Option<String>, Problem> {
    let number = number.map(str::trim).filter(|n| !n.is_empty());
    match (model, number) {
        (BillingModel::Capacity, None) => Err(Problem::AgreementNumberRequired),
        (BillingModel::Capacity, Some(n)) => {
            if (7..=10).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Some(n.to_owned()))
            } else {
                Err(Problem::NotAnAgreementNumber)
            }
        }
        (_, Some(_)) => Err(Problem::AgreementNumberUnused),
        (_, None) => Ok(None),
    }
}

/// Whether `text` is a cloud id: a GUID.
pub fn is_cloud_id(text: &str) -> bool {
    crate::validation::is_guid(text)
}

/// Whether `name` is a valid Azure resource name for a registration or its resource group.
pub fn is_resource_name(name: &str) -> bool {
    (1..=90).contains(&name.chars().count())
        && !name.ends_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.()".contains(c))
}

/// What a deployment asks to register with, checked together: every problem, each naming its
/// field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registering<'a> {
    pub billing_model: BillingModel,
    pub agreement_number: Option<&'a str>,
    pub cloud_id: &'a str,
    pub name: &'a str,
    pub resource_group: &'a str,
    /// The region of the resource group.
    pub region: &'a str,
    pub node_count: i64,
    pub connection: Connection,
}

impl Registering<'_> {
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !is_cloud_id(self.cloud_id.trim()) {
            problems.push(Problem::NotACloudId);
        }
        if let Err(problem) = check_agreement_number(self.billing_model, self.agreement_number) {
            problems.push(problem);
        }
        if self.connection == Connection::Disconnected && !self.billing_model.allows_disconnected()
        {
            problems.push(Problem::DisconnectedPayAsYouUse);
        }
        let max = self.billing_model.max_nodes();
        if !(1..=max).contains(&self.node_count) {
            problems.push(Problem::NodeCount { max });
        }
        if !is_resource_name(self.name.trim()) {
            problems.push(Problem::NotAName);
        }
        if !is_resource_name(self.resource_group.trim()) {
            problems.push(Problem::NotAResourceGroup);
        }
        if !is_region(self.region) {
            problems.push(Problem::NotARegion);
        }
        problems
    }
}

/// How many cores a Capacity deployment reports beyond what its capacity subscription covers:
/// zero when covered.
pub fn missing_cores(covered: i64, reported: i64) -> i64 {
    (reported - covered).max(0)
}

/// Azure's resource type for registrations.
pub const RESOURCE_TYPE: &str = "Microsoft.AzureStack/registrations";

/// A registration as the API shows it: Azure's `Microsoft.AzureStack/registrations` resource
/// (`id`, `name`, `type`, `location`, `etag`, `properties`) with our fields beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    /// Azure's resource id: `/subscriptions/{azureSubscriptionId}/resourceGroups/{rg}/providers/Microsoft.AzureStack/registrations/{name}`.
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// Always `global`, as Azure.
    pub location: String,
    pub etag: String,
    pub properties: RegistrationProperties,
    /// Ours: whose deployment, under which Azure subscription and resource group.
    pub customer_id: String,
    pub azure_subscription_id: String,
    pub azure_subscription_name: String,
    pub resource_group: String,
    /// Ours: the region of the resource group (`-ResourceGroupLocation`).
    pub resource_group_location: String,
    pub attributes: crate::envelope::Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RegistrationProperties {
    pub cloud_id: String,
    pub billing_model: BillingModel,
    /// Not in Azure's schema, but AzureStack-Tools reads it back: Capacity only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_number: Option<String>,
    /// Ours from here on.
    pub connection: Connection,
    pub node_count: i64,
    pub cores: i64,
    pub status: RegistrationStatus,
    pub registered_at: String,
    pub registered_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reported_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_at: Option<String>,
}

/// The body of `PUT …/registrations/{name}`: a connected deployment says what it is; a
/// disconnected one hands over its registration token, which says it instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "properties": {
        "billingModel": "PayAsYouUse",
        "cloudId": "8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
        "nodeCount": 4,
        "cores": 64
    }
}))))]
#[serde(rename_all = "camelCase")]
pub struct NewRegistration {
    #[serde(default)]
    pub location: Option<String>,
    /// Ours: the region of the resource group, `westcentralus` when not given (as
    /// `-ResourceGroupLocation`). It cannot change with the registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group_location: Option<String>,
    #[serde(default)]
    pub properties: NewRegistrationProperties,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NewRegistrationProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_model: Option<BillingModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cores: Option<i64>,
}

/// One line of a registration's history (`GET …/registrations/{name}/history`, ours): what
/// happened, when, by whom, and the terms it left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RegistrationEvent {
    pub at: String,
    pub actor: String,
    /// `registered`, `changed`, `activated`, `expired` or `removed`.
    pub change: String,
    pub billing_model: BillingModel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_number: Option<String>,
    pub node_count: i64,
    pub cores: i64,
    pub attributes: crate::envelope::Attributes,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOUD: &str = "7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00";

    fn registering(model: BillingModel, agreement: Option<&str>) -> Registering<'_> {
        Registering {
            billing_model: model,
            agreement_number: agreement,
            cloud_id: CLOUD,
            name: "AzureStack-7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00",
            resource_group: DEFAULT_RESOURCE_GROUP,
            region: DEFAULT_REGION,
            node_count: 4,
            connection: Connection::Connected,
        }
    }

    #[test]
    fn capacity_needs_an_agreement_number_and_only_capacity_has_one() {
        use BillingModel::*;
        assert_eq!(check_agreement_number(Capacity, None), Err(Problem::AgreementNumberRequired));
        assert_eq!(
            check_agreement_number(Capacity, Some("  ")),
            Err(Problem::AgreementNumberRequired)
        );
        assert_eq!(
            check_agreement_number(Capacity, Some(" 12345678 ")),
            Ok(Some("12345678".to_owned()))
        );
        for bad in ["123456", "12345678901", "1234-5678", "EA123456"] {
            assert_eq!(
                check_agreement_number(Capacity, Some(bad)),
                Err(Problem::NotAnAgreementNumber),
                "{bad}"
            );
        }
        assert_eq!(
            check_agreement_number(PayAsYouUse, Some("12345678")),
            Err(Problem::AgreementNumberUnused)
        );
        assert_eq!(check_agreement_number(Development, None), Ok(None));
    }

    #[test]
    fn billing_models_decide_connection_nodes_and_usage() {
        use BillingModel::*;
        assert!(!PayAsYouUse.allows_disconnected());
        assert!(Capacity.allows_disconnected() && Development.allows_disconnected());
        assert!(PayAsYouUse.reports_usage() && !Capacity.reports_usage());
        assert_eq!(Development.max_nodes(), 1);

        let mut development = registering(Development, None);
        assert_eq!(development.problems(), [Problem::NodeCount { max: 1 }]);
        development.node_count = 1;
        assert!(development.problems().is_empty());

        let mut offline = registering(PayAsYouUse, None);
        offline.connection = Connection::Disconnected;
        assert_eq!(offline.problems(), [Problem::DisconnectedPayAsYouUse]);
        assert_eq!(Problem::DisconnectedPayAsYouUse.field(), "billingModel");
    }

    #[test]
    fn every_problem_names_its_field() {
        let mut bad = registering(BillingModel::Capacity, None);
        bad.cloud_id = "not-a-guid";
        bad.name = "bad name.";
        bad.resource_group = "";
        bad.node_count = 0;
        bad.region = "mars";
        let fields: Vec<&str> = bad.problems().into_iter().map(Problem::field).collect();
        assert_eq!(
            fields,
            [
                "cloudId",
                "agreementNumber",
                "nodeCount",
                "name",
                "resourceGroup",
                "resourceGroupLocation"
            ]
        );
        assert!(registering(BillingModel::PayAsYouUse, None).problems().is_empty());
    }

    #[test]
    fn names_clouds_and_defaults_follow_azure() {
        assert!(is_cloud_id(CLOUD));
        assert!(is_cloud_id(&CLOUD.to_uppercase()));
        assert!(!is_cloud_id("7a7e3f1e5c2b4e0d9f3a2b8c6d4e1f00"));
        assert_eq!(default_registration_name(CLOUD), format!("AzureStack-{CLOUD}"));
        assert!(is_resource_name("azurestack"));
        assert!(is_resource_name("rg_(prod).east"));
        assert!(!is_resource_name("ends."));
        assert!(!is_resource_name(&"a".repeat(91)));
        assert!(!is_resource_name("a/b"));
        assert!(is_region(DEFAULT_REGION) && is_region(" WestEurope "));
        assert!(!is_region("usgovvirginia"), "a US Government cloud region");
        assert!(REGIONS.windows(2).all(|w| w[0] < w[1]), "sorted, as the form lists them");
        assert!(AzureCloud::Public.supports_registration());
        for other in [AzureCloud::China, AzureCloud::Germany, AzureCloud::UsGovernment] {
            assert!(!other.supports_registration(), "{other}");
        }
        assert_eq!("AzureUSGovernment".parse(), Ok(AzureCloud::UsGovernment));
        assert_eq!(serde_json::to_value(BillingModel::PayAsYouUse).unwrap(), "PayAsYouUse");
        assert_eq!(serde_json::to_value(RegistrationStatus::Activated).unwrap(), "activated");
    }

    #[test]
    fn capacity_covers_the_reported_cores_or_says_how_many_are_missing() {
        assert_eq!(missing_cores(64, 48), 0);
        assert_eq!(missing_cores(64, 64), 0);
        assert_eq!(missing_cores(64, 80), 16);
    }
}
