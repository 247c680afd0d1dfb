use portal_domain::relationship::{
    AcceptInvitation, CustomerPatch, Invitation, InvitationDetails, InvitationToken, NewInvitation,
    PartnerRelationship, RelationshipRequest, RelationshipRequestDetails,
};
use portal_domain::{Collection, Customer, Me, RelationshipToPartner};

use super::{ApiClient, ApiError, encode};

impl ApiClient {
    /// The partner's general request link, for customers that already use the portal.
    pub async fn relationship_request_link(&self) -> Result<RelationshipRequest, ApiError> {
        self.get("/customers/relationshiprequests").await
    }

    /// A new invitation for the first admin of a customer the partner created.
    pub async fn invite(&self, customer_id: &str) -> Result<Invitation, ApiError> {
        self.post("/invitations", &NewInvitation { customer_id: customer_id.to_owned() }).await
    }

    pub async fn open_invitation(&self, token: &str) -> Result<InvitationDetails, ApiError> {
        self.post("/invitations/open", &InvitationToken { token: token.to_owned() }).await
    }

    /// Accepts the invitation; the answer is the new admin, signed in.
    pub async fn accept_invitation(&self, answer: &AcceptInvitation) -> Result<Me, ApiError> {
        self.post("/invitations/accept", answer).await
    }

    pub async fn decline_invitation(&self, token: &str) -> Result<(), ApiError> {
        self.post_no_answer("/invitations/decline", &InvitationToken { token: token.to_owned() })
            .await
    }

    pub async fn relationship_request(
        &self,
        partner_id: &str,
    ) -> Result<RelationshipRequestDetails, ApiError> {
        self.get(&format!("/relationshiprequests/{}", encode(partner_id))).await
    }

    pub async fn accept_relationship_request(
        &self,
        partner_id: &str,
    ) -> Result<PartnerRelationship, ApiError> {
        self.post(&format!("/relationshiprequests/{}/accept", encode(partner_id)), &()).await
    }

    /// The customer's partners (a partner user gets only its own relationship).
    pub async fn relationships(
        &self,
        customer_id: &str,
    ) -> Result<Vec<PartnerRelationship>, ApiError> {
        let path = format!("/customers/{}/relationships", encode(customer_id));
        self.get::<Collection<PartnerRelationship>>(&path).await.map(|c| c.items)
    }

    pub async fn end_relationship(&self, customer_id: &str) -> Result<Customer, ApiError> {
        let patch = CustomerPatch { relationship_to_partner: RelationshipToPartner::None };
        self.patch_unversioned(&format!("/customers/{}", encode(customer_id)), &patch).await
    }
}
