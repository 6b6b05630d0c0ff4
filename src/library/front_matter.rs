//! The typed front matter of a JD (contract §2). Built only from YAML that has already passed
//! `schemas/jd.schema.json`, so every field here has its contracted shape.

use serde::{Deserialize, Serialize};

use crate::library::yaml::Node;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( #[serde(rename = $text)] #[doc = $text] $variant, )*
        }

        impl $name {
            /// Every value, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The spelling used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the file spelling.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// Seniority, ordered from apprentice to director.
    Level {
        Apprentice => "apprentice", Junior => "junior", Mid => "mid", Senior => "senior",
        Lead => "lead", Principal => "principal", Head => "head", Director => "director",
    }
}

string_enum! {
    /// Where a JD comes from.
    Source { Model => "model", Advertised => "advertised" }
}

string_enum! {
    /// What salary figures are per.
    Period { Year => "year", Day => "day", Hour => "hour" }
}

string_enum! {
    /// Whether salary figures are a real advert's or illustrative.
    Basis { Advertised => "advertised", Indicative => "indicative" }
}

string_enum! {
    /// Role families in `roles.yaml`.
    Family {
        Data => "data", Digital => "digital", Technology => "technology", Cyber => "cyber",
        Innovation => "innovation", Leadership => "leadership",
    }
}

string_enum! {
    /// Type of contract.
    Contract {
        Permanent => "permanent", FixedTerm => "fixed-term", Interim => "interim",
        Apprenticeship => "apprenticeship",
    }
}

/// Advertised pay, as full-time figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    /// Lowest full-time figure.
    pub min: f64,
    /// Highest full-time figure.
    pub max: f64,
    /// What the figures are per.
    pub period: Period,
    /// Full-time week the figures assume, when the advert says.
    pub hours_per_week: Option<f64>,
    /// The post's fraction of full time (information only).
    pub fte: Option<f64>,
    /// The council's grade.
    pub grade: Option<String>,
    /// Whether London weighting is included.
    pub includes_london_weighting: Option<bool>,
    /// Advertised or indicative.
    pub basis: Basis,
}

/// A JD's front matter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Job title as advertised.
    pub title: String,
    /// Role id from the registry.
    pub role: String,
    /// Seniority.
    pub level: Level,
    /// Model or advertised.
    pub source: Source,
    /// GSS code of the advertising authority.
    pub organisation: Option<String>,
    /// Advert date, `YYYY-MM-DD` (checked as a real date separately).
    pub advertised: Option<String>,
    /// Pay.
    pub salary: Option<Salary>,
    /// Licence.
    pub licence: String,
    /// Advert or source page.
    pub url: Option<String>,
    /// Type of contract.
    pub contract: Option<Contract>,
    /// Where the post is based.
    pub location: Option<String>,
}

impl FrontMatter {
    /// Reads front matter that conforms to the schema. `None` only if the schema and this type
    /// disagree, which the tests rule out.
    pub fn from_node(node: &Node) -> Option<FrontMatter> {
        serde_json::from_value(node.to_json()).ok()
    }
}
