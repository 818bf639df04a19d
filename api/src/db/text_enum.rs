//! `text_enum!`: a closed set of values (a status, a role, a kind) stored in a text column.
//!
//! One declaration gives the Rust enum, its wire form (serde and OpenAPI use the same names as
//! the database) and its diesel mapping on both backends. Reading a value the enum does not
//! know is an error (a deserialization error, answered as a 500 and logged), never a silent
//! fallback to some default.

/// A stored value that is not one of the enum's names.
#[derive(Debug, thiserror::Error)]
#[error("{value:?} is not a known {type_name}")]
pub struct UnknownValue {
    pub type_name: &'static str,
    pub value: String,
}

/// Declares an enum whose variants are stored as the given texts. Attributes and doc comments on
/// the enum and its variants are kept (utoipa reads the docs).
///
/// ```ignore
/// text_enum! {
///     /// Where a contribution stands.
///     pub enum ContributionStatus {
///         Submitted = "submitted",
///         Published = "published",
///     }
/// }
/// ```
#[macro_export]
macro_rules! text_enum {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $variant_doc:literal])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
            ::diesel::AsExpression, ::diesel::FromSqlRow,
        )]
        #[diesel(sql_type = ::diesel::sql_types::Text)]
        $vis enum $name {
            $( $(#[doc = $variant_doc])* #[serde(rename = $text)] $variant, )+
        }

        // By hand rather than derived: utoipa's derive does not see a `serde(rename)` that a
        // macro wrote, and this way every value's meaning reaches the document too.
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                let mut description = String::from(concat!($($doc, "\n"),*).trim_ascii());
                let values: &[(&str, &str)] = &[$(($text, concat!($($variant_doc, " "),*).trim_ascii())),+];
                if values.iter().any(|(_, meaning)| !meaning.is_empty()) {
                    description.push_str("\n\n");
                    for (value, meaning) in values {
                        description.push_str(&format!("- `{value}`: {meaning}\n"));
                    }
                }
                ::utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::SchemaType::Type(
                        ::utoipa::openapi::schema::Type::String,
                    ))
                    .enum_values(Some([$($text),+]))
                    .description(Some(description.trim_end().to_owned()))
                    .into()
            }
        }

        impl ::utoipa::ToSchema for $name {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and wire name.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::db::text_enum::UnknownValue;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                match raw {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::db::text_enum::UnknownValue {
                        type_name: stringify!($name),
                        value: raw.to_owned(),
                    }),
                }
            }
        }

        impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, ::diesel::pg::Pg>,
            ) -> ::diesel::serialize::Result {
                <str as ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, ::diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, ::diesel::sqlite::Sqlite>,
            ) -> ::diesel::serialize::Result {
                out.set_value(self.as_str());
                Ok(::diesel::serialize::IsNull::No)
            }
        }

        impl ::diesel::serialize::ToSql<::diesel::sql_types::Text, $crate::db::MultiBackend> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, $crate::db::MultiBackend>,
            ) -> ::diesel::serialize::Result {
                out.set_value((::diesel::sql_types::Text, self));
                Ok(::diesel::serialize::IsNull::No)
            }
        }

        impl ::diesel::deserialize::FromSql<::diesel::sql_types::Text, ::diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <::diesel::pg::Pg as ::diesel::backend::Backend>::RawValue<'_>,
            ) -> ::diesel::deserialize::Result<Self> {
                let raw = <String as ::diesel::deserialize::FromSql<
                    ::diesel::sql_types::Text,
                    ::diesel::pg::Pg,
                >>::from_sql(bytes)?;
                Ok(raw.parse()?)
            }
        }

        impl ::diesel::deserialize::FromSql<::diesel::sql_types::Text, ::diesel::sqlite::Sqlite> for $name {
            fn from_sql(
                bytes: <::diesel::sqlite::Sqlite as ::diesel::backend::Backend>::RawValue<'_>,
            ) -> ::diesel::deserialize::Result<Self> {
                let raw = <String as ::diesel::deserialize::FromSql<
                    ::diesel::sql_types::Text,
                    ::diesel::sqlite::Sqlite,
                >>::from_sql(bytes)?;
                Ok(raw.parse()?)
            }
        }

        impl ::diesel::deserialize::FromSql<::diesel::sql_types::Text, $crate::db::MultiBackend> for $name {
            fn from_sql(
                bytes: <$crate::db::MultiBackend as ::diesel::backend::Backend>::RawValue<'_>,
            ) -> ::diesel::deserialize::Result<Self> {
                bytes.from_sql::<Self, ::diesel::sql_types::Text>()
            }
        }
    };
}
