"""Review quality: how many of perfdecl's findings a reviewer would act on, and which defects it finds.

Each file in the labels folder (default ``bench/review_quality/labels``) labels one declaration:
every finding of the default run, keyed by (code, JSON pointer), is ``useful`` or ``noise`` with a
reason, and the form's real defects are listed with the codes that count as finding them. This
script runs perfdecl's library on each labelled declaration and prints, per code and overall:

- precision: useful findings / findings (a finding with no label counts as noise and is listed);
- recall: defects found / defects (a defect is found when a finding with one of its codes lands on
  one of its pointers or under it).

Usage::

    python bench/review_quality.py [--json] [--labels DIR]

Exit 0 whatever the figures; exit 2 when a labels file is malformed. See docs/review-quality.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = ROOT / "bench" / "review_quality" / "labels"
LABEL_VALUES = ("useful", "noise")
NEW_PREFIX = "new:"

_FILE_KEYS = {"declaration", "findings", "defects"}
_FINDING_KEYS = {"code", "pointer", "label", "reason", "line", "row", "match"}
_DEFECT_KEYS = {"id", "concern", "pointers", "codes", "rows", "source"}


class LabelError(ValueError):
    """A labels file that cannot be used (exit 2)."""


@dataclass(frozen=True)
class Label:
    code: str
    pointer: str
    label: str
    reason: str
    line: int | None = None
    row: str | None = None
    match: str | None = None
    """Text of the finding's English message that tells it from another finding of the same
    code at the same pointer (PD207 reports each missing 一级 at /indicators)."""


@dataclass(frozen=True)
class Defect:
    id: str
    concern: str
    pointers: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class LabelFile:
    path: Path
    declaration: Path
    labels: dict[tuple[str, str, str], Label]
    defects: tuple[Defect, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    pointer: str
    line: int | None
    message: str


@dataclass
class CodeScore:
    findings: int = 0
    useful: int = 0
    noise: int = 0
    unlabelled: int = 0
    defects: int = 0
    found: int = 0

    def add(self, other: CodeScore) -> None:
        self.findings += other.findings
        self.useful += other.useful
        self.noise += other.noise
        self.unlabelled += other.unlabelled
        self.defects += other.defects
        self.found += other.found

    @property
    def precision(self) -> float | None:
        return self.useful / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.found / self.defects if self.defects else None


@dataclass
class FileScore:
    labels_file: str
    declaration: str
    codes: dict[str, CodeScore] = field(default_factory=dict)
    overall: CodeScore = field(default_factory=CodeScore)
    unlabelled: list[Finding] = field(default_factory=list)
    stale: list[Label] = field(default_factory=list)
    missed: list[Defect] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading labels


def known_codes() -> set[str]:
    """Every code perfdecl can report."""
    from perfdecl.catalogue import all_codes

    return set(all_codes())


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LabelError(f"{where}: '{key}' must be a non-empty text")
    return value


def _pointer(value: object, where: str) -> str:
    if not isinstance(value, str) or (value and not value.startswith("/")):
        raise LabelError(f"{where}: pointer {value!r} is not a JSON pointer ('' or '/…')")
    return value


def _check_keys(entry: object, allowed: set[str], where: str) -> Mapping[str, Any]:
    if not isinstance(entry, Mapping):
        raise LabelError(f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise LabelError(f"{where}: unknown key(s) {', '.join(unknown)}")
    return entry


def _code(value: object, codes: set[str], where: str, *, allow_new: bool) -> str:
    if not isinstance(value, str):
        raise LabelError(f"{where}: code {value!r} is not a text")
    if allow_new and value.startswith(NEW_PREFIX) and len(value) > len(NEW_PREFIX):
        return value
    if value not in codes:
        hint = " (or new:NAME for a check that does not exist yet)" if allow_new else ""
        raise LabelError(f"{where}: {value!r} is not a perfdecl code{hint}")
    return value


def _finding_label(entry: object, codes: set[str], where: str) -> Label:
    item = _check_keys(entry, _FINDING_KEYS, where)
    label = item.get("label")
    if label not in LABEL_VALUES:
        raise LabelError(f"{where}: label must be one of {', '.join(LABEL_VALUES)}, not {label!r}")
    line = item.get("line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
        raise LabelError(f"{where}: line must be a whole number")
    row = item.get("row")
    if row is not None and not isinstance(row, str):
        raise LabelError(f"{where}: row must be a text")
    match = item.get("match")
    if match is not None and (not isinstance(match, str) or not match):
        raise LabelError(f"{where}: match must be a non-empty text")
    return Label(
        code=_code(item.get("code"), codes, where, allow_new=False),
        pointer=_pointer(item.get("pointer"), where),
        label=str(label),
        reason=_text(item, "reason", where),
        line=line,
        row=row,
        match=match,
    )


def _defect(entry: object, codes: set[str], where: str) -> Defect:
    item = _check_keys(entry, _DEFECT_KEYS, where)
    pointers = item.get("pointers")
    names = item.get("codes")
    if not isinstance(pointers, list) or not pointers:
        raise LabelError(f"{where}: 'pointers' must be a non-empty list")
    if not isinstance(names, list) or not names:
        raise LabelError(f"{where}: 'codes' must be a non-empty list")
    return Defect(
        id=_text(item, "id", where),
        concern=_text(item, "concern", where),
        pointers=tuple(_pointer(p, where) for p in pointers),
        codes=tuple(_code(c, codes, where, allow_new=True) for c in names),
    )


def parse_labels(data: object, path: Path, root: Path, codes: set[str]) -> LabelFile:
    """Check one labels document (already read as plain data) and return it."""
    top = _check_keys(data, _FILE_KEYS, str(path))
    declaration = Path(_text(top, "declaration", str(path)))
    if not declaration.is_absolute():
        declaration = root / declaration
    if not declaration.is_file():
        raise LabelError(f"{path}: declaration {declaration} does not exist")
    findings = top.get("findings")
    defects = top.get("defects")
    if not isinstance(findings, list) or not isinstance(defects, list):
        raise LabelError(f"{path}: 'findings' and 'defects' must be lists")
    labels: dict[tuple[str, str, str], Label] = {}
    for index, entry in enumerate(findings):
        label = _finding_label(entry, codes, f"{path}: findings[{index}]")
        key = (label.code, label.pointer, label.match or "")
        if key in labels:
            raise LabelError(f"{path}: findings[{index}]: {key[0]} at {key[1]!r} labelled twice")
        labels[key] = label
    parsed: list[Defect] = []
    for index, entry in enumerate(defects):
        defect = _defect(entry, codes, f"{path}: defects[{index}]")
        if any(d.id == defect.id for d in parsed):
            raise LabelError(f"{path}: defects[{index}]: id {defect.id!r} used twice")
        parsed.append(defect)
    return LabelFile(path, declaration, labels, tuple(parsed))


def read_labels(path: Path, root: Path = ROOT, codes: set[str] | None = None) -> LabelFile:
    """Read and check one labels file (YAML, read with perfdecl's own loader)."""
    import perfdecl
    from perfdecl.problem import Severity

    loaded = perfdecl.load_path(path)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if loaded.data is None or errors:
        first = errors[0].message.en if errors else "not one YAML mapping"
        raise LabelError(f"{path}: cannot be read: {first}")
    return parse_labels(loaded.data, path, root, known_codes() if codes is None else codes)


def read_folder(folder: Path, root: Path = ROOT) -> list[LabelFile]:
    """Every labels file (*.yaml, *.yml) of ``folder``, sorted by name."""
    if not folder.is_dir():
        raise LabelError(f"{folder}: no such labels folder")
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    if not paths:
        raise LabelError(f"{folder}: no labels files (*.yaml)")
    codes = known_codes()
    files = [read_labels(p, root, codes) for p in paths]
    seen: dict[Path, Path] = {}
    for lf in files:
        other = seen.setdefault(lf.declaration.resolve(), lf.path)
        if other != lf.path:
            raise LabelError(f"{lf.path}: {lf.declaration} is already labelled by {other}")
    return files


# ---------------------------------------------------------------------------- scoring


def run_findings(declaration: Path) -> list[Finding]:
    """The findings of the default run (no configuration), as ``perfdecl validate`` reports them."""
    import perfdecl

    result = perfdecl.check_path(declaration)
    return [Finding(p.code, p.pointer, p.line, p.message.en) for p in result.problems]


def lands_on(pointer: str, target: str) -> bool:
    """True when ``pointer`` is ``target`` or a location under it."""
    return pointer == target or target == "" or pointer.startswith(target + "/")


def score(lf: LabelFile, findings: Sequence[Finding]) -> FileScore:
    """Match findings to labels and defects; pure arithmetic, no perfdecl call."""
    result = FileScore(str(lf.path), str(lf.declaration))

    def code(name: str) -> CodeScore:
        return result.codes.setdefault(name, CodeScore())

    for name, _pointer, _match in lf.labels:  # a code labelled before stays in the table at 0
        code(name)
    matched: set[tuple[str, str, str]] = set()
    for finding in findings:
        key = _key(lf, finding)
        entry = code(finding.code)
        entry.findings += 1
        label = lf.labels.get(key)
        if label is None:
            entry.unlabelled += 1
            result.unlabelled.append(finding)
        elif label.label == "useful":
            entry.useful += 1
        else:
            entry.noise += 1
        if label is not None:
            matched.add(key)
    result.stale = [lab for key, lab in lf.labels.items() if key not in matched]
    for defect in lf.defects:
        hits = {
            f.code
            for f in findings
            if f.code in defect.codes and any(lands_on(f.pointer, p) for p in defect.pointers)
        }
        for name in dict.fromkeys(defect.codes):
            entry = code(name)
            entry.defects += 1
            entry.found += name in hits
        result.overall.defects += 1
        if hits:
            result.overall.found += 1
        else:
            result.missed.append(defect)
    for entry in result.codes.values():
        result.overall.findings += entry.findings
        result.overall.useful += entry.useful
        result.overall.noise += entry.noise
        result.overall.unlabelled += entry.unlabelled
    return result


def _key(lf: LabelFile, finding: Finding) -> tuple[str, str, str]:
    """The label key of a finding: (code, pointer, match) with the first label whose match the
    message holds, else (code, pointer, "")."""
    for code, pointer, match in lf.labels:
        if (
            code == finding.code
            and pointer == finding.pointer
            and match
            and match in finding.message
        ):
            return code, pointer, match
    return finding.code, finding.pointer, ""


def total(scores: Iterable[FileScore]) -> tuple[dict[str, CodeScore], CodeScore]:
    """Per-code and overall sums over several files."""
    codes: dict[str, CodeScore] = {}
    overall = CodeScore()
    for s in scores:
        for name, entry in s.codes.items():
            codes.setdefault(name, CodeScore()).add(entry)
        overall.add(s.overall)
    return dict(
        sorted(codes.items(), key=lambda kv: (kv[0].startswith(NEW_PREFIX), kv[0]))
    ), overall


# ---------------------------------------------------------------------------- output


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(codes: Mapping[str, CodeScore], overall: CodeScore) -> list[str]:
    """The precision/recall table as Markdown lines (pasted into docs/review-quality.md)."""
    lines = [
        "| code | findings | useful | noise | unlabelled | precision | defects | found | recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [*codes.items(), ("**overall**", overall)]
    for name, e in rows:
        lines.append(
            f"| {name} | {e.findings} | {e.useful} | {e.noise} | {e.unlabelled} | "
            f"{_ratio(e.precision)} | {e.defects} | {e.found} | {_ratio(e.recall)} |"
        )
    return lines


def _relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return path


def report_text(scores: Sequence[FileScore]) -> str:
    codes, overall = total(scores)
    out = [
        f"review quality: {len(scores)} labelled file(s), {overall.findings} findings "
        f"({overall.useful} useful, {overall.noise} noise, {overall.unlabelled} unlabelled), "
        f"{overall.defects} defects ({overall.found} found)",
        "",
        *table(codes, overall),
        "",
    ]
    for s in scores:
        o = s.overall
        out.append(
            f"{_relative(s.declaration)}: {o.findings} findings, precision {_ratio(o.precision)}, "
            f"recall {_ratio(o.recall)} ({o.found}/{o.defects} defects)"
        )
    unlabelled = [(s, f) for s in scores for f in s.unlabelled]
    out.append("")
    out.append(f"unlabelled findings (counted as noise): {len(unlabelled) or 'none'}")
    for s, f in unlabelled:
        out.append(f"  {_relative(s.declaration)}:{f.line} {f.code} {f.pointer} {f.message}")
    stale = [(s, lab) for s in scores for lab in s.stale]
    out.append(f"labels with no finding today: {len(stale) or 'none'}")
    for s, lab in stale:
        out.append(f"  {_relative(s.labels_file)}: {lab.code} {lab.pointer} ({lab.label})")
    missed = [(s, d) for s in scores for d in s.missed]
    out.append(f"defects not found: {len(missed) or 'none'}")
    for s, d in missed:
        out.append(f"  {_relative(s.declaration)} {d.id} [{', '.join(d.codes)}]: {d.concern}")
    return "\n".join(out) + "\n"


def _score_dict(e: CodeScore) -> dict[str, Any]:
    return {
        "findings": e.findings,
        "useful": e.useful,
        "noise": e.noise,
        "unlabelled": e.unlabelled,
        "precision": e.precision,
        "defects": e.defects,
        "found": e.found,
        "recall": e.recall,
    }


def report_json(scores: Sequence[FileScore]) -> str:
    codes, overall = total(scores)
    doc = {
        "overall": _score_dict(overall),
        "codes": {name: _score_dict(e) for name, e in codes.items()},
        "files": [
            {
                "labels": _relative(s.labels_file),
                "declaration": _relative(s.declaration),
                "overall": _score_dict(s.overall),
                "unlabelled": [
                    {"code": f.code, "pointer": f.pointer, "line": f.line, "message": f.message}
                    for f in s.unlabelled
                ],
                "stale": [
                    {"code": lab.code, "pointer": lab.pointer, "label": lab.label}
                    for lab in s.stale
                ],
                "missed": [
                    {"id": d.id, "codes": list(d.codes), "concern": d.concern} for d in s.missed
                ],
            }
            for s in scores
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--labels", type=Path, default=DEFAULT_LABELS, metavar="DIR", help="labels folder"
    )
    args = parser.parse_args(argv)
    try:
        files = read_folder(args.labels)
    except LabelError as exc:
        print(f"review_quality: {exc}", file=sys.stderr)
        return 2
    scores = [score(lf, run_findings(lf.declaration)) for lf in files]
    sys.stdout.write(report_json(scores) if args.json else report_text(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
