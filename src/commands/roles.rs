//! `jdlib roles`: the registry with how many versions each role has.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::cli::{DataFormat, RolesArgs};
use crate::library::front_matter::Basis;
use crate::output::rows::{RoleCsvRow, RoleRow};
use crate::output::{table, write_csv, write_json};
use crate::{Context, Outcome};

/// Runs `roles`.
pub fn run(
    args: &RolesArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let lib = super::load(library, &args.rev, ctx)?;
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for jd in lib.valid_jds() {
        let entry = counts.entry(jd.front.role.as_str()).or_default();
        entry.0 += 1;
        if jd
            .front
            .salary
            .as_ref()
            .is_some_and(|s| s.basis == Basis::Advertised)
        {
            entry.1 += 1;
        }
    }
    let rows: Vec<RoleRow<'_>> = lib
        .registry
        .roles()
        .iter()
        .map(|role| {
            let (versions, advertised) = counts.get(role.id.as_str()).copied().unwrap_or_default();
            RoleRow::new(role, versions, advertised)
        })
        .collect();
    super::note_skipped(&lib, ctx)?;
    match args.format {
        DataFormat::Json => write_json(ctx.out, &rows)?,
        DataFormat::Csv => {
            let rows: Vec<RoleCsvRow<'_>> = rows.into_iter().map(Into::into).collect();
            write_csv(ctx.out, &rows)?;
        }
        DataFormat::Table => {
            let header = [
                "Role",
                "Title",
                "Family",
                "DDaT role",
                "Versions",
                "Advertised pay",
            ];
            let cells = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_owned(),
                        r.title.to_owned(),
                        r.family.to_owned(),
                        r.ddat.unwrap_or("—").to_owned(),
                        r.versions.to_string(),
                        r.advertised_salaries.to_string(),
                    ]
                })
                .collect();
            write!(
                ctx.out,
                "{}",
                table::render(&header, cells, ctx.width, ctx.unicode)
            )?;
            writeln!(ctx.err, "{} roles", rows.len())?;
        }
    }
    Ok(Outcome::Success)
}
