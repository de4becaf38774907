"""Ground truth for importing real published forms (issue 15): the facts files are well formed.

Each file in tests/fixtures/real/facts/ states, by hand, what a reviewer reads on one page of
../shared/corpus/train/ (unit, year, project name, money, every indicator row, the damage done by
extraction). These tests do not import anything: they check that the facts are well formed and
that every verbatim string really occurs on the page, so a fact cannot be invented or mistyped.
The schema is documented in tests/fixtures/real/facts/README.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "tests" / "fixtures" / "real" / "facts"
README = FACTS / "README.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "train"
KINDS = {"department", "project", "selfeval"}
LAYOUTS = {"D0", "D1", "D3", "P2", "P4", "P5", "P6", "P8", "C1", "T1", "T2", "S1", "S2", "S3", "S4"}
COMPARISONS = {"≥", "≤", "=", ">", "<", "≈", "定性", None}
MONEY_UNITS = {"元", "万元", None}
DAMAGE_KINDS = {
    "placeholder",
    "ocr_sign",
    "ocr_text",
    "lost_decimal",
    "glued_cells",
    "duplicated",
    "split_label",
    "interleaved",
    "misplaced_cell",
    "lost_unit",
    "other",
}
TOP_KEYS = {
    "source",
    "layout",
    "kind",
    "complete",
    "declarations",
    "damage",
    "notes",
    "table",
    "why",
}
DECL_KEYS = {"unit", "unit_label", "year", "year_text", "name", "parties", "money", "rows"}
ROW_REQUIRED = {"level1", "level2", "name", "value", "comparison", "number", "unit"}
ROW_OPTIONAL = {"printed_comparison", "actual", "points", "score", "other", "core", "note"}
SELFEVAL_KEYS = {"actual", "points", "score"}

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus/train is not beside the clone"
)


def _squash(text: str) -> str:
    """The comparison form: every whitespace character removed, nothing else changed."""
    return re.sub(r"\s+", "", text)


def _facts_files() -> list[Path]:
    return sorted(FACTS.glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _opt_str(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() != "")


def _check_row(where: str, row: dict[str, Any], kind: str) -> list[str]:
    errors: list[str] = []
    missing = ROW_REQUIRED - row.keys()
    unknown = row.keys() - ROW_REQUIRED - ROW_OPTIONAL
    if missing or unknown:
        return [f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}"]
    if not isinstance(row["name"], str) or not row["name"].strip():
        errors.append(f"{where}: name must be a non-empty string")
    for key in ("level1", "level2", "value", "number", "unit", "printed_comparison"):
        if not _opt_str(row.get(key)):
            errors.append(f"{where}: {key} must be a non-empty string or null")
    for key in SELFEVAL_KEYS:
        if not _opt_str(row.get(key)):
            errors.append(f"{where}: {key} must be a non-empty string or null")
    if row["comparison"] not in COMPARISONS:
        errors.append(f"{where}: comparison {row['comparison']!r} not in {COMPARISONS}")
    printed = row.get("printed_comparison")
    if printed and printed != "定性" and row["comparison"] in (None, "定性"):
        errors.append(f"{where}: a printed comparison needs a comparison")
    number = row["number"]
    if number is not None and not re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", number):
        errors.append(f"{where}: number {number!r} is not a plain number string")
    if number is not None and row["value"] is not None and number not in _squash(row["value"]):
        errors.append(f"{where}: number {number!r} is not in the value cell {row['value']!r}")
    if row["comparison"] == "定性" and number is not None:
        errors.append(f"{where}: a 定性 row has no number")
    other = row.get("other")
    if other is not None and not (
        isinstance(other, dict)
        and all(isinstance(k, str) and _opt_str(v) for k, v in other.items())
    ):
        errors.append(f"{where}: other must map a column header to a cell string or null")
    if "core" in row and not isinstance(row["core"], bool):
        errors.append(f"{where}: core must be true or false")
    if "note" in row and not isinstance(row["note"], str):
        errors.append(f"{where}: note must be a string")
    return errors


def _check_money(where: str, item: Any) -> list[str]:
    if not isinstance(item, dict) or set(item) != {"label", "column", "amount", "unit"}:
        return [f"{where}: money needs exactly label, column, amount, unit"]
    errors: list[str] = []
    if not isinstance(item["label"], str) or not item["label"].strip():
        errors.append(f"{where}: label must be a non-empty string")
    column = item["column"]
    if column is not None and not (
        isinstance(column, list) and column and all(isinstance(c, str) and c for c in column)
    ):
        errors.append(f"{where}: column must be null or a list of header strings")
    amount = item["amount"]
    if not isinstance(amount, str) or not re.fullmatch(r"-?[0-9][0-9,]*(\.[0-9]+)?", amount):
        errors.append(f"{where}: amount {amount!r} must be the printed number as a string")
    if item["unit"] not in MONEY_UNITS:
        errors.append(f"{where}: unit {item['unit']!r} not in {MONEY_UNITS}")
    return errors


def _check_declaration(where: str, decl: Any, kind: str) -> list[str]:
    if not isinstance(decl, dict):
        return [f"{where}: not a mapping"]
    missing = DECL_KEYS - decl.keys()
    unknown = decl.keys() - DECL_KEYS
    if missing or unknown:
        return [f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}"]
    errors: list[str] = []
    for key in ("unit", "unit_label", "year_text", "name"):
        if not _opt_str(decl[key]):
            errors.append(f"{where}: {key} must be a non-empty string or null")
    year = decl["year"]
    if not (isinstance(year, int) and 2000 <= year <= 2100):
        errors.append(f"{where}: year {year!r} must be an integer year")
    elif decl["year_text"] is not None and str(year) not in decl["year_text"]:
        errors.append(f"{where}: year_text {decl['year_text']!r} does not show {year}")
    for party in decl["parties"]:
        if not (isinstance(party, dict) and set(party) == {"label", "text"}):
            errors.append(f"{where}: a party needs exactly label and text")
    for index, item in enumerate(decl["money"]):
        errors += _check_money(f"{where} money[{index}]", item)
    for index, row in enumerate(decl["rows"]):
        if not isinstance(row, dict):
            errors.append(f"{where} rows[{index}]: not a mapping")
            continue
        errors += _check_row(f"{where} rows[{index}] {row.get('name')!r}", row, kind)
    return errors


def _schema_errors(path: Path, data: dict[str, Any]) -> list[str]:
    name = path.name
    unknown = data.keys() - TOP_KEYS
    missing = {"source", "layout", "kind", "complete", "declarations", "damage"} - data.keys()
    if unknown or missing:
        return [f"{name}: missing {sorted(missing)}, unknown {sorted(unknown)}"]
    errors: list[str] = []
    source = data["source"]
    if not (isinstance(source, str) and source.endswith(".txt") and Path(source).stem == path.stem):
        errors.append(f"{name}: source {source!r} must be folder/<this file's stem>.txt")
    elif source.split("/")[0] not in KINDS:
        errors.append(f"{name}: source must be under department/, project/ or selfeval/")
    if data["layout"] not in LAYOUTS:
        errors.append(f"{name}: layout {data['layout']!r} not in {sorted(LAYOUTS)}")
    if data["kind"] not in KINDS:
        errors.append(f"{name}: kind {data['kind']!r} not in {sorted(KINDS)}")
    if not isinstance(data["complete"], bool):
        errors.append(f"{name}: complete must be true or false")
    if "table" in data:
        if data["table"] != "none" or not isinstance(data.get("why"), str):
            errors.append(f"{name}: table may only be 'none', with a one-line why")
    elif "why" in data:
        errors.append(f"{name}: why goes with table: none")
    decls = data["declarations"]
    if not isinstance(decls, list) or not decls:
        errors.append(f"{name}: declarations must be a non-empty list")
        decls = []
    for index, decl in enumerate(decls):
        errors += _check_declaration(f"{name} declarations[{index}]", decl, data["kind"])
    if data.get("table") == "none" and any(d.get("rows") for d in decls if isinstance(d, dict)):
        errors.append(f"{name}: table: none but rows are given")
    for index, item in enumerate(data["damage"] or []):
        if not (
            isinstance(item, dict)
            and set(item) == {"where", "printed", "meant", "kind"}
            and all(isinstance(item[k], str) and item[k].strip() for k in item)
        ):
            errors.append(f"{name} damage[{index}]: needs where, printed, meant, kind (strings)")
        elif item["kind"] not in DAMAGE_KINDS:
            errors.append(f"{name} damage[{index}]: kind {item['kind']!r} not in {DAMAGE_KINDS}")
    notes = data.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
        errors.append(f"{name}: notes must be a list of strings")
    return errors


def _verbatim(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, string) for every string that must occur on the page."""
    found: list[tuple[str, str]] = []

    def add(where: str, value: Any) -> None:
        if isinstance(value, str):
            found.append((where, value))

    for d_index, decl in enumerate(data["declarations"]):
        at = f"declarations[{d_index}]"
        for key in ("unit", "unit_label", "year_text", "name"):
            add(f"{at}.{key}", decl[key])
        for party in decl["parties"]:
            add(f"{at}.parties", party["label"])
            add(f"{at}.parties", party["text"])
        for m_index, item in enumerate(decl["money"]):
            add(f"{at}.money[{m_index}].label", item["label"])
            add(f"{at}.money[{m_index}].amount", item["amount"])
            for header in item["column"] or []:
                add(f"{at}.money[{m_index}].column", header)
        for r_index, row in enumerate(decl["rows"]):
            where = f"{at}.rows[{r_index}]"
            for key in ("level1", "level2", "name", "value", "printed_comparison", "number"):
                add(f"{where}.{key}", row.get(key))
            for key in ("unit", "actual", "points", "score"):
                add(f"{where}.{key}", row.get(key))
            for header, cell in (row.get("other") or {}).items():
                add(f"{where}.other", header)
                add(f"{where}.other[{header}]", cell)
    for index, item in enumerate(data["damage"] or []):
        add(f"damage[{index}].printed", item["printed"])
    return found


FILES = _facts_files()


def test_there_are_facts() -> None:
    assert len(FILES) >= 22, "the facts folder lost files"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_schema(path: Path) -> None:
    assert _schema_errors(path, _load(path)) == []


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_verbatim_string_is_on_the_page(path: Path) -> None:
    data = _load(path)
    source = CORPUS / data["source"]
    assert source.is_file(), f"{data['source']} is not in the corpus"
    page = _squash(source.read_text(encoding="utf-8"))
    absent = [
        f"{where}: {value!r}" for where, value in _verbatim(data) if _squash(value) not in page
    ]
    assert absent == [], "not on the page (after removing whitespace):\n" + "\n".join(absent)


def _no_table_listed() -> dict[str, str]:
    """README's section '## Files holding no target table': `- `path`: reason` lines."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Files holding no target table", 1)
    assert len(section) == 2, "README lacks the section '## Files holding no target table'"
    body = section[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^- `([^`]+\.txt)`: (\S.*)$", body, flags=re.M))


@needs_corpus
def test_every_corpus_file_is_covered() -> None:
    covered = {_load(p)["source"] for p in FILES}
    listed = _no_table_listed()
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*.txt")}
    assert sorted(on_disk - covered - listed.keys()) == []
    assert sorted((covered | listed.keys()) - on_disk) == []


def test_no_table_files_agree_with_the_readme() -> None:
    marked = {_load(p)["source"] for p in FILES if _load(p).get("table") == "none"}
    assert marked <= _no_table_listed().keys()


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """An invented value and a malformed row are caught."""
    good = _load(FILES[0])
    bad = dict(good)
    decl = dict(good["declarations"][0])
    decl["rows"] = [
        {
            "level1": None,
            "level2": None,
            "name": "不存在的指标名称",
            "value": "≥99999个",
            "comparison": "约",
            "number": "99999",
            "unit": "个",
        }
    ]
    bad["declarations"] = [decl]
    path = tmp_path / FILES[0].name
    errors = _schema_errors(path, bad)
    assert any("comparison" in e for e in errors)
    if CORPUS.is_dir():
        page = _squash((CORPUS / good["source"]).read_text(encoding="utf-8"))
        assert any(_squash(v) not in page for _, v in _verbatim(bad))
