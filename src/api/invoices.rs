use portal_domain::Collection;
use portal_domain::invoice::{
    BillingLineItem, CloseFailure, DailyRatedUsageLineItem, Invoice, InvoiceSummary, NewAmendment,
    NewPayment, Payment,
};

use super::{ApiClient, ApiError, Method, encode, parse};

/// Which invoices the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceFilter {
    /// `YYYY-MM`.
    pub period: String,
    /// An `InvoiceStatus` spelling, or empty for all.
    pub status: String,
}

/// How the usage line table asks for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageLineQuery {
    pub by_cost: bool,
    pub descending: bool,
    pub filter: String,
}

/// The path of a page of usage lines (without the seek operation).
fn usage_path(base: &str, query: &UsageLineQuery, size: usize) -> String {
    let mut path = format!(
        "{base}?provider=onetime&invoicelineitemtype=usagelineitems&size={size}&sort={}&order={}",
        if query.by_cost { "cost" } else { "usageDate" },
        if query.descending { "desc" } else { "asc" },
    );
    if !query.filter.trim().is_empty() {
        path.push_str(&format!("&filter={}", encode(query.filter.trim())));
    }
    path
}

impl ApiClient {
    /// A page of invoices, newest first; the second value says whether more follow.
    pub async fn invoices(
        &self,
        filter: &InvoiceFilter,
        offset: usize,
        size: usize,
    ) -> Result<(Vec<Invoice>, bool), ApiError> {
        let mut path = format!("/invoices?size={size}&offset={offset}");
        if !filter.period.is_empty() {
            path.push_str(&format!("&period={}", encode(&filter.period)));
        }
        if !filter.status.is_empty() {
            path.push_str(&format!("&status={}", encode(&filter.status)));
        }
        let page: Collection<Invoice> = self.get(&path).await?;
        Ok((page.items, page.links.next.is_some()))
    }

    /// Customers the monthly close could not invoice (partner billing and global admins).
    pub async fn close_failures(&self) -> Result<Vec<CloseFailure>, ApiError> {
        Ok(self.get::<Collection<CloseFailure>>("/invoices/closefailures").await?.items)
    }

    pub async fn invoice_summaries(&self) -> Result<Vec<InvoiceSummary>, ApiError> {
        Ok(self.get::<Collection<InvoiceSummary>>("/invoices/summaries").await?.items)
    }

    pub async fn invoice(&self, id: &str) -> Result<Invoice, ApiError> {
        self.get(&format!("/invoices/{}", encode(id))).await
    }

    /// Every billing line of the invoice (an invoice has a few hundred at most).
    pub async fn billing_lines(&self, id: &str) -> Result<Vec<BillingLineItem>, ApiError> {
        let path = format!(
            "/invoices/{}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=2000",
            encode(id)
        );
        self.get_all_by_offset(&path).await
    }

    /// A page of the invoice's usage lines after `token`; the token of the next page, if any.
    pub async fn usage_lines(
        &self,
        id: &str,
        query: &UsageLineQuery,
        size: usize,
        token: Option<&str>,
    ) -> Result<(Vec<DailyRatedUsageLineItem>, Option<String>), ApiError> {
        let path = usage_path(&format!("/invoices/{}/lineitems", encode(id)), query, size);
        let text = match token {
            Some(token) => {
                let next = format!("{path}&seekOperation=Next");
                self.call(Method::Get, &next, None, &[("MS-ContinuationToken", token)]).await?
            }
            None => self.call(Method::Get, &path, None, &[]).await?,
        };
        let page: Collection<DailyRatedUsageLineItem> = parse(&text)?;
        Ok((page.items, page.continuation_token))
    }

    /// What the month in progress bills the customer so far.
    pub async fn unbilled_lines(
        &self,
        customer_id: &str,
    ) -> Result<Vec<BillingLineItem>, ApiError> {
        let path = format!(
            "/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&period=current&customerId={}",
            encode(customer_id)
        );
        Ok(self.get::<Collection<BillingLineItem>>(&path).await?.items)
    }

    pub async fn invoice_payments(&self, id: &str) -> Result<Vec<Payment>, ApiError> {
        Ok(self
            .get::<Collection<Payment>>(&format!("/invoices/{}/payments", encode(id)))
            .await?
            .items)
    }

    /// Sent with `request_id`: a retry after a lost answer records the payment once.
    pub async fn record_payment(
        &self,
        id: &str,
        payment: &NewPayment,
        request_id: &str,
    ) -> Result<Payment, ApiError> {
        self.post_once(&format!("/invoices/{}/payments", encode(id)), payment, request_id).await
    }

    /// Issues a void or adjustment note for the invoice; sent with `request_id`, a retry after a
    /// lost answer finds the note instead of issuing another.
    pub async fn amend_invoice(
        &self,
        id: &str,
        amendment: &NewAmendment,
        request_id: &str,
    ) -> Result<Invoice, ApiError> {
        self.post_once(&format!("/invoices/{}/amendments", encode(id)), amendment, request_id).await
    }

    /// The API address of an invoice's PDF statement.
    pub fn statement_path(id: &str) -> String {
        format!("/invoices/{}/documents/statement", encode(id))
    }

    /// The API address of the CSV export of an invoice's usage or billing lines.
    pub fn export_path(id: &str, usage: bool) -> String {
        let kind = if usage { "usagelineitems" } else { "billinglineitems" };
        format!("/invoices/{}/lineitems/export?invoicelineitemtype={kind}", encode(id))
    }
}
