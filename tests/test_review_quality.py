"""bench/review_quality.py: the labels are well-formed and the precision/recall arithmetic is right.

No assertion on today's figures: they change as rules are tuned (docs/review-quality.md keeps them).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from perfdecl.catalogue import all_codes
from tests.conftest import EXAMPLE, ROOT

SCRIPT = ROOT / "bench" / "review_quality.py"
LABELS = ROOT / "bench" / "review_quality" / "labels"


@pytest.fixture(scope="module")
def rq() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("review_quality", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["review_quality"] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("review_quality", None)


def _resolve(data: Any, pointer: str) -> Any:
    node = data
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


MISSING_PART = {"PD201"}
"""Codes that report a part missing from the file: their pointer names where it would be, so
only its parent must exist (and be a mapping)."""


def _resolve_place(data: Any, pointer: str, codes: Iterable[str]) -> None:
    try:
        _resolve(data, pointer)
    except KeyError:
        if not MISSING_PART & set(codes):
            raise
        parent, _, key = pointer.rpartition("/")
        node = _resolve(data, parent)
        assert isinstance(node, dict) and key not in node, pointer


# ---------------------------------------------------------------------------- the committed labels


def test_every_labels_file_is_well_formed(rq: ModuleType) -> None:
    files = rq.read_folder(LABELS)
    assert files, "no labels file"
    codes = set(all_codes())
    for lf in files:
        assert lf.labels, f"{lf.path}: no labelled finding"
        assert lf.defects, f"{lf.path}: no defect listed"
        data = yaml.safe_load(lf.declaration.read_text(encoding="utf-8"))
        for (code, pointer, _match), label in lf.labels.items():
            assert code in codes
            assert label.label in ("useful", "noise") and label.reason.strip()
            _resolve_place(data, pointer, [code])  # KeyError/IndexError: a pointer into nothing
        for defect in lf.defects:
            assert defect.concern.strip()
            for code in defect.codes:
                assert code in codes or (code.startswith("new:") and len(code) > 4), code
            for pointer in defect.pointers:
                _resolve_place(data, pointer, defect.codes)


def test_row_names_agree_with_pointers(rq: ModuleType) -> None:
    """The human-readable row id of a label is the id of the row its pointer is in."""
    for lf in rq.read_folder(LABELS):
        data = yaml.safe_load(lf.declaration.read_text(encoding="utf-8"))
        for (_code, pointer, _match), label in lf.labels.items():
            if label.row is not None:
                parts = pointer.split("/")
                assert _resolve(data, "/".join(parts[:7]))["id"] == label.row, pointer


# ---------------------------------------------------------------------------- malformed labels


def _write(folder: Path, doc: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "one.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "declaration": str(EXAMPLE),
        "findings": [
            {"code": "PD214", "pointer": "/indicators", "label": "useful", "reason": "share"}
        ],
        "defects": [
            {"id": "d1", "concern": "share", "pointers": ["/indicators"], "codes": ["PD214"]}
        ],
    }
    doc.update(changes)
    return doc


BAD = {
    "label-value": {
        "findings": [{"code": "PD214", "pointer": "/indicators", "label": "maybe", "reason": "x"}]
    },
    "unknown-code": {
        "findings": [{"code": "PD999", "pointer": "/indicators", "label": "noise", "reason": "x"}]
    },
    "new-code-on-a-finding": {
        "findings": [{"code": "new:x", "pointer": "/indicators", "label": "noise", "reason": "x"}]
    },
    "no-reason": {"findings": [{"code": "PD214", "pointer": "/indicators", "label": "noise"}]},
    "bad-pointer": {
        "findings": [{"code": "PD214", "pointer": "indicators", "label": "noise", "reason": "x"}]
    },
    "labelled-twice": {
        "findings": [
            {"code": "PD214", "pointer": "/indicators", "label": "noise", "reason": "x"},
            {"code": "PD214", "pointer": "/indicators", "label": "useful", "reason": "y"},
        ]
    },
    "unknown-key": {
        "findings": [
            {"code": "PD214", "pointer": "/indicators", "label": "noise", "reason": "x", "lable": 1}
        ]
    },
    "defect-unknown-code": {
        "defects": [{"id": "d", "concern": "c", "pointers": ["/indicators"], "codes": ["PD2999"]}]
    },
    "defect-empty-new": {
        "defects": [{"id": "d", "concern": "c", "pointers": ["/indicators"], "codes": ["new:"]}]
    },
    "defect-no-pointers": {"defects": [{"id": "d", "concern": "c", "pointers": [], "codes": []}]},
    "defect-id-twice": {
        "defects": [
            {"id": "d", "concern": "c", "pointers": ["/indicators"], "codes": ["PD214"]},
            {"id": "d", "concern": "e", "pointers": ["/funds"], "codes": ["PD202"]},
        ]
    },
    "missing-declaration": {"declaration": "no/such/file.yaml"},
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_labels_exit_2(
    rq: ModuleType, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, _doc(**BAD[case]))
    assert rq.main(["--labels", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "review_quality:" in captured.err


def test_unreadable_yaml_and_empty_folder_exit_2(rq: ModuleType, tmp_path: Path) -> None:
    assert rq.main(["--labels", str(tmp_path)]) == 2  # no labels file at all
    (tmp_path / "broken.yaml").write_text("findings: [\n", encoding="utf-8")
    assert rq.main(["--labels", str(tmp_path)]) == 2
    assert rq.main(["--labels", str(tmp_path / "missing")]) == 2


def test_two_labels_files_for_one_declaration_exit_2(rq: ModuleType, tmp_path: Path) -> None:
    _write(tmp_path, _doc())
    (tmp_path / "two.yaml").write_text((tmp_path / "one.yaml").read_text("utf-8"), "utf-8")
    assert rq.main(["--labels", str(tmp_path)]) == 2


def test_new_codes_are_accepted_in_defects(rq: ModuleType, tmp_path: Path) -> None:
    doc = _doc(
        defects=[{"id": "d", "concern": "c", "pointers": ["/indicators"], "codes": ["new:x"]}]
    )
    lf = rq.read_labels(_write(tmp_path, doc))
    assert lf.defects[0].codes == ("new:x",)


# ---------------------------------------------------------------------------- arithmetic


def _tiny(rq: ModuleType, tmp_path: Path) -> Any:
    decl = tmp_path / "decl.yaml"
    decl.write_text("x: 1\n", encoding="utf-8")
    doc = {
        "declaration": "decl.yaml",  # relative to the root given
        "findings": [
            {"code": "PD215", "pointer": "/a/0/text", "label": "useful", "reason": "r"},
            {"code": "PD215", "pointer": "/a/1/text", "label": "noise", "reason": "r"},
            {"code": "PD211", "pointer": "/a/1/text", "label": "noise", "reason": "r"},
            {"code": "PD217", "pointer": "/c/0/text", "label": "useful", "reason": "gone today"},
        ],
        "defects": [
            {"id": "vague", "concern": "c", "pointers": ["/a/0"], "codes": ["PD215"]},
            {"id": "boiler", "concern": "c", "pointers": ["/b/0", "/b/1"], "codes": ["PD221"]},
            {"id": "either", "concern": "c", "pointers": ["/a/1"], "codes": ["PD211", "PD215"]},
            {"id": "new", "concern": "c", "pointers": ["/a"], "codes": ["new:thing"]},
            {"id": "not-prefix", "concern": "c", "pointers": ["/a/1"], "codes": ["PD216"]},
        ],
    }
    return rq.parse_labels(doc, tmp_path / "labels.yaml", tmp_path, set(all_codes()))


def test_arithmetic_on_a_tiny_label_set(rq: ModuleType, tmp_path: Path) -> None:
    lf = _tiny(rq, tmp_path)
    assert lf.declaration == tmp_path / "decl.yaml"
    F = rq.Finding
    findings = [
        F("PD215", "/a/0/text", 1, "m"),  # useful; finds 'vague'
        F("PD215", "/a/1/text", 2, "m"),  # noise; finds 'either'
        F("PD211", "/a/1/text", 2, "m"),  # noise; finds 'either' too (counted once overall)
        F("PD221", "/b/1/text", 3, "m"),  # unlabelled -> noise; finds 'boiler' (second pointer)
        F("PD216", "/a/10/text", 4, "m"),  # unlabelled; /a/10 is not under /a/1
    ]
    s = rq.score(lf, findings)
    o = s.overall
    assert (o.findings, o.useful, o.noise, o.unlabelled) == (5, 1, 2, 2)
    assert o.precision == pytest.approx(1 / 5)
    assert (o.defects, o.found) == (5, 3)
    assert o.recall == pytest.approx(3 / 5)
    assert [d.id for d in s.missed] == ["new", "not-prefix"]
    assert [(f.code, f.pointer) for f in s.unlabelled] == [
        ("PD221", "/b/1/text"),
        ("PD216", "/a/10/text"),
    ]
    assert [(lab.code, lab.pointer) for lab in s.stale] == [("PD217", "/c/0/text")]
    c = s.codes
    assert (c["PD215"].findings, c["PD215"].useful, c["PD215"].precision) == (2, 1, 0.5)
    assert (c["PD215"].defects, c["PD215"].found) == (2, 2)
    assert (c["PD211"].findings, c["PD211"].precision, c["PD211"].recall) == (1, 0.0, 1.0)
    assert (c["PD221"].unlabelled, c["PD221"].recall) == (1, 1.0)
    assert (c["PD216"].defects, c["PD216"].found) == (1, 0)
    assert (c["new:thing"].findings, c["new:thing"].precision, c["new:thing"].recall) == (
        0,
        None,
        0.0,
    )
    assert c["PD217"].findings == 0  # a stale label adds no finding


def test_totals_over_files_and_empty_ratios(rq: ModuleType, tmp_path: Path) -> None:
    lf = _tiny(rq, tmp_path)
    one = rq.score(lf, [rq.Finding("PD215", "/a/0/text", 1, "m")])
    two = rq.score(lf, [])
    codes, overall = rq.total([one, two])
    assert (overall.findings, overall.useful, overall.defects, overall.found) == (1, 1, 10, 1)
    assert codes["PD215"].precision == 1.0
    assert list(codes)[-1] == "new:thing"  # placeholders listed after real codes
    assert two.overall.precision is None
    lines = rq.table(codes, overall)
    assert lines[-1].startswith("| **overall** | 1 | 1 | 0 | 0 | 1.00 | 10 | 1 | 0.10 |")


def test_lands_on(rq: ModuleType) -> None:
    assert rq.lands_on("/a/1/text", "/a/1")
    assert rq.lands_on("/a/1", "/a/1")
    assert not rq.lands_on("/a/10/text", "/a/1")
    assert rq.lands_on("/anything", "")


# ---------------------------------------------------------------------------- the script itself


def test_partial_labels_list_every_unlabelled_finding(
    rq: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, _doc())
    assert rq.main(["--labels", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = len(rq.run_findings(EXAMPLE))
    assert report["overall"]["findings"] == expected > 1
    assert report["overall"]["useful"] == 1
    assert report["overall"]["unlabelled"] == expected - 1
    assert len(report["files"][0]["unlabelled"]) == expected - 1
    assert report["overall"]["precision"] == pytest.approx(1 / expected)


def test_script_runs_on_the_committed_labels() -> None:
    text = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "| code | findings | useful | noise | unlabelled | precision |" in text
    assert "| **overall** |" in text
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--json"], capture_output=True, text=True, check=True
    ).stdout
    report = json.loads(out)
    assert {f["declaration"] for f in report["files"]} >= {"examples/niujie_2019.yaml"}
    total = report["overall"]
    assert total["findings"] == total["useful"] + total["noise"] + total["unlabelled"]
