//! Every command-line type in one place, so the whole CLI surface can be reviewed at once.
//! Nothing below `commands/` sees these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::Date;
use crate::library::front_matter::{Contract, Family, Level, Period, Source};
use crate::salary::group::GroupKey;

/// Validate, list, search and summarise the pay of an open library of UK council job
/// descriptions (JDs) kept as Markdown files with YAML front matter in a git repository, and
/// contribute to it as commits and pull requests.
///
/// jdlib finds the library from the current folder upward (the repository root holding
/// `library/`), or from `--library DIR`. See docs/contract.md for the file format.
#[derive(Debug, Parser)]
#[command(
    name = "jdlib",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Folder that holds `library/` (or the `library/` folder itself); default: search upward
    /// from the current folder
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// When to colour output: `auto` colours a terminal unless `NO_COLOR` is set
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Do not read or write jdlib's cache in .git/jdlib/ (it only saves time; results are the
    /// same)
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every JD against the contract and report each problem as path:line:col
    ///
    /// Exit status: 0 when there is no error (warnings allowed), 1 when there is an error,
    /// 2 when the check could not run.
    Validate(ValidateArgs),
    /// Check wording: gender-coded language, excluding phrases, personal data, readability,
    /// structure, acronyms
    ///
    /// Findings use the same forms as `validate`. Severities, thresholds and extra words are set
    /// in jdlib.toml; `<!-- jdlib-lint: allow CODE -->` switches a rule off for the next
    /// paragraph. Exit status: 0 when no finding is an error, 1 when one is, 2 when lint could
    /// not run.
    Lint(LintArgs),
    /// List JDs with their role, level, council, advert date and annual FTE pay
    List(ListArgs),
    /// List the roles in library/roles.yaml with how many JDs each has
    Roles(RolesArgs),
    /// Find JDs by words, phrases and fields, best first, with a line showing why each matched
    ///
    /// Every word must match (in the title, the role's title or aliases, the body or the front
    /// matter; `analyst` also finds `analysts`). "Quoted words" must come in a row, `-word`
    /// leaves out JDs that have it, and `data*` matches words starting with `data`. Filters in
    /// the query: role:ID family: level: org: region: source: since:DATE until:DATE and
    /// salary>=45000 (also >, <=, <; annual full-time-equivalent pay). Exit status: 0 with
    /// hits, 1 with none, 2 on a bad query.
    ///
    /// The index is kept in .git/jdlib/search/ and brought up to date before every search. On
    /// a library of 5,000 JDs or more the first search reads the files directly and builds the
    /// index in the background, and a background watcher then tells later searches which files
    /// changed (`JDLIB_SEARCH_WATCH=never` turns it off, e.g. on network file systems).
    Search(SearchArgs),
    /// Build or update the work tree's search index, then exit: what a first `search` of a
    /// large library starts in the background
    #[command(name = "build-search-index", hide = true)]
    BuildSearchIndex,
    /// Show one JD rendered for the terminal, or all versions of a role side by side
    Show(ShowArgs),
    /// Build the library's web site: every JD and role as pages, salaries, search and open data
    ///
    /// The site is plain files (host it anywhere, e.g. GitHub Pages) with relative links, so it
    /// works under any sub-path; only search needs a web server. JDs with errors are left out
    /// and counted. The output folder is replaced whole, and only if jdlib built it.
    ///
    /// Examples:
    ///   jdlib site                                   # build into site/
    ///   jdlib site --serve                           # build, preview on 127.0.0.1:8000, rebuild on change
    ///   jdlib site --base-url https://example.github.io/jd-library/ --out public
    // The help shows the address as typed, not as a Markdown link.
    #[allow(clippy::doc_markdown)]
    #[command(verbatim_doc_comment)]
    Site(SiteArgs),
    /// Summarise annual full-time-equivalent pay per role, level, council, region or year
    ///
    /// Each group shows n, the lowest minimum, the 25th/50th/75th percentiles of the JDs'
    /// midpoints (as Excel's PERCENTILE.INC) and the highest maximum, and how many figures are
    /// advertised and how many indicative. Groups of fewer than 3 are marked "few data".
    Salaries(SalariesArgs),
    /// Add your council's JDs to the library: checks them, commits them on a new branch,
    /// pushes it and opens a pull request
    ///
    /// Interactive when run in a terminal without `--from`: it asks for each fact in turn and
    /// opens your editor ($VISUAL or $EDITOR) for the text. With `--from FILE.md` it takes a
    /// finished JD, and flags fill in or override its front matter. The commit is built on the
    /// base branch without touching your work tree, index or current branch, so uncommitted
    /// work is safe. Exit status: 0 when committed, 1 when the JD has problems (nothing is
    /// written), 2 when it could not run.
    ///
    /// Examples:
    ///   jdlib contribute
    ///   jdlib contribute --from draft.md --organisation Greenwich --advertised 2024-03-01 --push --pr
    ///   jdlib contribute --from a.md --from b.md --dry-run
    #[command(verbatim_doc_comment)]
    Contribute(Box<ContributeArgs>),
    /// Turn a council's Word JD (.docx) into a library JD, showing every guess
    ///
    /// Headings (Word's heading styles, or bold one-line paragraphs), lists, bold, italic,
    /// links and tables become Markdown; usual council headings ("Job purpose", "Key
    /// accountabilities", "Skills and experience"...) are mapped onto the contract's sections.
    /// The title, pay, grade, hours, contract, level and role are guessed from the text and
    /// listed on stderr to check; flags override them. Exit status: 0 when the JD is complete
    /// and valid, 1 when it was written but still lacks facts or has problems (listed), 2 when
    /// the file could not be read.
    ///
    /// Examples:
    ///   jdlib import advert.docx --organisation Leeds --advertised 2024-06-03 --out draft.md
    ///   jdlib contribute --from advert.docx --organisation Leeds --advertised 2024-06-03
    #[command(verbatim_doc_comment)]
    Import(Box<ImportArgs>),
    /// Write JDs as Word documents (or bare Markdown, or a standalone web page) to adapt and reuse
    ///
    /// One JD is written to --out FILE (default: <slug>.docx in the current folder); several,
    /// or a folder of them, to --out DIR as <role>/<slug>.docx. The Word document has the
    /// JD's facts in a table at the top, Word's own heading, list and table styles, and the
    /// licence credit in the footer; `jdlib import` reads it back. Existing files are never
    /// replaced without --force. Exit status: 0 when every JD was written, 1 when a JD has
    /// errors (it is still written, and the errors are listed) or some files could not be
    /// written, 2 when nothing could be written.
    ///
    /// Examples:
    ///   jdlib export library/data-analyst/model-senior.md
    ///   jdlib export library/data-analyst --out word/
    ///   jdlib export library/data-analyst/model-senior.md --format md --out senior.md
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Write the GitHub issue forms in `.github/ISSUE_TEMPLATE/` for adding and commenting on JDs
    ///
    /// The role dropdown comes from library/roles.yaml and the level, contract and licence
    /// dropdowns from the contract, so run it again after changing roles.yaml. The chooser
    /// links to the contributing guide and the site on the forge that hosts the library.
    /// Exit status: 0 when written (or, with --check, up to date), 1 when --check finds a
    /// form out of date, 2 when the forms could not be made.
    ///
    /// Examples:
    ///   jdlib forms
    ///   jdlib forms --check
    #[command(verbatim_doc_comment)]
    Forms(FormsArgs),
    /// Propose an improvement to a JD already in the library, as a commit on a new branch
    ///
    /// Opens the JD as it is on the base branch in your editor (or takes `--from FILE`),
    /// checks the result, and commits it on `propose/<slug>-<date>` without touching your work
    /// tree. `--push` and `--pr` as for `contribute`.
    ///
    /// Examples:
    ///   jdlib propose library/data-analyst/model-senior.md
    ///   jdlib propose library/data-analyst/model-senior.md --from edited.md -m "Plainer purpose" --push --pr
    #[command(verbatim_doc_comment)]
    Propose(ProposeArgs),
    /// Print a shell completion script, e.g. `jdlib completions bash > ~/.local/share/bash-completion/completions/jdlib`
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `jdlib man | man -l -`
    Man,
    /// Watch the library so warm searches need not check every file (started by `search`)
    ///
    /// Runs until the library goes away or no search has asked for 30 minutes. Searches start
    /// it by themselves on libraries of 5,000 JDs or more; set `JDLIB_SEARCH_WATCH=never` to
    /// stop that, or `=always` to watch any library.
    #[command(hide = true)]
    SearchWatch,
}

/// Where a contribution goes: shared by `contribute` and `propose`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Where it goes")]
pub struct SubmitArgs {
    /// Branch to build on [default: the remote's default branch (origin/HEAD), else `main`]
    #[arg(long, value_name = "BRANCH")]
    pub base: Option<String>,

    /// Name of the new branch [default: contrib/<council>-<role>-<date> or
    /// propose/<slug>-<date>, with -2, -3... if taken]
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,

    /// Commit author, `"Name <email>"` [default: git's user.name and user.email]
    #[arg(long, value_name = "AUTHOR")]
    pub author: Option<String>,

    /// Push the new branch with `git push` to `origin`, or `--push=REMOTE` (your credentials
    /// and SSH keys are used as usual)
    #[arg(
        long,
        value_name = "REMOTE",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "origin"
    )]
    pub push: Option<String>,

    /// Open a pull request (implies --push). On GitHub, with a token from `GH_TOKEN`,
    /// `GITHUB_TOKEN` or `gh auth token`, it is opened for you; otherwise the page to open it
    /// is printed
    #[arg(long)]
    pub pr: bool,

    /// Check everything and say what would be committed, but write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Output format for the result
    #[arg(long, value_enum, default_value_t = SubmitFormat::Human)]
    pub format: SubmitFormat,
}

/// How `contribute` and `propose` report what they did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SubmitFormat {
    /// Lines for people
    Human,
    /// One JSON object: branch, commit, path, paths, base, pushed, remote, the pull request's
    /// URL and where to open one by hand
    Json,
}

/// `jdlib contribute`.
#[derive(Debug, Args)]
pub struct ContributeArgs {
    /// A finished JD (front matter and body); give it several times for one commit with several
    /// JDs. A Markdown file without front matter is taken as the body, for the flags to complete
    #[arg(long, value_name = "FILE.md")]
    pub from: Vec<PathBuf>,

    /// The body (Markdown) for the interactive form, instead of opening the editor
    #[arg(long, value_name = "FILE.md", conflicts_with = "from")]
    pub body: Option<PathBuf>,

    /// Ask for missing facts even when stdin is not a terminal (answers are read line by line)
    #[arg(long)]
    pub interactive: bool,

    /// One line added to the commit message, e.g. where the JD came from
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    #[command(flatten)]
    pub submit: SubmitArgs,
}

/// Front-matter values given as flags.
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Front matter (fills in or overrides --from)")]
pub struct FieldArgs {
    /// Job title as advertised
    #[arg(long)]
    pub title: Option<String>,
    /// Role id (see `jdlib roles`)
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Level
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub level: Option<LevelArg>,
    /// `advertised` (a real advert, the default) or `model`
    #[arg(long, value_enum, value_name = "SOURCE")]
    pub source: Option<SourceArg>,
    /// The council: any name, short name, code or GSS code (written as the GSS code)
    #[arg(long, value_name = "COUNCIL")]
    pub organisation: Option<String>,
    /// Advert date, YYYY-MM-DD
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub advertised: Option<Date>,
    /// Lowest full-time salary figure
    #[arg(long, value_name = "AMOUNT")]
    pub salary_min: Option<f64>,
    /// Highest full-time salary figure
    #[arg(long, value_name = "AMOUNT")]
    pub salary_max: Option<f64>,
    /// What the figures are per
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub salary_period: Option<PeriodArg>,
    /// Full-time hours a week the figures assume
    #[arg(long, value_name = "HOURS")]
    pub hours: Option<f64>,
    /// The post's fraction of full time, e.g. 0.6
    #[arg(long)]
    pub fte: Option<f64>,
    /// The council's grade, e.g. PO4 or "SCP 29-32"
    #[arg(long)]
    pub grade: Option<String>,
    /// Whether the figures include London weighting
    #[arg(long, value_name = "BOOL")]
    pub london_weighting: Option<bool>,
    /// Type of contract
    #[arg(long, value_enum, value_name = "CONTRACT")]
    pub contract: Option<ContractArg>,
    /// Advert web address
    #[arg(long)]
    pub url: Option<String>,
    /// Licence [default: OGL-UK-3.0]
    #[arg(long, value_parser = ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"])]
    pub licence: Option<String>,
    /// Where the post is based
    #[arg(long)]
    pub location: Option<String>,
}

/// `jdlib import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word document (.docx)
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,

    /// Write the JD to this file instead of stdout (never replaces a file unless --force)
    #[arg(long, value_name = "FILE.md")]
    pub out: Option<PathBuf>,

    /// Write the JD to stdout (the default)
    #[arg(long, conflicts_with = "out")]
    pub stdout: bool,

    /// Replace the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,

    #[command(flatten)]
    pub fields: FieldArgs,
}

/// `jdlib export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// JD files, or folders of them (a role folder, or library/ for every JD)
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// What to write: a Word document, the Markdown body, or a standalone web page
    #[arg(long, value_enum, default_value_t = ExportFormat::Docx)]
    pub format: ExportFormat,

    /// The file to write for one JD, or the folder for several [default: the current folder]
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,

    /// Replace files that already exist
    #[arg(long)]
    pub force: bool,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Word document (.docx)
    Docx,
    /// The body as Markdown without front matter (.md)
    Md,
    /// One standalone HTML page (.html)
    Html,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
        }
    }
}

/// `jdlib propose`.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// The JD to improve, e.g. library/data-analyst/model-senior.md
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The new text, instead of opening the editor
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Why the change helps (the commit message) [asked for in a terminal]
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,

    #[command(flatten)]
    pub submit: SubmitArgs,
}

/// Which version of the library to read.
#[derive(Debug, Args, Default, Clone)]
pub struct RevArgs {
    /// Read the library as it is in this git revision (branch, tag or commit) instead of the
    /// work tree
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

/// What `validate` and `lint` check and how they print findings.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only report findings about these files or folders (library-wide rules still see the
    /// whole library)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub rev: RevArgs,

    /// Only check files added, changed or deleted since this revision, e.g. `origin/main` on a
    /// pull request
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Output format for the findings
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
}

/// `jdlib validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub check: CheckArgs,

    /// Run the lint rules too (with their jdlib.toml severities), for one CI step
    #[arg(long)]
    pub lint: bool,
}

/// `jdlib lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub check: CheckArgs,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// `path:line:col: error[CODE]: message`
    Human,
    /// One JSON array of {path, line, column, severity, code, message}
    Json,
    /// GitHub Actions workflow commands, shown inline on pull requests
    Github,
}

/// Filters shared by every command that selects JDs.
#[derive(Debug, Args, Default, Clone)]
pub struct Filters {
    /// Only this role id (see `jdlib roles`)
    #[arg(long, value_name = "ID")]
    pub role: Option<String>,
    /// Only roles in this family
    #[arg(long, value_enum, value_name = "FAMILY")]
    pub family: Option<FamilyArg>,
    /// Only this level
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub level: Option<LevelArg>,
    /// Only this council: GSS code, name, short name or 3-4 letter code
    #[arg(long, value_name = "ORG")]
    pub organisation: Option<String>,
    /// Only councils in this region, e.g. London, "North West", Scotland
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Only model JDs or only real adverts
    #[arg(long, value_enum, value_name = "SOURCE")]
    pub source: Option<SourceArg>,
    /// Only adverts on or after this date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub since: Option<Date>,
    /// Only adverts on or before this date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub until: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

/// `jdlib list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub rev: RevArgs,
    /// Sort order (ties break by path)
    #[arg(long, value_enum, default_value_t = SortKey::Role)]
    pub sort: SortKey,
    /// Output format
    #[arg(long, value_enum, default_value_t = DataFormat::Table)]
    pub format: DataFormat,
}

/// `jdlib site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Folder to build into [default: site/ beside library/]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The site's public address, for the sitemap, feed and canonical links (all other links are
    /// relative) [default: the GitHub Pages address when the repository is on GitHub]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Repository for "Suggest a change" and "Comment" links [default: the `origin` remote]
    #[arg(long, value_name = "URL")]
    pub repo: Option<String>,
    /// Branch those links edit [default: the remote's default branch, else the current one]
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
    /// Fail (exit 1, nothing written) when any JD has a validation error
    #[arg(long)]
    pub strict: bool,
    /// After building, serve the site on 127.0.0.1 and rebuild when a JD changes
    #[arg(long)]
    pub serve: bool,
    /// Port for --serve
    #[arg(long, value_name = "N", default_value_t = 8000, requires = "serve")]
    pub port: u16,
    #[command(flatten)]
    pub rev: RevArgs,
}

/// `jdlib search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for, e.g. `"power bi" level:senior region:london -contractor` (several
    /// arguments are joined with spaces; start with `--` if the query starts with `-`)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Show at most this many JDs, best first
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub rev: RevArgs,
}

/// `search --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// A table with rank, title, council, level, pay, snippet and path
    Table,
    /// One JSON array of {path, title, role, level, organisation, score, snippet}, best first
    Json,
}

/// `jdlib forms`.
#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Write nothing; exit 1 if a committed form differs from what `jdlib forms` writes
    #[arg(long)]
    pub check: bool,
    /// Repository the chooser links to (any address `git remote` accepts) [default: the `origin` remote]
    #[arg(long, value_name = "URL")]
    pub repo: Option<String>,
    /// Branch the contributing-guide link reads [default: the remote's default branch, else the current one]
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
    /// The library's web site [default: the GitHub Pages address when the repository is on GitHub]
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

/// `jdlib roles`.
#[derive(Debug, Args)]
pub struct RolesArgs {
    #[command(flatten)]
    pub rev: RevArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = DataFormat::Table)]
    pub format: DataFormat,
}

/// `jdlib show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A JD file (e.g. library/data-analyst/model-senior.md) or a role id (e.g. data-analyst)
    #[arg(value_name = "PATH|ROLE")]
    pub target: String,
    #[command(flatten)]
    pub rev: RevArgs,
}

/// `jdlib salaries`.
#[derive(Debug, Args)]
pub struct SalariesArgs {
    /// Group by a key or a pair of keys: role, family, level, organisation, region, year
    /// (e.g. `--by role,level`)
    #[arg(long, value_name = "KEY[,KEY]", default_value = "role", value_parser = parse_keys)]
    pub by: GroupKeys,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub rev: RevArgs,
    /// Which figures to count: real adverts, model JDs' indicative ranges, or both
    #[arg(long, value_enum, default_value_t = BasisArg::All)]
    pub basis: BasisArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = SalaryFormat::Table)]
    pub format: SalaryFormat,
    /// List the JDs behind each group with their figures as written, hours, grade, basis and
    /// the annual FTE jdlib derived, so the arithmetic can be checked
    #[arg(long)]
    pub explain: bool,
    /// Draw each group's range on a shared £ axis in the terminal
    #[arg(long)]
    pub chart: bool,
    /// Write the same chart as a standalone SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// The keys of `--by`, parsed.
#[derive(Debug, Clone)]
pub struct GroupKeys(pub Vec<GroupKey>);

fn parse_keys(text: &str) -> Result<GroupKeys, String> {
    GroupKey::parse_list(text).map(GroupKeys)
}

/// `salaries --basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    /// Only figures from real adverts
    Advertised,
    /// Only model JDs' indicative figures
    Indicative,
    /// Both, counted separately in every output
    All,
}

/// `salaries --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SalaryFormat {
    /// A table sized to the terminal, figures rounded to whole pounds
    Table,
    /// One JSON array, figures unrounded
    Json,
    /// CSV with a header row, figures unrounded
    Csv,
    /// A Markdown table with n beside every figure
    Markdown,
}

/// `jdlib completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// How tabular data is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// A table sized to the terminal
    Table,
    /// One JSON array
    Json,
    /// CSV with a header row
    Csv,
}

/// `list --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Job title
    Title,
    /// Role id, then level
    Role,
    /// Level, apprentice first
    Level,
    /// Council short name (model JDs last)
    Organisation,
    /// Advert date, newest first (model JDs last)
    Advertised,
    /// Annual FTE minimum, highest first
    Salary,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

macro_rules! value_enum_for {
    ($arg:ident => $domain:ident { $($variant:ident),* $(,)? }) => {
        #[doc = concat!("Command-line spelling of [`", stringify!($domain), "`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub enum $arg { $( #[allow(missing_docs)] $variant, )* }

        impl From<$arg> for $domain {
            fn from(v: $arg) -> $domain {
                match v { $($arg::$variant => $domain::$variant,)* }
            }
        }
    };
}

value_enum_for!(LevelArg => Level { Apprentice, Junior, Mid, Senior, Lead, Principal, Head, Director });
value_enum_for!(FamilyArg => Family { Data, Digital, Technology, Cyber, Innovation, Leadership });
value_enum_for!(SourceArg => Source { Model, Advertised });
value_enum_for!(PeriodArg => Period { Year, Day, Hour });
value_enum_for!(ContractArg => Contract { Permanent, FixedTerm, Interim, Apprenticeship });

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn value_enums_match_the_contract_spelling() {
        for level in Level::ALL {
            let arg = LevelArg::from_str(level.as_str(), false).unwrap();
            assert_eq!(Level::from(arg), *level);
        }
        for family in Family::ALL {
            let arg = FamilyArg::from_str(family.as_str(), false).unwrap();
            assert_eq!(Family::from(arg), *family);
        }
    }
}
