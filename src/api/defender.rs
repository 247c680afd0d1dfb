use portal_domain::Collection;
use portal_domain::defender::{
    DefenderPlan, DefenderPlanPatch, NewDefenderPlan, NewSensor, Sensor,
};

use super::{ApiClient, ApiError, encode};

fn plans(customer_id: &str) -> String {
    format!("/customers/{}/defenderplans", encode(customer_id))
}

fn sensors(customer_id: &str, subscription_id: &str) -> String {
    format!("{}/{}/sensors", plans(customer_id), encode(subscription_id))
}

impl ApiClient {
    pub async fn defender_plans(&self, customer_id: &str) -> Result<Vec<DefenderPlan>, ApiError> {
        let page: Collection<DefenderPlan> = self.get(&plans(customer_id)).await?;
        Ok(page.items)
    }

    /// Onboarding the same Azure subscription twice answers 409: a retry cannot charge twice.
    pub async fn onboard(
        &self,
        customer_id: &str,
        plan: &NewDefenderPlan,
    ) -> Result<DefenderPlan, ApiError> {
        self.post(&plans(customer_id), plan).await
    }

    /// The same number sent twice changes nothing more (the server compares it with the plan's).
    pub async fn change_devices(
        &self,
        customer_id: &str,
        subscription_id: &str,
        device_quota: i64,
    ) -> Result<DefenderPlan, ApiError> {
        let path = format!("{}/{}", plans(customer_id), encode(subscription_id));
        self.patch_unversioned(&path, &DefenderPlanPatch { device_quota }).await
    }

    pub async fn offboard(&self, customer_id: &str, subscription_id: &str) -> Result<(), ApiError> {
        self.delete(&format!("{}/{}", plans(customer_id), encode(subscription_id))).await
    }

    pub async fn sensors(
        &self,
        customer_id: &str,
        subscription_id: &str,
    ) -> Result<Vec<Sensor>, ApiError> {
        let page: Collection<Sensor> = self.get(&sensors(customer_id, subscription_id)).await?;
        Ok(page.items)
    }

    pub async fn add_sensor(
        &self,
        customer_id: &str,
        subscription_id: &str,
        name: &str,
    ) -> Result<Sensor, ApiError> {
        let body = NewSensor { name: name.to_owned() };
        self.post(&sensors(customer_id, subscription_id), &body).await
    }

    pub async fn delete_sensor(
        &self,
        customer_id: &str,
        subscription_id: &str,
        name: &str,
    ) -> Result<(), ApiError> {
        self.delete(&format!("{}/{}", sensors(customer_id, subscription_id), encode(name))).await
    }
}
