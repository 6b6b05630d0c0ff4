//! A JD as a contributor hands it in: a Markdown or Word file, and the flags that fill in its
//! front matter. Shared by `contribute`, `import` and `propose`.

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::Context;
use crate::cli::FieldArgs;
use crate::contribute::draft::{Draft, Fields};
use crate::library::roles::RoleRegistry;

/// Word files larger than this are refused unread; a JD with a logo is well under a megabyte.
const MAX_DOCX_BYTES: u64 = 50 * 1024 * 1024;

/// The front-matter fields the flags give.
pub(super) fn fields(f: &FieldArgs) -> Fields {
    Fields {
        title: f.title.clone(),
        role: f.role.clone(),
        level: f
            .level
            .map(|l| crate::library::front_matter::Level::from(l).to_string()),
        source: f
            .source
            .map(|s| crate::library::front_matter::Source::from(s).to_string()),
        organisation: f.organisation.clone(),
        advertised: f.advertised.map(|d| d.to_string()),
        salary_min: f.salary_min,
        salary_max: f.salary_max,
        salary_period: f
            .salary_period
            .map(|p| crate::library::front_matter::Period::from(p).to_string()),
        hours_per_week: f.hours,
        fte: f.fte,
        grade: f.grade.clone(),
        london_weighting: f.london_weighting,
        contract: f
            .contract
            .map(|c| crate::library::front_matter::Contract::from(c).to_string()),
        url: f.url.clone(),
        licence: f.licence.clone(),
        location: f.location.clone(),
    }
}

/// A Markdown file's text: at most 1 MiB, and UTF-8.
pub(super) fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if bytes.len() > crate::library::source::MAX_FILE_BYTES {
        bail!(
            "{} is over 1 MiB: a JD is a few kilobytes of Markdown",
            path.display()
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let finding =
            crate::library::check::not_utf8(&path.display().to_string(), e.as_bytes(), at);
        anyhow::anyhow!("{finding}")
    })
}

/// Reads a Word file into a draft and lists on stderr what was guessed and mapped.
pub(super) fn read_docx(
    file: &Path,
    registry: &RoleRegistry,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Draft> {
    let name = file.display().to_string();
    let size = std::fs::metadata(file)
        .with_context(|| format!("reading {name}"))?
        .len();
    if size > MAX_DOCX_BYTES {
        bail!(
            "{name} is {size} bytes, over the 50 MiB a Word JD could need: is it the right file?"
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {name}"))?;
    let imported = crate::import::import_docx(&name, &bytes, registry)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    writeln!(ctx.err, "jdlib: read {name}; check these guesses:")?;
    for guess in &imported.guesses {
        writeln!(
            ctx.err,
            "  {}: {}  (from \"{}\")",
            guess.field, guess.value, guess.from
        )?;
    }
    for (heading, section) in &imported.mapped {
        writeln!(
            ctx.err,
            "  heading \"{heading}\" is the contract's \"## {section}\""
        )?;
    }
    Ok(imported.draft)
}
