//! Reading a Word document (.docx: a zip of `WordprocessingML` parts) into plain blocks:
//! paragraphs with their kind (heading, list item, title) and formatted runs, and tables.
//! Only what a JD needs is kept; images, text boxes, comments and deleted text are dropped.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

/// Parts larger than this when unpacked are refused: a JD's XML is a few hundred kilobytes, and
/// the limit stops a zip bomb from filling memory.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Why a file could not be read as a Word document.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive at all.
    #[error(
        "it is not a Word .docx file (not a zip archive): open it in Word or LibreOffice and save it as .docx"
    )]
    NotZip,
    /// A zip, but without the main document part.
    #[error(
        "it is a zip archive but not a Word document (no word/document.xml): save it from Word as .docx"
    )]
    NotWord,
    /// A part could not be unpacked.
    #[error(
        "its part {part} could not be read ({reason}): the file may be damaged; save it again from Word"
    )]
    Part {
        /// The part's name.
        part: String,
        /// Why.
        reason: String,
    },
    /// A part is not well-formed XML.
    #[error(
        "its part {part} is not valid XML (line {line}, column {column}): the file may be damaged; save it again from Word"
    )]
    Xml {
        /// The part's name.
        part: String,
        /// 1-based line in the part.
        line: u32,
        /// 1-based column in the part.
        column: u32,
    },
}

/// A stretch of text with one formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The text; `\n` is a line break.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// The target of a hyperlink around it.
    pub link: Option<String>,
}

/// What a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The document's Title style.
    Title,
    /// A heading, 1 for Heading 1 (or outline level 1).
    Heading(u8),
    /// A list item at a nesting level (0 is the outermost).
    Item {
        /// Nesting level.
        level: u8,
        /// Numbered rather than bulleted.
        ordered: bool,
    },
    /// Anything else.
    Normal,
}

/// A paragraph or a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para {
        /// What it is.
        kind: Kind,
        /// Its text.
        runs: Vec<Run>,
    },
    /// A table: rows of cells, each cell a list of paragraphs.
    Table(Vec<Vec<Vec<Block>>>),
}

/// The document's blocks and its core title property.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Body blocks in order.
    pub blocks: Vec<Block>,
    /// `docProps/core.xml`'s title, if set.
    pub title: Option<String>,
}

/// Reads a .docx file's bytes.
pub fn parse(bytes: &[u8]) -> Result<Parsed, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotZip)?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or(DocxError::NotWord)?;
    let styles = read_part(&mut zip, "word/styles.xml")?;
    let numbering = read_part(&mut zip, "word/numbering.xml")?;
    let rels = read_part(&mut zip, "word/_rels/document.xml.rels")?;
    let core = read_part(&mut zip, "docProps/core.xml")?;

    let styles = styles
        .as_deref()
        .map(|t| xml("word/styles.xml", t).map(|d| Styles::read(&d)))
        .transpose()?
        .unwrap_or_default();
    let numbering = numbering
        .as_deref()
        .map(|t| xml("word/numbering.xml", t).map(|d| Numbering::read(&d)))
        .transpose()?
        .unwrap_or_default();
    let links = rels
        .as_deref()
        .map(|t| xml("word/_rels/document.xml.rels", t).map(|d| external_links(&d)))
        .transpose()?
        .unwrap_or_default();
    let title = core
        .as_deref()
        .map(|t| xml("docProps/core.xml", t).map(|d| core_title(&d)))
        .transpose()?
        .flatten();

    let doc = xml("word/document.xml", &document)?;
    let reader = Reader {
        styles: &styles,
        numbering: &numbering,
        links: &links,
    };
    let mut blocks = Vec::new();
    if let Some(body) = doc.root_element().children().find(|n| is(n, "body")) {
        reader.blocks(body, &mut blocks);
    }
    Ok(Parsed { blocks, title })
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::Part {
                part: name.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    let mut text = String::new();
    let read = file.take(MAX_PART_BYTES + 1).read_to_string(&mut text);
    match read {
        Ok(n) if n as u64 > MAX_PART_BYTES => Err(DocxError::Part {
            part: name.to_owned(),
            reason: "it is larger than 64 MiB unpacked".to_owned(),
        }),
        Ok(_) => Ok(Some(text)),
        Err(e) => Err(DocxError::Part {
            part: name.to_owned(),
            reason: e.to_string(),
        }),
    }
}

fn xml<'t>(part: &str, text: &'t str) -> Result<Document<'t>, DocxError> {
    Document::parse(text).map_err(|e| {
        let pos = e.pos();
        DocxError::Xml {
            part: part.to_owned(),
            line: pos.row,
            column: pos.col,
        }
    })
}

fn is(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

/// `<w:b/>` is on; `<w:b w:val="0"/>` (or false/off) is off.
fn toggle(node: Option<Node<'_, '_>>) -> Option<bool> {
    node.map(|n| !matches!(val(n), Some("0" | "false" | "off")))
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    based_on: Option<String>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn read(doc: &Document<'_>) -> Styles {
        let mut out = HashMap::new();
        for style in doc.descendants().filter(|n| is(n, "style")) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let ppr = child(style, "pPr");
            out.insert(
                id.to_owned(),
                Style {
                    name: child(style, "name")
                        .and_then(val)
                        .unwrap_or(id)
                        .to_lowercase(),
                    outline: ppr
                        .and_then(|p| child(p, "outlineLvl"))
                        .and_then(val)
                        .and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| child(p, "numPr")).and_then(num_pr),
                    based_on: child(style, "basedOn").and_then(val).map(str::to_owned),
                },
            );
        }
        Styles(out)
    }

    /// A style and the styles it is based on, nearest first (at most a few levels).
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Style> {
        let mut next = self.0.get(id);
        std::iter::from_fn(move || {
            let current = next?;
            next = current.based_on.as_deref().and_then(|b| self.0.get(b));
            Some(current)
        })
        .take(8)
    }
}

/// `<w:numPr>`: the numbering instance and level.
fn num_pr(node: Node<'_, '_>) -> Option<(String, u8)> {
    let id = child(node, "numId").and_then(val)?;
    let level = child(node, "ilvl")
        .and_then(val)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // numId 0 means "no numbering", used to switch a list style's numbering off.
    (id != "0").then(|| (id.to_owned(), level))
}

/// Which numbering levels are bullets.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    instances: HashMap<String, String>,
    /// (abstractNumId, level) → the format (`bullet`, `decimal`, ...).
    formats: HashMap<(String, u8), String>,
}

impl Numbering {
    fn read(doc: &Document<'_>) -> Numbering {
        let mut out = Numbering::default();
        for node in doc.root_element().children() {
            if is(&node, "num")
                && let (Some(id), Some(abs)) = (
                    node.attribute((W, "numId")),
                    child(node, "abstractNumId").and_then(val),
                )
            {
                out.instances.insert(id.to_owned(), abs.to_owned());
            }
            if is(&node, "abstractNum")
                && let Some(abs) = node.attribute((W, "abstractNumId"))
            {
                for lvl in node.children().filter(|n| is(n, "lvl")) {
                    let level = lvl
                        .attribute((W, "ilvl"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let format = child(lvl, "numFmt").and_then(val).unwrap_or("bullet");
                    out.formats
                        .insert((abs.to_owned(), level), format.to_owned());
                }
            }
        }
        out
    }

    fn ordered(&self, num_id: &str, level: u8) -> bool {
        self.instances
            .get(num_id)
            .and_then(|abs| self.formats.get(&(abs.clone(), level)))
            .is_some_and(|f| f != "bullet" && f != "none")
    }
}

fn external_links(doc: &Document<'_>) -> HashMap<String, String> {
    doc.root_element()
        .children()
        .filter(|n| n.is_element() && n.attribute("TargetMode") == Some("External"))
        .filter_map(|n| {
            Some((
                n.attribute("Id")?.to_owned(),
                n.attribute("Target")?.to_owned(),
            ))
        })
        .collect()
}

fn core_title(doc: &Document<'_>) -> Option<String> {
    doc.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

struct Reader<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    links: &'a HashMap<String, String>,
}

impl Reader<'_> {
    fn blocks(&self, parent: Node<'_, '_>, out: &mut Vec<Block>) {
        for node in parent.children() {
            if is(&node, "p") {
                out.push(self.paragraph(node));
            } else if is(&node, "tbl") {
                out.push(self.table(node));
            } else if is(&node, "sdt") || is(&node, "sdtContent") || is(&node, "customXml") {
                // Content controls wrap ordinary paragraphs.
                self.blocks(node, out);
            }
        }
    }

    fn table(&self, tbl: Node<'_, '_>) -> Block {
        let rows = tbl
            .children()
            .filter(|n| is(n, "tr"))
            .map(|tr| {
                tr.children()
                    .filter(|n| is(n, "tc"))
                    .map(|tc| {
                        let mut cell = Vec::new();
                        self.blocks(tc, &mut cell);
                        cell
                    })
                    .collect()
            })
            .collect();
        Block::Table(rows)
    }

    fn paragraph(&self, p: Node<'_, '_>) -> Block {
        let ppr = child(p, "pPr");
        let style_id = ppr.and_then(|n| child(n, "pStyle")).and_then(val);
        let chain: Vec<&Style> = style_id
            .map(|id| self.styles.chain(id).collect())
            .unwrap_or_default();
        let own_outline = ppr
            .and_then(|n| child(n, "outlineLvl"))
            .and_then(val)
            .and_then(|v| v.parse::<u8>().ok());
        let outline = own_outline.or_else(|| chain.iter().find_map(|s| s.outline));
        let name = chain.first().map_or("", |s| s.name.as_str());
        let num = ppr
            .and_then(|n| child(n, "numPr"))
            .and_then(num_pr)
            .or_else(|| chain.iter().find_map(|s| s.num.clone()));

        let kind = if name == "title" {
            Kind::Title
        } else if let Some(level) = heading_level(name, outline) {
            Kind::Heading(level)
        } else if let Some((id, ilvl)) = num {
            // "List Bullet 2" is often a single-level list indented by its style.
            let from_name = name
                .rsplit(' ')
                .next()
                .and_then(|d| d.parse::<u8>().ok())
                .filter(|_| name.starts_with("list"))
                .map_or(0, |n| n.saturating_sub(1));
            Kind::Item {
                level: ilvl.max(from_name),
                ordered: self.numbering.ordered(&id, ilvl),
            }
        } else if name.starts_with("list bullet") || name.starts_with("list number") {
            Kind::Item {
                level: 0,
                ordered: name.starts_with("list number"),
            }
        } else {
            Kind::Normal
        };
        let mut runs = Vec::new();
        self.runs(p, Format::default(), &mut runs);
        Block::Para { kind, runs }
    }

    fn runs(&self, parent: Node<'_, '_>, format: Format, out: &mut Vec<Run>) {
        for node in parent.children().filter(Node::is_element) {
            if node.tag_name().namespace() != Some(W) {
                continue;
            }
            match node.tag_name().name() {
                "r" => {
                    let rpr = child(node, "rPr");
                    let format = Format {
                        bold: rpr
                            .and_then(|r| toggle(child(r, "b")))
                            .unwrap_or(format.bold),
                        italic: rpr
                            .and_then(|r| toggle(child(r, "i")))
                            .unwrap_or(format.italic),
                    };
                    let text = run_text(node);
                    if !text.is_empty() {
                        out.push(Run {
                            text,
                            bold: format.bold,
                            italic: format.italic,
                            link: None,
                        });
                    }
                }
                "hyperlink" => {
                    let target = node
                        .attribute((R, "id"))
                        .and_then(|id| self.links.get(id))
                        .cloned();
                    let start = out.len();
                    self.runs(node, format, out);
                    for run in &mut out[start..] {
                        run.link.clone_from(&target);
                    }
                }
                // Tracked insertions, fields and tags hold ordinary runs; deletions, properties
                // and bookmarks hold nothing to keep.
                "ins" | "smartTag" | "fldSimple" | "customXml" | "sdt" | "sdtContent" => {
                    self.runs(node, format, out);
                }
                _ => {}
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Format {
    bold: bool,
    italic: bool,
}

/// A run's text, with tabs and breaks as characters.
fn run_text(run: Node<'_, '_>) -> String {
    let mut text = String::new();
    for node in run.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "t" => text.push_str(node.text().unwrap_or_default()),
            "tab" => text.push(' '),
            "br" if node
                .attribute((W, "type"))
                .is_none_or(|t| t == "textWrapping") =>
            {
                text.push('\n');
            }
            "cr" => text.push('\n'),
            "noBreakHyphen" => text.push('-'),
            _ => {}
        }
    }
    text
}

/// Heading 1–9 by style name, or a custom style's outline level (0 is level 1).
fn heading_level(name: &str, outline: Option<u8>) -> Option<u8> {
    if let Some(n) = name.strip_prefix("heading ")
        && let Ok(level) = n.parse::<u8>()
    {
        return Some(level);
    }
    outline.filter(|l| *l < 9).map(|l| l + 1)
}
