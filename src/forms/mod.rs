//! The GitHub issue forms in `.github/ISSUE_TEMPLATE/` that let someone with only a browser
//! add a JD or comment on one: written from `library/roles.yaml` and the contract's enums
//! (levels, contracts, licences in `schemas/jd.schema.json`), so the dropdowns never drift
//! from what `jdlib validate` accepts. Field ids are part of the interface: the site's links
//! fill fields in by id, and a submitted form is read back by its labels.

mod elements;
mod emit;

use std::path::Path;

use crate::contribute::draft::DEFAULT_LICENCE;
use crate::library::front_matter::{Contract, Family, Level};
use crate::library::roles::RoleRegistry;
use crate::library::schema::JD_SCHEMA;
use elements::{Text, checkboxes, dropdown, input, markdown, textarea};
use emit::Yaml;

/// Where GitHub looks for issue forms, from the repository root.
pub const DIR: &str = ".github/ISSUE_TEMPLATE";
/// The form for adding an advertised JD.
pub const ADD_FORM: &str = "add-a-job-description.yml";
/// The form for commenting on a JD already in the library.
pub const IMPROVE_FORM: &str = "improve-a-job-description.yml";
/// The chooser's settings: no blank issues, and where else to go.
pub const CONFIG: &str = "config.yml";
/// The improve form's field naming the JD (a path or a title).
pub const IMPROVE_JD_FIELD: &str = "jd";
/// The role dropdown's last option, for a role `roles.yaml` does not have yet.
pub const NEW_ROLE_OPTION: &str = "None of these: suggest a new role";
/// The label the add form puts on its issues.
pub const ADD_LABEL: &str = "add-a-jd";
/// The label the improve form puts on its issues.
pub const IMPROVE_LABEL: &str = "jd-comment";
/// The London weighting dropdown's options, the last one the default.
pub const LONDON_WEIGHTING: [&str; 3] = ["yes", "no", "not stated"];

/// Addresses the chooser links to.
#[derive(Clone, Debug)]
pub struct Links {
    /// The contributing guide's page on the forge.
    pub contributing: String,
    /// The library's web site, when it has one.
    pub site: Option<String>,
}

/// One file to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormFile {
    /// From the repository root, with `/`.
    pub path: String,
    /// The whole file.
    pub text: String,
}

/// The three files, in a fixed order.
pub fn generate(registry: &RoleRegistry, links: &Links) -> Vec<FormFile> {
    [
        (ADD_FORM, add_form(registry)),
        (IMPROVE_FORM, improve_form()),
        (CONFIG, config(links)),
    ]
    .into_iter()
    .map(|(name, doc)| FormFile {
        path: format!("{DIR}/{name}"),
        text: format!("{HEADER}{}", doc.render()),
    })
    .collect()
}

/// The files under `root` that are missing or differ from `forms`.
pub fn stale<'a>(root: &Path, forms: &'a [FormFile]) -> Vec<&'a str> {
    forms
        .iter()
        .filter(|f| std::fs::read_to_string(root.join(&f.path)).ok().as_deref() != Some(&f.text))
        .map(|f| f.path.as_str())
        .collect()
}

/// Writes each file under `root` all at once; stops at the first failure, naming the file.
pub fn write(root: &Path, forms: &[FormFile]) -> Result<(), WriteError> {
    for form in forms {
        let path = root.join(&form.path);
        crate::atomic::replace(&path, form.text.as_bytes()).map_err(|source| WriteError {
            path: form.path.clone(),
            source,
        })?;
    }
    Ok(())
}

/// A form file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("writing {path}")]
pub struct WriteError {
    /// The file, from the repository root.
    pub path: String,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

const HEADER: &str = "# Written by `jdlib forms` from library/roles.yaml and the contract: edit those and run it\n# again rather than editing this file (`jdlib forms --check` fails when the two differ).\n";

/// The values of an enum in the JD schema, in contract order.
fn schema_enum(property: &str) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(JD_SCHEMA).expect("the embedded schema is valid JSON");
    schema["properties"][property]["enum"]
        .as_array()
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The role dropdown's options: each role's title (with its id when two roles share a title,
/// so every option names one role), then [`NEW_ROLE_OPTION`].
pub fn role_options(registry: &RoleRegistry) -> Vec<String> {
    let roles = registry.roles();
    let mut options: Vec<String> = roles
        .iter()
        .map(|role| {
            if roles.iter().filter(|r| r.title == role.title).count() > 1 {
                format!("{} ({})", role.title, role.id)
            } else {
                role.title.clone()
            }
        })
        .collect();
    options.push(NEW_ROLE_OPTION.to_owned());
    options
}

fn strings<T: ToString>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

fn add_form(registry: &RoleRegistry) -> Yaml {
    let licences = schema_enum("licence");
    let licence_default = licences.iter().position(|l| l == DEFAULT_LICENCE);
    let new_role = format!("Only if you chose \"{NEW_ROLE_OPTION}\" above.");
    let body = vec![
        markdown(
            "Share a job description (JD) your council advertised, with the salary in the advert. \
             When you submit, jdlib checks it: if all is well it becomes a pull request for a \
             maintainer to review, and if something needs fixing a comment here says what. Edit \
             this issue to fix it, and the check runs again.\n\nBefore you start, remove the \
             names, email addresses and phone numbers of individuals from the text.\n",
        ),
        input(
            &Text {
                id: "council",
                label: "Council",
                description: "The council that advertised the post, as people write its name.",
            },
            "Leeds City Council",
            true,
        ),
        input(
            &Text {
                id: "title",
                label: "Job title as advertised",
                description: "",
            },
            "Senior Data Analyst",
            true,
        ),
        dropdown(
            &Text {
                id: "role",
                label: "Role",
                description: "The library's role this post is a version of.",
            },
            &role_options(registry),
            None,
            true,
        ),
        input(
            &Text {
                id: "new-role",
                label: "New role: its usual job title",
                description: &new_role,
            },
            "",
            false,
        ),
        dropdown(
            &Text {
                id: "new-role-family",
                label: "New role: its family",
                description: &new_role,
            },
            &strings(Family::ALL),
            None,
            false,
        ),
        input(
            &Text {
                id: "new-role-summary",
                label: "New role: what it is for, in one sentence",
                description: &new_role,
            },
            "",
            false,
        ),
        dropdown(
            &Text {
                id: "level",
                label: "Level",
                description: "How senior the post is.",
            },
            &strings(Level::ALL),
            None,
            true,
        ),
        input(
            &Text {
                id: "advertised",
                label: "Advert date",
                description: "The date the post was advertised, as YYYY-MM-DD.",
            },
            "2024-06-03",
            true,
        ),
        input(
            &Text {
                id: "salary",
                label: "Salary as advertised",
                description: "Exactly as the advert says it, with the period.",
            },
            "£38,296 - £41,418 per annum",
            true,
        ),
        input(
            &Text {
                id: "hours",
                label: "Hours a week",
                description: "The full-time week the salary assumes, if the advert says.",
            },
            "37",
            false,
        ),
        input(
            &Text {
                id: "grade",
                label: "Grade",
                description: "The council's grade, if the advert gives one.",
            },
            "PO4",
            false,
        ),
        dropdown(
            &Text {
                id: "london-weighting",
                label: "London weighting included",
                description: "Whether the salary includes London weighting.",
            },
            &strings(&LONDON_WEIGHTING),
            Some(LONDON_WEIGHTING.len() - 1),
            false,
        ),
        dropdown(
            &Text {
                id: "contract",
                label: "Contract",
                description: "",
            },
            &strings(Contract::ALL),
            None,
            false,
        ),
        input(
            &Text {
                id: "url",
                label: "Advert web address",
                description: "",
            },
            "https://",
            false,
        ),
        textarea(
            &Text {
                id: "text",
                label: "The JD's text",
                description: "Paste the JD as Markdown or plain text. Or leave this empty and \
                              attach the Word document below; if you give both, this text is used.",
            },
            "",
            false,
        ),
        textarea(
            &Text {
                id: "word-file",
                label: "Or the Word document",
                description: "Drag the .docx file into this box to attach it.",
            },
            "",
            false,
        ),
        dropdown(
            &Text {
                id: "licence",
                label: "Licence",
                description: "The licence the JD is shared under. Councils' own documents are \
                              usually under the Open Government Licence (OGL-UK-3.0).",
            },
            &licences,
            licence_default,
            true,
        ),
        checkboxes(
            &Text {
                id: "consent",
                label: "Before you submit",
                description: "",
            },
            &[
                ("I have the right to share this", true),
                (
                    "I removed names, emails and phone numbers of individuals",
                    true,
                ),
            ],
        ),
    ];
    Yaml::Map(vec![
        ("name", Yaml::str("Add a job description")),
        (
            "description",
            Yaml::str("Share a JD your council advertised, without using git."),
        ),
        ("title", Yaml::str("Add a JD: ")),
        ("labels", Yaml::Seq(vec![Yaml::str(ADD_LABEL)])),
        ("body", Yaml::Seq(body)),
    ])
}

fn improve_form() -> Yaml {
    let body = vec![
        markdown(
            "Say what should change in a JD already in the library, and why. A maintainer reads \
             every comment. To make the change yourself, choose \"Suggest a change\" on the JD's \
             page instead.\n",
        ),
        input(
            &Text {
                id: IMPROVE_JD_FIELD,
                label: "Which JD",
                description: "Its file (for example library/data-analyst/model-senior.md) or \
                              its title.",
            },
            "library/data-analyst/model-senior.md",
            true,
        ),
        textarea(
            &Text {
                id: "change",
                label: "What should change, and why",
                description: "",
            },
            "",
            true,
        ),
        textarea(
            &Text {
                id: "wording",
                label: "Suggested wording",
                description: "The text as you would write it, if you have it.",
            },
            "",
            false,
        ),
    ];
    Yaml::Map(vec![
        ("name", Yaml::str("Improve a job description")),
        (
            "description",
            Yaml::str("Comment on a JD in the library: what should change, and why."),
        ),
        ("title", Yaml::str("Comment on ")),
        ("labels", Yaml::Seq(vec![Yaml::str(IMPROVE_LABEL)])),
        ("body", Yaml::Seq(body)),
    ])
}

fn config(links: &Links) -> Yaml {
    let mut contact = vec![Yaml::Map(vec![
        ("name", Yaml::str("Contributing guide")),
        ("url", Yaml::str(links.contributing.as_str())),
        (
            "about",
            Yaml::str("Other ways to add or improve a JD, and the rules every JD follows."),
        ),
    ])];
    if let Some(site) = &links.site {
        contact.push(Yaml::Map(vec![
            ("name", Yaml::str("The library's web site")),
            ("url", Yaml::str(site.as_str())),
            (
                "about",
                Yaml::str("Read every JD, compare salaries and download the data."),
            ),
        ]));
    }
    Yaml::Map(vec![
        // Every issue starts from a form, so each arrives with the facts it needs.
        ("blank_issues_enabled", Yaml::Bool(false)),
        ("contact_links", Yaml::Seq(contact)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::yaml;

    fn registry(text: &str) -> RoleRegistry {
        let (registry, diagnostics) = RoleRegistry::parse("library/roles.yaml", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        registry
    }

    const ROLES: &str = "roles:\n  - id: data-analyst\n    title: Data Analyst\n    family: data\n    summary: Turns data into evidence.\n  - id: data-analyst-2\n    title: Data Analyst\n    family: data\n    summary: Another.\n  - id: product-manager\n    title: \"Product Manager: \\\"digital\\\"\"\n    family: digital\n    summary: Owns a product.\n";

    fn links() -> Links {
        Links {
            contributing: "https://github.com/o/r/blob/main/CONTRIBUTING.md".to_owned(),
            site: Some("https://o.github.io/r/".to_owned()),
        }
    }

    fn parsed(forms: &[FormFile], name: &str) -> serde_json::Value {
        let form = forms
            .iter()
            .find(|f| f.path == format!("{DIR}/{name}"))
            .unwrap();
        yaml::parse_json(&form.text).unwrap_or_else(|e| panic!("{e:?}\n{}", form.text))
    }

    fn element<'a>(form: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
        form["body"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no element {id}"))
    }

    fn options(element: &serde_json::Value) -> Vec<&str> {
        element["attributes"]["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap())
            .collect()
    }

    #[test]
    fn the_role_dropdown_lists_the_registry_then_a_new_role() {
        let forms = generate(&registry(ROLES), &links());
        let add = parsed(&forms, ADD_FORM);
        let role = element(&add, "role");
        assert_eq!(
            options(role),
            [
                "Data Analyst (data-analyst)",
                "Data Analyst (data-analyst-2)",
                "Product Manager: \"digital\"",
                NEW_ROLE_OPTION
            ]
        );
        assert_eq!(role["validations"]["required"], true);
        assert_eq!(element(&add, "new-role")["type"], "input");
        assert_eq!(
            options(element(&add, "new-role-family")),
            strings(Family::ALL)
        );
    }

    #[test]
    fn the_enum_dropdowns_follow_the_contract_and_default_to_the_ogl() {
        let forms = generate(&registry(ROLES), &links());
        let add = parsed(&forms, ADD_FORM);
        assert_eq!(options(element(&add, "level")), strings(Level::ALL));
        assert_eq!(options(element(&add, "contract")), strings(Contract::ALL));
        let licence = element(&add, "licence");
        let licences = options(licence);
        assert_eq!(licences, ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"]);
        let default = usize::try_from(licence["attributes"]["default"].as_u64().unwrap()).unwrap();
        assert_eq!(licences[default], DEFAULT_LICENCE);
        let london = element(&add, "london-weighting");
        assert_eq!(options(london), LONDON_WEIGHTING);
        assert_eq!(london["attributes"]["default"], 2);
    }

    #[test]
    fn both_promises_must_be_ticked_and_the_facts_an_advert_needs_are_required() {
        let forms = generate(&registry(ROLES), &links());
        let add = parsed(&forms, ADD_FORM);
        let consent = element(&add, "consent")["attributes"]["options"]
            .as_array()
            .unwrap();
        assert_eq!(consent.len(), 2);
        assert!(consent.iter().all(|o| o["required"] == true));
        assert!(
            consent[0]["label"]
                .as_str()
                .unwrap()
                .contains("right to share")
        );
        for id in [
            "council",
            "title",
            "role",
            "level",
            "advertised",
            "salary",
            "licence",
        ] {
            assert_eq!(element(&add, id)["validations"]["required"], true, "{id}");
        }
        for id in ["hours", "grade", "contract", "url", "text", "word-file"] {
            assert_eq!(element(&add, id)["validations"]["required"], false, "{id}");
        }
        let ids: Vec<&str> = add["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["id"].as_str())
            .collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
        // GitHub's schema does not check these, but GitHub refuses a form that breaks them.
        let labels: Vec<&str> = add["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["attributes"]["label"].as_str())
            .collect();
        let unique: std::collections::BTreeSet<&str> = labels.iter().copied().collect();
        assert_eq!(unique.len(), labels.len(), "labels are unique: {labels:?}");
    }

    #[test]
    fn the_improve_form_asks_which_jd_what_and_why() {
        let forms = generate(&registry(ROLES), &links());
        let improve = parsed(&forms, IMPROVE_FORM);
        assert_eq!(
            element(&improve, IMPROVE_JD_FIELD)["validations"]["required"],
            true
        );
        assert_eq!(element(&improve, "change")["type"], "textarea");
        assert_eq!(
            element(&improve, "wording")["validations"]["required"],
            false
        );
    }

    #[test]
    fn the_chooser_has_no_blank_issues_and_links_the_guide_and_site() {
        let forms = generate(&registry(ROLES), &links());
        let config = parsed(&forms, CONFIG);
        assert_eq!(config["blank_issues_enabled"], false);
        let urls: Vec<&str> = config["contact_links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["url"].as_str().unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://github.com/o/r/blob/main/CONTRIBUTING.md",
                "https://o.github.io/r/"
            ]
        );
        let no_site = generate(
            &registry(ROLES),
            &Links {
                site: None,
                ..links()
            },
        );
        assert_eq!(
            parsed(&no_site, CONFIG)["contact_links"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn stale_names_missing_and_changed_files_and_write_fixes_them() {
        let dir = tempfile::tempdir().unwrap();
        let forms = generate(&registry(ROLES), &links());
        assert_eq!(stale(dir.path(), &forms).len(), 3);
        write(dir.path(), &forms).unwrap();
        assert!(stale(dir.path(), &forms).is_empty());
        let fewer = generate(
            &registry(&ROLES.replace(
                "Owns a product.",
                "Owns a product.\n  - id: xyz\n    title: Xyz Analyst\n    family: data\n    summary: Xyz.",
            )),
            &links(),
        );
        assert_eq!(stale(dir.path(), &fewer), [format!("{DIR}/{ADD_FORM}")]);
    }
}
