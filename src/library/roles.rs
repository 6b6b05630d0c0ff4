//! The role registry, `library/roles.yaml` (contract §2): which roles JDs may name.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::library::front_matter::Family;
use crate::library::schema::{self, Schema};
use crate::library::yaml::{self, Node, Value};

/// One role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Slug, also the role's folder name.
    pub id: String,
    /// Usual job title.
    pub title: String,
    /// Role family.
    pub family: Family,
    /// Matching role in the government Digital and Data capability framework.
    pub ddat: Option<String>,
    /// Alternative job titles.
    pub aliases: Vec<String>,
    /// What the role is for.
    pub summary: String,
}

/// The roles, in file order, with lookup by id.
#[derive(Clone, Debug, Default)]
pub struct RoleRegistry {
    roles: Vec<Role>,
    by_id: HashMap<String, usize>,
}

impl RoleRegistry {
    /// Parses `roles.yaml`; `path` is only used in diagnostics. Valid roles are kept even when
    /// others are broken, so one typo does not hide every JD's role check.
    pub fn parse(path: &str, text: &str) -> (RoleRegistry, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let doc = match yaml::parse(text) {
            Ok(doc) => doc,
            Err(err) => {
                let pos = err.pos.unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    path,
                    pos.line,
                    pos.column,
                    err.kind.code(),
                    err.message,
                ));
                return (RoleRegistry::default(), diagnostics);
            }
        };
        for issue in schema::check(Schema::Roles, &doc) {
            let pos = issue.pos.unwrap_or_default();
            diagnostics.push(Diagnostic::error(
                path,
                pos.line,
                pos.column,
                issue.code,
                issue.message,
            ));
        }
        let mut registry = RoleRegistry::default();
        let items = match doc.get("roles").map(|n| &n.value) {
            Some(Value::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        for item in items {
            let Some(role) = role_from(item) else {
                continue;
            };
            if let Some(&first) = registry.by_id.get(&role.id) {
                let id_pos = item.get("id").map_or(item.pos, |n| n.pos);
                diagnostics.push(Diagnostic::error(
                    path,
                    id_pos.line,
                    id_pos.column,
                    Code::DuplicateRoleId,
                    format!(
                        "role id `{}` is already used by role {} in this file; ids must be unique",
                        role.id,
                        first + 1
                    ),
                ));
                continue;
            }
            registry.by_id.insert(role.id.clone(), registry.roles.len());
            registry.roles.push(role);
        }
        (registry, diagnostics)
    }

    /// The role with this id.
    pub fn get(&self, id: &str) -> Option<&Role> {
        self.by_id.get(id).map(|&i| &self.roles[i])
    }

    /// Every role, in file order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The one role whose id, title or alias is `name` in any letter case, with spaces for
    /// hyphens; `None` when no role or more than one is named so.
    pub fn named(&self, name: &str) -> Option<&Role> {
        let key = name.trim().to_lowercase();
        let names = |r: &Role| {
            [r.id.replace('-', " "), r.title.to_lowercase()]
                .into_iter()
                .chain(r.aliases.iter().map(|a| a.to_lowercase()))
                .any(|n| n == key || n == key.replace('-', " "))
        };
        let mut found = self.roles.iter().filter(|r| names(r));
        match (found.next(), found.next()) {
            (Some(role), None) => Some(role),
            _ => None,
        }
    }

    /// Every id, for "did you mean".
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|r| r.id.as_str())
    }
}

/// A role from one registry entry, when its required fields have the right shape.
fn role_from(item: &Node) -> Option<Role> {
    let text = |key: &str| item.get(key).and_then(Node::as_str).map(str::to_owned);
    let aliases = match item.get("aliases").map(|n| &n.value) {
        Some(Value::Seq(list)) => list
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    Some(Role {
        id: text("id")?,
        title: text("title")?,
        family: Family::parse(item.get("family")?.as_str()?)?,
        ddat: text("ddat"),
        aliases,
        summary: text("summary")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_roles_and_reports_duplicate_ids() {
        let text = "roles:\n  - id: a\n    title: Role A\n    family: data\n    summary: s\n  - id: a\n    title: Role B\n    family: cyber\n    summary: s\n";
        let (registry, diagnostics) = RoleRegistry::parse("library/roles.yaml", text);
        assert_eq!(registry.roles().len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::DuplicateRoleId);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (6, 9));
    }

    #[test]
    fn a_role_is_named_by_its_id_title_or_alias_in_any_case() {
        let text = "roles:\n  - id: data-analyst\n    title: Data Analyst\n    family: data\n    aliases: [Insight Analyst, Analyst]\n    summary: s\n  - id: data-engineer\n    title: Data Engineer\n    family: data\n    aliases: [Analyst]\n    summary: s\n";
        let (registry, diagnostics) = RoleRegistry::parse("library/roles.yaml", text);
        assert_eq!(diagnostics, vec![]);
        let id = |name: &str| registry.named(name).map(|r| r.id.as_str());
        assert_eq!(id("Data Analyst"), Some("data-analyst"));
        assert_eq!(id("DATA-ANALYST"), Some("data-analyst"));
        assert_eq!(id(" insight analyst "), Some("data-analyst"));
        assert_eq!(id("Data Engineer"), Some("data-engineer"));
        assert_eq!(
            id("Analyst"),
            None,
            "an alias two roles share has no one meaning"
        );
        assert_eq!(id("Analyst Data"), None);
    }

    #[test]
    fn the_bundled_registry_is_valid() {
        let text = include_str!("../../library/roles.yaml");
        let (registry, diagnostics) = RoleRegistry::parse("library/roles.yaml", text);
        assert_eq!(diagnostics, vec![]);
        assert!(registry.get("data-analyst").is_some());
    }
}
