//! Resource types and pure rules shared by the browser app and the server.
//!
//! Everything here follows the Partner Center v1 wire format (camelCase fields, lower snake_case
//! enum values, `attributes.objectType`). The crate is compiled into the wasm bundle, so it stays
//! free of runtime, database and browser dependencies.

pub mod activity;
pub mod azure_stack;
pub mod billing;
pub mod cart;
pub mod catalog;
pub mod csv;
pub mod customer;
pub mod defender;
pub mod envelope;
pub mod error;
pub mod identity;
pub mod invoice;
pub mod lifecycle;
pub mod money;
pub mod order;
pub mod relationship;
pub mod spelling;
pub mod subscription;
pub mod upgrade;
pub mod usage;
pub mod users;
pub mod validation;

pub use billing::{BillingCycle, BillingPeriod};
pub use customer::{
    Address, BillingProfile, CompanyProfile, Customer, CustomerLinks, RelationshipToPartner,
};
pub use envelope::{Attributes, Collection, CollectionLinks, Link, LinkHeader};
pub use error::{ApiErrorBody, ErrorCode};
pub use identity::{LoginRequest, Me, Role};
pub use money::{Amount, Currency};
pub use validation::FieldError;

#[cfg(test)]
mod tests {
    /// Two resource types of one name would share one schema in the API's description, the
    /// later silently replacing the other: each is described under a name of its own
    /// (`schema(as = …)` where two types share a Rust name).
    #[test]
    fn schema_names_are_unique() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut names = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (at, line) in lines.iter().enumerate() {
                if !line.contains("derive(utoipa::ToSchema)") {
                    continue;
                }
                let mut renamed = None;
                for next in &lines[at + 1..] {
                    if let Some(rest) = next.split("schema(as = ").nth(1) {
                        renamed = rest.split(')').next().map(str::to_owned);
                    }
                    let declared = next
                        .trim_start()
                        .strip_prefix("pub struct ")
                        .or_else(|| next.trim_start().strip_prefix("pub enum "));
                    if let Some(declared) = declared {
                        let name: String = declared
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        let name = renamed.take().unwrap_or(name);
                        let file = path.file_name().unwrap().to_string_lossy().into_owned();
                        if let Some(other) = names.insert(name.clone(), file.clone()) {
                            panic!("{name} is described twice: in {other} and in {file}");
                        }
                        break;
                    }
                }
            }
        }
        assert!(names.len() > 100, "{names:?}");
    }
}
