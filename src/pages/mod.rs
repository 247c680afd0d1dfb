//! One module per route.

mod customers;
mod not_found;
mod overview;
mod sign_in;

pub use customers::Customers;
pub use not_found::NotFound;
pub use overview::Overview;
pub use sign_in::SignIn;
