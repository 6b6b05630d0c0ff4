"""Opens every exported .docx with python-docx and checks what a council's Word user relies on:
the Title and Heading styles, real numbered and bulleted lists, the facts table at the top,
A4 pages, the licence credit in the footer and the document properties.

Usage: python3 tests/docx/check.py DIR  (every *.docx below DIR)
"""

import pathlib
import sys

import docx
from docx.shared import Mm

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check(path):
    doc = docx.Document(str(path))
    problems = []
    paras = doc.paragraphs
    if not paras or paras[0].style.name != "Title" or not paras[0].text.strip():
        problems.append("the first paragraph is not a non-empty Title")
    styles = {p.style.name for p in paras}
    if "Heading 1" not in styles:
        problems.append("no Heading 1")
    items = [p for p in paras if p._p.find(f"{W}pPr/{W}numPr") is not None]
    if not items:
        problems.append("no list paragraph with numbering")
    if not doc.tables or doc.tables[0].cell(0, 0).text != "Job title":
        problems.append("no facts table at the top")
    if doc.tables and doc.tables[0].cell(0, 1).text != paras[0].text:
        problems.append("the facts table's title differs from the Title")
    section = doc.sections[0]
    if abs(section.page_width - Mm(210)) > Mm(1) or abs(section.page_height - Mm(297)) > Mm(1):
        problems.append("the page is not A4")
    footer = " ".join(p.text for p in section.footer.paragraphs)
    if "licen" not in footer.lower():
        problems.append("no licence credit in the footer")
    props = doc.core_properties
    if props.title != paras[0].text or not props.subject or not props.keywords:
        problems.append("document properties (title, subject, keywords) missing")
    return problems


def main():
    files = sorted(pathlib.Path(sys.argv[1]).rglob("*.docx"))
    if not files:
        print("python-docx: no .docx files found", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        for problem in check(path):
            print(f"{path}: {problem}", file=sys.stderr)
            failed += 1
    print(f"python-docx: opened {len(files)} documents, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
