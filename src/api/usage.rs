use portal_domain::usage::{
    ApiKey, CustomerMonthlyUsageRecord, CustomerUsageSummary, DailyUsage, MeterUsageRecord,
    NewApiKey, PartnerUsageSummary, ResourceUsageRecord, SpendingBudget,
    SubscriptionMonthlyUsageRecord, UsageAlert,
};
use portal_domain::{Amount, Collection};
use serde::Serialize;

use super::{ApiClient, ApiError, Method, encode, parse, to_json};

/// `?period=2026-10` for an earlier month; nothing for the current one.
fn period_query(period: Option<&str>) -> String {
    period.map(|p| format!("?period={}", encode(p))).unwrap_or_default()
}

fn customer(customer_id: &str) -> String {
    format!("/customers/{}", encode(customer_id))
}

/// How the resource table asks for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceQuery {
    pub period: Option<String>,
    pub by_cost: bool,
    pub descending: bool,
    pub filter: String,
}

#[derive(Serialize)]
struct BudgetChange {
    amount: Option<Amount>,
}

impl ApiClient {
    pub async fn usage_summary(
        &self,
        customer_id: &str,
        period: Option<&str>,
    ) -> Result<CustomerUsageSummary, ApiError> {
        self.get(&format!("{}/usagesummary{}", customer(customer_id), period_query(period))).await
    }

    pub async fn daily_usage(
        &self,
        customer_id: &str,
        period: Option<&str>,
    ) -> Result<Vec<DailyUsage>, ApiError> {
        let path = format!("{}/usagesummary/daily{}", customer(customer_id), period_query(period));
        Ok(self.get::<Collection<DailyUsage>>(&path).await?.items)
    }

    /// The month's total per Azure plan.
    pub async fn plan_usage(
        &self,
        customer_id: &str,
        period: Option<&str>,
    ) -> Result<Vec<SubscriptionMonthlyUsageRecord>, ApiError> {
        let path =
            format!("{}/subscriptions/usagerecords{}", customer(customer_id), period_query(period));
        Ok(self.get::<Collection<SubscriptionMonthlyUsageRecord>>(&path).await?.items)
    }

    pub async fn meter_usage(
        &self,
        customer_id: &str,
        plan_id: &str,
        period: Option<&str>,
    ) -> Result<Vec<MeterUsageRecord>, ApiError> {
        let path = format!(
            "{}/subscriptions/{}/meterusagerecords{}",
            customer(customer_id),
            encode(plan_id),
            period_query(period)
        );
        Ok(self.get::<Collection<MeterUsageRecord>>(&path).await?.items)
    }

    /// One page of the plan's resources; the second value says whether more follow.
    pub async fn resource_usage(
        &self,
        customer_id: &str,
        plan_id: &str,
        query: &ResourceQuery,
        offset: usize,
        size: usize,
    ) -> Result<(Vec<ResourceUsageRecord>, bool), ApiError> {
        let mut path = format!(
            "{}/subscriptions/{}/resourceusagerecords?size={size}&offset={offset}&sort={}&order={}",
            customer(customer_id),
            encode(plan_id),
            if query.by_cost { "totalCost" } else { "resourceUri" },
            if query.descending { "desc" } else { "asc" },
        );
        if let Some(period) = &query.period {
            path.push_str(&format!("&period={}", encode(period)));
        }
        if !query.filter.trim().is_empty() {
            path.push_str(&format!("&filter={}", encode(query.filter.trim())));
        }
        let page: Collection<ResourceUsageRecord> = self.get(&path).await?;
        Ok((page.items, page.links.next.is_some()))
    }

    /// `None` removes the budget.
    pub async fn set_budget(
        &self,
        customer_id: &str,
        amount: Option<Amount>,
    ) -> Result<SpendingBudget, ApiError> {
        let body = Some(to_json(&BudgetChange { amount })?);
        let path = format!("{}/usagebudget", customer(customer_id));
        parse(&self.call(Method::Patch, &path, body, &[]).await?)
    }

    pub async fn usage_alerts(
        &self,
        customer_id: &str,
        period: Option<&str>,
    ) -> Result<Vec<UsageAlert>, ApiError> {
        let path = format!("{}/usagealerts{}", customer(customer_id), period_query(period));
        Ok(self.get::<Collection<UsageAlert>>(&path).await?.items)
    }

    /// Every customer's alerts (partner users).
    pub async fn partner_usage_alerts(&self) -> Result<Vec<UsageAlert>, ApiError> {
        Ok(self.get::<Collection<UsageAlert>>("/usagealerts").await?.items)
    }

    pub async fn partner_usage_summary(
        &self,
        period: Option<&str>,
    ) -> Result<PartnerUsageSummary, ApiError> {
        self.get(&format!("/usagesummary{}", period_query(period))).await
    }

    pub async fn customers_usage(
        &self,
        period: Option<&str>,
    ) -> Result<Vec<CustomerMonthlyUsageRecord>, ApiError> {
        let path = format!("/customers/usagerecords{}", period_query(period));
        Ok(self.get::<Collection<CustomerMonthlyUsageRecord>>(&path).await?.items)
    }

    pub async fn api_keys(&self) -> Result<Vec<ApiKey>, ApiError> {
        Ok(self.get::<Collection<ApiKey>>("/apikeys").await?.items)
    }

    /// The answer holds the key itself, this once.
    pub async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey, ApiError> {
        self.post("/apikeys", key).await
    }

    /// Revoking a key already revoked is harmless, so a retry is too.
    pub async fn revoke_api_key(&self, key_id: &str) -> Result<(), ApiError> {
        self.delete(&format!("/apikeys/{}", encode(key_id))).await
    }
}
