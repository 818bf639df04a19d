//! The languages the platform speaks.

use crate::text_enum;

text_enum! {
    /// Languages the platform speaks.
    pub enum Locale {
        En = "en",
        De = "de",
    }
}
