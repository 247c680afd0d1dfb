//! The Partner Center error body (reference §1.7) and the stable codes this API answers with.

use serde::{Deserialize, Serialize};

use crate::validation::FieldError;

/// `{"code": "...", "description": "...", "data": [...]}`: every 4xx and 5xx answer has this body.
/// `data` lists the offending fields of a validation error and is empty otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "code": "800002",
    "description": "The request is invalid: 'email' is required.",
    "data": [
        {
            "field": "email",
            "message": "is required"
        }
    ]
}))))]
pub struct ApiErrorBody {
    pub code: String,
    pub description: String,
    #[serde(default)]
    pub data: Vec<FieldError>,
}

/// Every error code the API answers with, with its HTTP status.
///
/// Numeric codes are Partner Center's own where one fits. Codes in the 700000 range are this
/// portal's extensions, documented in the README; they never change meaning once published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// 400: a missing, malformed or out-of-range field; `data` names the fields.
    InvalidInput,
    /// 401: no session, or the session has ended.
    AuthenticationRequired,
    /// 401: the email or password is wrong.
    InvalidCredentials,
    /// 403: signed in, but the role does not allow this.
    AccessDenied,
    /// 404: no such route or resource.
    NotFound,
    /// 404: no such customer, or not one this user may see.
    CustomerNotFound,
    /// 405: the route exists but not with this method.
    MethodNotAllowed,
    /// 413: the request body is larger than the server accepts.
    PayloadTooLarge,
    /// 415: a body was sent without `Content-Type: application/json`.
    UnsupportedMediaType,
    /// 429: too many failed sign-ins for this account; `Retry-After` says when to try again.
    TooManySignInAttempts,
    /// 500: something failed on the server; details are in its logs under the request id.
    UnexpectedError,
    /// 503: the server cannot reach its database; try again shortly.
    ServiceUnavailable,
    /// 404: no such product in this country's catalog.
    ProductNotFound,
    /// 404: the product has no such SKU.
    SkuNotFound,
    /// 404: the SKU has no such availability.
    AvailabilityNotFound,
    /// 404: no such cart for this customer, or it has expired.
    CartNotFound,
    /// 400: the cart has been checked out already.
    CartAlreadySubmitted,
    /// 409: another request is checking this cart out right now; try again shortly.
    CartBeingProcessed,
    /// 404: no such order for this customer.
    OrderNotFound,
    /// 404: no such subscription for this customer.
    SubscriptionNotFound,
    /// 412: the resource changed since its etag was read; read it again.
    EtagMismatch,
    /// 428: this change needs `If-Match` with the resource's etag.
    PreconditionRequired,
    /// 400: the subscription's state does not allow this change now (the description says why).
    ChangeRefused,
    /// 400: quantity can only be decreased within the refund window.
    QuantityCannotDecrease,
    /// 400: a suspended subscription cannot be changed; reactivate it first.
    SuspendedCannotChange,
    /// 400: a cancelled (deleted) subscription cannot be changed.
    DeletedCannotChange,
    /// 400: the quantity is outside what the offer allows.
    QuantityOutOfRange,
    /// 400: change the quantity and the status in separate requests.
    QuantityWithStatusChange,
    /// 400: this subscription's quantity cannot be changed (usage-based).
    QuantityNotChangeable,
    /// 403: an Azure plan with active Azure subscriptions cannot be suspended; `data` lists them.
    AzurePlanHasActiveSubscriptions,
    /// 409: the subscription is still being provisioned; try again shortly.
    OrderInProgress,
    /// 404: no provisioning information for this subscription.
    ProvisioningInfoUnavailable,
    /// 404: no such Azure subscription under this plan.
    EntitlementNotFound,
    /// 409: this Azure subscription is onboarded to Defender for IoT already.
    DefenderPlanExists,
    /// 404: this Azure subscription is not onboarded to Defender for IoT.
    DefenderPlanNotFound,
    /// 409: sensors are still attached; `data` names them. Delete them first.
    SensorsAttached,
    /// 409: a sensor with this name exists already on this Azure subscription.
    SensorExists,
    /// 404: no sensor with this name on this Azure subscription.
    SensorNotFound,
    /// 409: this Azure subscription has had its Defender for IoT trial already.
    TrialAlreadyUsed,
    /// 409: the Azure subscription is cancelled, or its Azure plan is not active.
    AzureSubscriptionNotActive,
    /// 404: no such invoice, or not one this user may see.
    InvoiceNotFound,
    /// 409: the invoice is voided, or already has a void note.
    InvoiceVoided,
    /// 409: the customer has an upgrade of this product family in progress already.
    UpgradeInProgress,
    /// 403: the partner suspended this subscription; only the partner can reactivate it.
    SuspendedByPartner,
    /// 403: a state-changing request came from another site (no allowed `Origin`, no
    /// `X-Requested-With`).
    CrossSiteRequest,
    /// 404: no invitation has this token (mistyped or cut short).
    InvitationNotFound,
    /// 409: the invitation was accepted, declined, replaced by a newer one, or has expired; the
    /// description says which and what to do.
    InvitationClosed,
    /// 409: the customer already has a reseller, or the relationship is not in a state that
    /// allows this; the description says why.
    RelationshipConflict,
    /// 409: an account with this email exists already; its owner signs in instead.
    AccountExists,
    /// 409: the change would leave no active global admin (partner) or customer admin.
    LastAdmin,
    /// 404: no such user in this organization.
    UserNotFound,
    /// 409: the user is deactivated; make them active first.
    UserDeactivated,
    /// 404: no password link has this token.
    PasswordLinkNotFound,
    /// 409: the password link was used, replaced or has expired.
    PasswordLinkClosed,
    /// 404: no Azure Stack Hub registration by this name here.
    RegistrationNotFound,
    /// 409: the deployment, or this registration token, is registered already; the description
    /// names the registration.
    RegistrationExists,
    /// 409: a Capacity deployment reports more cores than the customer's active Azure Stack Hub
    /// capacity covers; the description says how many are missing.
    CapacityNotCovered,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 57] = [
        ErrorCode::InvalidInput,
        ErrorCode::AuthenticationRequired,
        ErrorCode::InvalidCredentials,
        ErrorCode::AccessDenied,
        ErrorCode::NotFound,
        ErrorCode::CustomerNotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::TooManySignInAttempts,
        ErrorCode::UnexpectedError,
        ErrorCode::ServiceUnavailable,
        ErrorCode::ProductNotFound,
        ErrorCode::SkuNotFound,
        ErrorCode::AvailabilityNotFound,
        ErrorCode::CartNotFound,
        ErrorCode::CartAlreadySubmitted,
        ErrorCode::CartBeingProcessed,
        ErrorCode::OrderNotFound,
        ErrorCode::SubscriptionNotFound,
        ErrorCode::EtagMismatch,
        ErrorCode::PreconditionRequired,
        ErrorCode::ChangeRefused,
        ErrorCode::QuantityCannotDecrease,
        ErrorCode::SuspendedCannotChange,
        ErrorCode::DeletedCannotChange,
        ErrorCode::QuantityOutOfRange,
        ErrorCode::QuantityWithStatusChange,
        ErrorCode::QuantityNotChangeable,
        ErrorCode::AzurePlanHasActiveSubscriptions,
        ErrorCode::OrderInProgress,
        ErrorCode::ProvisioningInfoUnavailable,
        ErrorCode::EntitlementNotFound,
        ErrorCode::DefenderPlanExists,
        ErrorCode::DefenderPlanNotFound,
        ErrorCode::SensorsAttached,
        ErrorCode::SensorExists,
        ErrorCode::SensorNotFound,
        ErrorCode::TrialAlreadyUsed,
        ErrorCode::AzureSubscriptionNotActive,
        ErrorCode::InvoiceNotFound,
        ErrorCode::InvoiceVoided,
        ErrorCode::UpgradeInProgress,
        ErrorCode::SuspendedByPartner,
        ErrorCode::CrossSiteRequest,
        ErrorCode::InvitationNotFound,
        ErrorCode::InvitationClosed,
        ErrorCode::RelationshipConflict,
        ErrorCode::AccountExists,
        ErrorCode::LastAdmin,
        ErrorCode::UserNotFound,
        ErrorCode::UserDeactivated,
        ErrorCode::PasswordLinkNotFound,
        ErrorCode::PasswordLinkClosed,
        ErrorCode::RegistrationNotFound,
        ErrorCode::RegistrationExists,
        ErrorCode::CapacityNotCovered,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "800002",
            ErrorCode::AuthenticationRequired => "800001",
            ErrorCode::InvalidCredentials => "700001",
            ErrorCode::AccessDenied => "2032",
            ErrorCode::NotFound => "1000",
            ErrorCode::CustomerNotFound => "60003",
            ErrorCode::MethodNotAllowed => "700003",
            ErrorCode::PayloadTooLarge => "700004",
            ErrorCode::UnsupportedMediaType => "700005",
            ErrorCode::TooManySignInAttempts => "700002",
            ErrorCode::UnexpectedError => "800003",
            ErrorCode::ServiceUnavailable => "700006",
            ErrorCode::ProductNotFound => "400013",
            ErrorCode::SkuNotFound => "400018",
            ErrorCode::AvailabilityNotFound => "400019",
            ErrorCode::CartNotFound => "800008",
            ErrorCode::CartAlreadySubmitted => "800065",
            ErrorCode::CartBeingProcessed => "800064",
            ErrorCode::OrderNotFound => "20000",
            ErrorCode::SubscriptionNotFound => "20003",
            ErrorCode::EtagMismatch => "2055",
            ErrorCode::PreconditionRequired => "700007",
            ErrorCode::ChangeRefused => "800096",
            ErrorCode::QuantityCannotDecrease => "800090",
            ErrorCode::SuspendedCannotChange => "800091",
            ErrorCode::DeletedCannotChange => "2011",
            ErrorCode::QuantityOutOfRange => "2002",
            ErrorCode::QuantityWithStatusChange => "2001",
            ErrorCode::QuantityNotChangeable => "800027",
            ErrorCode::AzurePlanHasActiveSubscriptions => "900115",
            ErrorCode::OrderInProgress => "800060",
            ErrorCode::ProvisioningInfoUnavailable => "800007",
            ErrorCode::EntitlementNotFound => "700008",
            // Our extension's codes (Defender for IoT plans have no Partner Center resource).
            ErrorCode::DefenderPlanExists => "910001",
            ErrorCode::DefenderPlanNotFound => "910002",
            ErrorCode::SensorsAttached => "910003",
            ErrorCode::SensorExists => "910004",
            ErrorCode::SensorNotFound => "910005",
            ErrorCode::TrialAlreadyUsed => "910006",
            ErrorCode::AzureSubscriptionNotActive => "910007",
            ErrorCode::InvoiceNotFound => "920001",
            ErrorCode::InvoiceVoided => "920002",
            ErrorCode::UpgradeInProgress => "930001",
            ErrorCode::SuspendedByPartner => "930002",
            ErrorCode::CrossSiteRequest => "930004",
            ErrorCode::InvitationNotFound => "940001",
            ErrorCode::InvitationClosed => "940002",
            ErrorCode::RelationshipConflict => "940003",
            ErrorCode::AccountExists => "940004",
            ErrorCode::LastAdmin => "940005",
            ErrorCode::UserNotFound => "940006",
            ErrorCode::UserDeactivated => "940007",
            ErrorCode::PasswordLinkNotFound => "940008",
            ErrorCode::PasswordLinkClosed => "940009",
            ErrorCode::RegistrationNotFound => "950001",
            ErrorCode::RegistrationExists => "950002",
            ErrorCode::CapacityNotCovered => "950003",
        }
    }

    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidInput => 400,
            ErrorCode::AuthenticationRequired | ErrorCode::InvalidCredentials => 401,
            ErrorCode::AccessDenied => 403,
            ErrorCode::NotFound | ErrorCode::CustomerNotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::TooManySignInAttempts => 429,
            ErrorCode::UnexpectedError => 500,
            ErrorCode::ServiceUnavailable => 503,
            ErrorCode::ProductNotFound => 404,
            ErrorCode::SkuNotFound => 404,
            ErrorCode::AvailabilityNotFound => 404,
            ErrorCode::CartNotFound => 404,
            ErrorCode::CartAlreadySubmitted => 400,
            ErrorCode::CartBeingProcessed => 409,
            ErrorCode::OrderNotFound => 404,
            ErrorCode::SubscriptionNotFound => 404,
            ErrorCode::EtagMismatch => 412,
            ErrorCode::PreconditionRequired => 428,
            ErrorCode::ChangeRefused => 400,
            ErrorCode::QuantityCannotDecrease => 400,
            ErrorCode::SuspendedCannotChange => 400,
            ErrorCode::DeletedCannotChange => 400,
            ErrorCode::QuantityOutOfRange => 400,
            ErrorCode::QuantityWithStatusChange => 400,
            ErrorCode::QuantityNotChangeable => 400,
            ErrorCode::AzurePlanHasActiveSubscriptions => 403,
            ErrorCode::OrderInProgress => 409,
            ErrorCode::ProvisioningInfoUnavailable => 404,
            ErrorCode::EntitlementNotFound => 404,
            ErrorCode::DefenderPlanExists => 409,
            ErrorCode::DefenderPlanNotFound => 404,
            ErrorCode::SensorsAttached => 409,
            ErrorCode::SensorExists => 409,
            ErrorCode::SensorNotFound => 404,
            ErrorCode::TrialAlreadyUsed => 409,
            ErrorCode::AzureSubscriptionNotActive => 409,
            ErrorCode::InvoiceNotFound => 404,
            ErrorCode::InvoiceVoided => 409,
            ErrorCode::UpgradeInProgress => 409,
            ErrorCode::SuspendedByPartner => 403,
            ErrorCode::CrossSiteRequest => 403,
            ErrorCode::InvitationNotFound => 404,
            ErrorCode::InvitationClosed => 409,
            ErrorCode::RelationshipConflict => 409,
            ErrorCode::AccountExists => 409,
            ErrorCode::LastAdmin => 409,
            ErrorCode::UserNotFound => 404,
            ErrorCode::UserDeactivated => 409,
            ErrorCode::PasswordLinkNotFound => 404,
            ErrorCode::PasswordLinkClosed => 409,
            ErrorCode::RegistrationNotFound => 404,
            ErrorCode::RegistrationExists => 409,
            ErrorCode::CapacityNotCovered => 409,
        }
    }

    /// A subscription change the life cycle rules refused (as opposed to malformed input).
    pub const fn is_refusal(self) -> bool {
        matches!(
            self,
            ErrorCode::ChangeRefused
                | ErrorCode::QuantityCannotDecrease
                | ErrorCode::SuspendedCannotChange
                | ErrorCode::DeletedCannotChange
                | ErrorCode::QuantityOutOfRange
                | ErrorCode::QuantityNotChangeable
                | ErrorCode::AzurePlanHasActiveSubscriptions
                | ErrorCode::OrderInProgress
        )
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let codes: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes.len(), ErrorCode::ALL.len());
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(c.code()), Some(c));
        }
        assert_eq!(ErrorCode::from_code("nope"), None);
    }

    #[test]
    fn statuses_are_client_or_server_errors() {
        for c in ErrorCode::ALL {
            assert!((400..600).contains(&c.http_status()), "{c:?}");
        }
    }

    #[test]
    fn body_without_data_reads_as_empty_list() {
        let body: ApiErrorBody =
            serde_json::from_str(r#"{"code":"1000","description":"Not found."}"#).unwrap();
        assert!(body.data.is_empty());
    }
}
