//! The words for the domain's values (a role, a status, a problem with a field), built from the
//! strings of [`Messages`].

use portal_domain::BillingCycle;
use portal_domain::Role;
use portal_domain::azure_stack::{BillingModel, Problem, RegistrationStatus};
use portal_domain::cart::{
    LineProblem, ORDER_ERROR_CART_ITEMS, ORDER_ERROR_LEGACY_AZURE, ORDER_ERROR_LIMIT_REACHED,
    OrderError,
};
use portal_domain::catalog::UnitType;
use portal_domain::defender::{DefenderPlanStatus, SensorNameProblem};
use portal_domain::lifecycle::Refusal;
use portal_domain::order::{OrderStatus, ProvisioningFailure};
use portal_domain::relationship::{DelegatedRole, RelationshipStatus};
use portal_domain::subscription::{EventKind, SubscriptionEvent, SubscriptionStatus};
use portal_domain::upgrade::NotEligible;
use portal_domain::users::SubscriptionRole;
use portal_domain::validation::Violation;
use portal_domain::{ErrorCode, FieldError};

use super::Messages;

impl Messages {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::GlobalAdmin => self.role_global_admin,
            Role::AdminAgent => self.role_admin_agent,
            Role::SalesAgent => self.role_sales_agent,
            Role::BillingAdmin => self.role_billing_admin,
            Role::CustomerAdmin => self.role_customer_admin,
            Role::CustomerReader => self.role_customer_reader,
        }
    }

    /// What a form shows under a field the shared rules refused.
    pub fn violation(&self, violation: Violation) -> String {
        match violation {
            Violation::Required => self.field_required.to_owned(),
            Violation::NotAnEmail => self.field_not_an_email.to_owned(),
            Violation::NotADomain => self.field_not_a_domain.to_owned(),
            Violation::NotAVatNumber => self.field_not_a_vat_number.to_owned(),
            Violation::NotALanguage => self.field_not_a_language.to_owned(),
            Violation::TooLong { max } => (self.field_too_long)(&max.to_string()),
            Violation::TooShort { min } => (self.field_too_short)(&min.to_string()),
            Violation::NotARole => self.field_not_a_role.to_owned(),
            Violation::NotAState => self.error_invalid_input.to_owned(),
        }
    }

    /// A commitment length in words (`1 year`); the ISO code if it is one we do not name.
    pub fn term(&self, duration: &str) -> String {
        match duration {
            "P1M" => self.term_p1m.to_owned(),
            "P1Y" => self.term_p1y.to_owned(),
            "P3Y" => self.term_p3y.to_owned(),
            other => other.to_owned(),
        }
    }

    /// `1 year, billed monthly`: a term and billing cycle as a customer chooses them.
    pub fn offer_option(&self, duration: &str, cycle: BillingCycle) -> String {
        (self.offer_option)(&self.term(duration), self.billed(cycle))
    }

    /// `billed monthly`: how often a subscription is charged.
    pub fn billed(&self, cycle: BillingCycle) -> &'static str {
        match cycle {
            BillingCycle::Monthly => self.billed_monthly,
            BillingCycle::Annual => self.billed_annually,
            BillingCycle::None => self.free_trial,
        }
    }

    /// `per user per month`: what one unit price buys.
    pub fn price_unit(&self, unit: UnitType, cycle: BillingCycle) -> &'static str {
        match (unit, cycle) {
            (_, BillingCycle::None) => self.per_trial,
            (UnitType::Licenses | UnitType::UsageBased, BillingCycle::Monthly) => {
                self.per_user_month
            }
            (UnitType::Licenses | UnitType::UsageBased, BillingCycle::Annual) => self.per_user_year,
            (UnitType::DeviceBlocks, BillingCycle::Monthly) => self.per_block_month,
            (UnitType::DeviceBlocks, BillingCycle::Annual) => self.per_block_year,
            (UnitType::Cores, BillingCycle::Monthly) => self.per_core_month,
            (UnitType::Cores, BillingCycle::Annual) => self.per_core_year,
        }
    }

    pub fn quantity_label(&self, unit: UnitType) -> &'static str {
        match unit {
            UnitType::Licenses | UnitType::UsageBased => self.quantity_users,
            UnitType::DeviceBlocks => self.quantity_device_blocks,
            UnitType::Cores => self.quantity_cores,
        }
    }

    pub fn billing_cycle(&self, cycle: BillingCycle) -> &'static str {
        match cycle {
            BillingCycle::Monthly => self.billing_monthly,
            BillingCycle::Annual => self.billing_annual,
            BillingCycle::None => self.billing_none,
        }
    }

    /// What is wrong with a cart line, for the person filling the cart.
    pub fn line_problem(&self, problem: &LineProblem) -> String {
        match problem {
            LineProblem::UnknownCatalogItem => self.problem_unknown_item.to_owned(),
            LineProblem::QuantityBelowMinimum { minimum } => {
                (self.problem_quantity_min)(&minimum.to_string())
            }
            LineProblem::QuantityAboveMaximum { maximum } => {
                (self.problem_quantity_max)(&maximum.to_string())
            }
            LineProblem::BillingCycleNotSupported { .. } => self.problem_billing_cycle.to_owned(),
            LineProblem::TermNotOffered { .. } => self.problem_term.to_owned(),
            LineProblem::LegacyAzureSubscription => self.problem_legacy_azure.to_owned(),
        }
    }

    /// Why an order group of a checkout was not ordered; the server's words when we have none.
    pub fn order_error(&self, error: &OrderError) -> String {
        let reason = match error.code {
            ORDER_ERROR_CART_ITEMS => self.order_error_lines.to_owned(),
            ORDER_ERROR_LIMIT_REACHED => self.order_error_azure_plan.to_owned(),
            ORDER_ERROR_LEGACY_AZURE => self.order_error_legacy_azure.to_owned(),
            _ => error.description.clone(),
        };
        let number =
            error.order_group_id.parse::<u32>().map(|n| (n + 1).to_string()).unwrap_or_default();
        (self.order_group_failed)(&number, &reason)
    }

    pub fn order_status(&self, status: OrderStatus) -> &'static str {
        match status {
            OrderStatus::Pending => self.order_status_pending,
            OrderStatus::Completed => self.order_status_completed,
            OrderStatus::Cancelled => self.order_status_cancelled,
            OrderStatus::Failed => self.order_status_failed,
        }
    }

    /// Why an order could not be provisioned, and what to do.
    pub fn provisioning_failure(&self, failure: ProvisioningFailure) -> &'static str {
        match failure {
            ProvisioningFailure::NoActiveReseller => self.failure_no_active_reseller,
        }
    }

    pub fn subscription_status(&self, status: SubscriptionStatus) -> &'static str {
        match status {
            SubscriptionStatus::Pending => self.subscription_status_pending,
            SubscriptionStatus::Active => self.subscription_status_active,
            SubscriptionStatus::Suspended => self.subscription_status_suspended,
            SubscriptionStatus::Deleted => self.subscription_status_deleted,
        }
    }

    /// Why a subscription change cannot be made, for a rule the browser checks itself.
    pub fn refusal(&self, refusal: &Refusal) -> String {
        match refusal {
            Refusal::QuantityOutOfRange { minimum, maximum } => {
                (self.refusal_quantity_range)(&minimum.to_string(), &maximum.to_string())
            }
            Refusal::DecreaseOutsideRefundWindow => self.refusal_decrease_window.to_owned(),
            Refusal::NameRequired => self.field_required.to_owned(),
            Refusal::NameTooLong { max } => (self.field_too_long)(&max.to_string()),
            _ => self.refusal_other.to_owned(),
        }
    }

    /// Why the server refused a subscription change (`ApiError::Refused`). For an Azure plan
    /// with active Azure subscriptions, `fields` names them.
    pub fn refused(&self, code: &str, fields: &[FieldError]) -> String {
        match ErrorCode::from_code(code) {
            Some(ErrorCode::AzurePlanHasActiveSubscriptions) => {
                let names: Vec<&str> = fields.iter().map(|f| f.message.as_str()).collect();
                (self.suspend_plan_blocked)(&names.join(", "))
            }
            Some(ErrorCode::QuantityCannotDecrease) => self.refusal_decrease_window.to_owned(),
            Some(ErrorCode::SuspendedCannotChange) => self.refusal_suspended.to_owned(),
            Some(ErrorCode::DeletedCannotChange) => self.refusal_deleted.to_owned(),
            Some(ErrorCode::OrderInProgress) => self.refusal_provisioning.to_owned(),
            Some(ErrorCode::QuantityNotChangeable) => self.refusal_usage_quantity.to_owned(),
            _ => self.refusal_other.to_owned(),
        }
    }

    /// A 409 the user can act on, in their language; `None` leaves the server's description.
    pub fn conflict(&self, code: &str, fields: &[FieldError]) -> Option<String> {
        let text = match ErrorCode::from_code(code)? {
            ErrorCode::SensorsAttached => {
                let names: Vec<&str> = fields.iter().map(|f| f.message.as_str()).collect();
                return Some((self.sensors_block_offboarding)(&names.join(", ")));
            }
            ErrorCode::DefenderPlanExists => self.conflict_plan_exists,
            ErrorCode::TrialAlreadyUsed => self.conflict_trial_used,
            ErrorCode::AzureSubscriptionNotActive => self.conflict_azure_not_active,
            ErrorCode::SensorExists => self.conflict_sensor_exists,
            ErrorCode::InvitationClosed => self.conflict_invitation_closed,
            ErrorCode::AccountExists => self.conflict_account_exists,
            ErrorCode::RelationshipConflict => self.conflict_relationship_changed,
            ErrorCode::RegistrationExists => self.conflict_registration_exists,
            ErrorCode::CapacityNotCovered => self.conflict_capacity_not_covered,
            _ => return None,
        };
        Some(text.to_owned())
    }

    pub fn defender_status(&self, status: DefenderPlanStatus) -> &'static str {
        match status {
            DefenderPlanStatus::Active => self.defender_active,
            DefenderPlanStatus::Expired => self.defender_expired,
            DefenderPlanStatus::Offboarded => self.defender_offboarded,
        }
    }

    pub fn sensor_problem(&self, problem: SensorNameProblem) -> String {
        match problem {
            SensorNameProblem::Required => self.field_required.to_owned(),
            SensorNameProblem::TooLong { max } => (self.field_too_long)(&max.to_string()),
            SensorNameProblem::InvalidCharacters => self.sensor_name_invalid.to_owned(),
        }
    }

    /// One line of a subscription's history in words.
    pub fn event(&self, event: &SubscriptionEvent) -> String {
        let old = event.old_value.as_deref().unwrap_or_default();
        let new = event.new_value.as_deref().unwrap_or_default();
        match event.kind {
            EventKind::Created => (self.event_created)(new),
            EventKind::Renamed => (self.event_renamed)(old, new),
            EventKind::QuantityChanged => (self.event_quantity)(old, new),
            EventKind::AutoRenewChanged if new == "true" => self.event_auto_renew_on.to_owned(),
            EventKind::AutoRenewChanged => self.event_auto_renew_off.to_owned(),
            EventKind::Suspended => self.event_suspended.to_owned(),
            EventKind::Reactivated => self.event_reactivated.to_owned(),
            EventKind::Cancelled => self.event_cancelled.to_owned(),
            EventKind::AzureSubscriptionAdded => (self.event_azure_added)(new),
            EventKind::AzureSubscriptionCancelled => (self.event_azure_cancelled)(new),
            EventKind::Upgraded => self.event_upgraded.to_owned(),
            EventKind::Other => self.event_other.to_owned(),
        }
    }

    /// A product family's name (`productType.id`); the catalog's own name for one we do not know.
    pub fn family(&self, id: &str, display_name: &str) -> String {
        match id {
            "Azure" => self.family_azure.to_owned(),
            "AzureStack" => self.family_azure_stack.to_owned(),
            "OnlineServices" => self.family_online_services.to_owned(),
            _ => display_name.to_owned(),
        }
    }

    /// What a delegated role lets the partner do, as a list item.
    pub fn delegated_role(&self, role: DelegatedRole) -> &'static str {
        match role {
            DelegatedRole::Purchasing => self.relationships().role_purchasing,
            DelegatedRole::Billing => self.relationships().role_billing,
            DelegatedRole::UserAdministration => self.relationships().role_user_administration,
        }
    }

    /// A delegated role's short name, for a table.
    pub fn delegated_role_name(&self, role: DelegatedRole) -> &'static str {
        match role {
            DelegatedRole::Purchasing => self.relationships().access_purchasing,
            DelegatedRole::Billing => self.relationships().access_billing,
            DelegatedRole::UserAdministration => self.relationships().access_user_administration,
        }
    }

    pub fn subscription_role(&self, role: SubscriptionRole) -> &'static str {
        match role {
            SubscriptionRole::Owner => self.users().role_owner,
            SubscriptionRole::Contributor => self.users().role_contributor,
            SubscriptionRole::Reader => self.users().role_reader,
        }
    }

    pub fn relationship_status(&self, status: RelationshipStatus) -> &'static str {
        let t = self.relationships();
        match status {
            RelationshipStatus::Pending => t.status_pending,
            RelationshipStatus::Active => t.status_active,
            RelationshipStatus::Declined => t.status_declined,
            RelationshipStatus::Ended => t.status_ended,
            RelationshipStatus::Expired => t.status_expired,
        }
    }

    pub fn billing_model(&self, model: BillingModel) -> &'static str {
        let t = self.azure_stack();
        match model {
            BillingModel::PayAsYouUse => t.model_pay_as_you_use,
            BillingModel::Capacity => t.model_capacity,
            BillingModel::Development => t.model_development,
        }
    }

    pub fn registration_status(&self, status: RegistrationStatus) -> &'static str {
        let t = self.azure_stack();
        match status {
            RegistrationStatus::Registered => t.status_registered,
            RegistrationStatus::Activated => t.status_activated,
            RegistrationStatus::Expired => t.status_expired,
            RegistrationStatus::Removed => t.status_removed,
        }
    }

    /// Why a customer cannot be upgraded to an Azure plan now, in words.
    pub fn upgrade_refusal(&self, reason: NotEligible) -> &'static str {
        match reason {
            NotEligible::UpgradeInProgress => self.upgrade().refused_in_progress,
            NotEligible::NoLegacySubscription => self.upgrade().refused_no_legacy,
            NotEligible::HasAzurePlan => self.upgrade().refused_has_plan,
        }
    }

    /// A registration's field refused by the domain rules, in words.
    pub fn registration_problem(&self, problem: Problem) -> String {
        let t = self.azure_stack();
        match problem {
            Problem::AgreementNumberRequired => t.problem_agreement_required.to_owned(),
            Problem::AgreementNumberUnused => t.problem_agreement_unused.to_owned(),
            Problem::NotAnAgreementNumber => t.problem_not_agreement.to_owned(),
            Problem::NotACloudId => t.problem_cloud_id.to_owned(),
            Problem::NotAName | Problem::NotAResourceGroup => t.problem_name.to_owned(),
            Problem::NotARegion => t.problem_region.to_owned(),
            Problem::NodeCount { max } => (t.problem_nodes)(&max.to_string()),
            Problem::DisconnectedPayAsYouUse => t.problem_disconnected_payg.to_owned(),
        }
    }

    /// A change in the activity log, in words; its own name for one this build does not know.
    pub fn activity_action<'a>(&self, action: &'a str) -> &'a str {
        let t = self.activity();
        match action {
            "customer.created" => t.customer_created,
            "invitation.issued" => t.invitation_issued,
            "invitation.accepted" => t.invitation_accepted,
            "invitation.declined" => t.invitation_declined,
            "relationship.accepted" => t.relationship_accepted,
            "relationship.ended" => t.relationship_ended,
            "user.added" => t.user_added,
            "user.roles_changed" => t.user_roles_changed,
            "user.deactivated" => t.user_deactivated,
            "user.restored" => t.user_restored,
            "user.renamed" => t.user_renamed,
            "user.password_link_issued" => t.user_password_link_issued,
            "user.password_set" => t.user_password_set,
            "subscription.access_given" => t.subscription_access_given,
            "subscription.access_removed" => t.subscription_access_removed,
            "subscription.renamed" => t.subscription_renamed,
            "subscription.quantity_changed" => t.subscription_quantity_changed,
            "subscription.auto_renew_changed" => t.subscription_auto_renew_changed,
            "subscription.suspended" => t.subscription_suspended,
            "subscription.reactivated" => t.subscription_reactivated,
            "subscription.cancelled" => t.subscription_cancelled,
            "order.placed" => t.order_placed,
            "invoice.payment_recorded" => t.invoice_payment_recorded,
            "api_key.created" => t.api_key_created,
            "api_key.revoked" => t.api_key_revoked,
            "defender.onboarded" => t.defender_onboarded,
            "defender.sensor_added" => t.defender_sensor_added,
            "defender.sensor_deleted" => t.defender_sensor_deleted,
            "invoice.voided" => t.invoice_voided,
            "invoice.adjusted" => t.invoice_adjusted,
            "defender.devices_changed" => t.defender_devices_changed,
            "defender.offboarded" => t.defender_offboarded,
            "budget.changed" => t.budget_changed,
            "subscription.azure_subscription_added" => t.subscription_azure_added,
            "subscription.azure_subscription_cancelled" => t.subscription_azure_cancelled,
            "subscription.upgrade_requested" => t.subscription_upgrade_requested,
            "subscription.registration_requested" => t.subscription_registration_requested,
            "subscription.support_contact_changed" => t.subscription_support_contact_changed,
            "azure_stack.registered" => t.azure_stack_registered,
            "azure_stack.changed" => t.azure_stack_changed,
            "azure_stack.removed" => t.azure_stack_removed,
            other => other,
        }
    }

    /// A kind of change the activity log can be narrowed to.
    pub fn activity_group<'a>(&self, group: &'a str) -> &'a str {
        let t = self.activity();
        match group {
            "customer" => t.group_customer,
            "relationship" => t.group_relationship,
            "invitation" => t.group_invitation,
            "user" => t.group_user,
            "subscription" => t.group_subscription,
            "order" => t.group_order,
            "invoice" => t.group_invoice,
            "api_key" => t.group_api_key,
            "subscription.access" => t.group_subscription_access,
            "defender" => t.group_defender,
            "budget" => t.group_budget,
            "azure_stack" => t.group_azure_stack,
            other => other,
        }
    }

    /// `Page · Billing portal`, for the document title.
    pub fn page_title(&self, page: &str) -> String {
        format!("{page} · {}", self.app_name)
    }
}
