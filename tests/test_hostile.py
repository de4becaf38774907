"""Hostile inputs (issue #9): whatever a file holds, a stable code, a clear message, the right exit.

One table, :data:`CASES`, drives ``validate`` and ``diff`` (and ``bench/hostile.py``, which times
every case in a subprocess: no timed assertion here). Large inputs are generated in ``tmp_path``
at test time, never committed. For every case, through the CLI:

* the expected code(s) are reported, with a non-empty message in Chinese and in English, and a
  position (``line``/``column``) whenever the code is about a place in the text;
* the exit code is 1 for bad content and 2 for a path that cannot be read (documented in
  README "Exit codes" and docs/hardening.md);
* there is no traceback, no internal error (PD900), and nothing is written beside the inputs.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from perfdecl.cli.app import app

from .conftest import EXAMPLE

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
POSIX = os.name == "posix"
ROOT_USER = POSIX and os.geteuid() == 0
UNPOSITIONED = frozenset({"PD001", "PD002", "PD004"})
"""Codes about the whole file (unreadable, too large, legacy encoding): no line or column."""

runner = CliRunner()


# --- building inputs ---------------------------------------------------------------------------


def swap(old: str, new: str, text: str = EXAMPLE_TEXT) -> str:
    """The example with one exact passage replaced (the passage must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)


def write(name: str, data: bytes | str) -> Callable[[Path], str]:
    """A builder that writes ``data`` to ``folder/name`` and names that file."""

    def build(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    return build


def lazy(name: str, make: Callable[[], bytes]) -> Callable[[Path], str]:
    """Like :func:`write` for large inputs: generated only when the case runs."""

    def build(folder: Path) -> str:
        path = folder / name
        path.write_bytes(make())
        return str(path)

    return build


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def png() -> bytes:
    noise = random.Random(9).randbytes(4096)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise


def symlink_to_example(folder: Path) -> str:
    link = folder / "link.yaml"
    link.symlink_to(EXAMPLE)
    return str(link)


def dangling_symlink(folder: Path) -> str:
    link = folder / "dangling.yaml"
    link.symlink_to(folder / "nowhere.yaml")
    return str(link)


def folder_with_example(folder: Path) -> str:
    (folder / "decl").mkdir()
    (folder / "decl" / "a.yaml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    return str(folder / "decl")


def empty_folder(folder: Path) -> str:
    (folder / "empty").mkdir()
    return str(folder / "empty")


def fifo(folder: Path) -> str:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return str(path)


def chmod_000(folder: Path) -> str:
    path = folder / "secret.yaml"
    path.write_text(EXAMPLE_TEXT, encoding="utf-8")
    path.chmod(0)
    return str(path)


def missing(folder: Path) -> str:
    return str(folder / "missing.yaml")


def many_keys() -> bytes:
    """More keys than the node limit allows in a file far under the size limit."""
    from perfdecl.loader import DEFAULT_LIMITS

    rows = "".join(f"  k{i}: {i}\n" for i in range(DEFAULT_LIMITS.max_nodes // 2 + 1000))
    return swap("remarks: 无\n", f"remarks: 无\nextra:\n{rows}").encode()


# --- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input and what perfdecl must answer."""

    id: str
    build: Callable[[Path], str]
    codes: tuple[str, ...]  # reported, each at least once
    exit: int  # of validate: 0 fine, 1 bad content, 2 cannot read
    says: str = ""  # a phrase the English message of the first code must contain
    absent: tuple[str, ...] = ()  # codes that must not be reported
    checked: bool = False  # the declaration was read: review rules (PD2xx) ran
    needs: str = ""  # "fifo", "symlink" or "nonroot": skipped where impossible
    diff: int | None = None  # exit of diff against the example; default 2 unless exit is 0
    heavy: bool = False  # large input: bench/hostile.py and one language only

    @property
    def diff_exit(self) -> int:
        return self.diff if self.diff is not None else (0 if self.exit == 0 else 2)


CASES: tuple[Case, ...] = (
    Case("empty-file", write("a.yaml", b""), ("PD010",), 1, "empty"),
    Case("comment-only", write("a.yaml", "# 只有注释\n# comments only\n"), ("PD010",), 1, "empty"),
    Case("tilde", write("a.yaml", "~\n"), ("PD010",), 1, "empty"),
    Case("top-level-list", write("a.yaml", "- 产出指标\n- 效益指标\n"), ("PD010",), 1, "a list"),
    Case("top-level-scalar", write("a.yaml", "牛街街道\n"), ("PD010",), 1, "single value"),
    Case("binary-png", write("a.png.yaml", png()), ("PD003",), 1, "binary"),
    Case(
        "invalid-utf8",
        write("a.yaml", EXAMPLE_TEXT.encode().replace("丽".encode(), b"\xff", 1)),
        ("PD003",),
        1,
        "not valid UTF-8",
    ),
    Case(
        "gb18030",
        write("a.yaml", EXAMPLE_TEXT.encode("gb18030")),
        ("PD004",),
        0,
        "GB18030",
        absent=("PD003",),
        checked=True,
    ),
    Case(
        "utf16-le-bom",
        write("a.yaml", b"\xff\xfe" + EXAMPLE_TEXT.encode("utf-16-le")),
        (),
        0,
        absent=("PD003", "PD004"),
        checked=True,
    ),
    Case(
        "utf16-be-bom",
        write("a.yaml", b"\xfe\xff" + EXAMPLE_TEXT.encode("utf-16-be")),
        (),
        0,
        absent=("PD003", "PD004"),
        checked=True,
    ),
    Case(
        "utf8-bom",
        write("a.yaml", b"\xef\xbb\xbf" + EXAMPLE_TEXT.encode()),
        (),
        0,
        absent=("PD003", "PD004", "PD005"),
        checked=True,
    ),
    Case(
        "tab-indentation",
        write("a.yaml", swap("  total: 18891.87", "\ttotal: 18891.87")),
        ("PD005",),
        1,
        "tabs",
    ),
    Case(
        "unclosed-quote",
        write("a.yaml", swap('phone: "83998540"', 'phone: "83998540')),
        ("PD005",),
        1,
        "YAML syntax error",
    ),
    Case(
        "python-object-apply",
        write(
            "a.yaml", swap("head: 李丽京", 'head: !!python/object/apply:os.system ["echo pwned"]')
        ),
        ("PD007",),
        1,
        "python/object/apply",
    ),
    Case(
        "python-name",
        write("a.yaml", swap("head: 李丽京", "head: !!python/name:os.system")),
        ("PD007",),
        1,
        "not allowed",
    ),
    Case(
        "custom-tag",
        write("a.yaml", swap("head: 李丽京", "head: !foo 李丽京")),
        ("PD007",),
        1,
        "!foo",
    ),
    Case("billion-laughs", write("a.yaml", billion_laughs()), ("PD008",), 1, "billion laughs"),
    Case("recursive-alias", write("a.yaml", "a: &a [*a]\n"), ("PD008",), 1, "recursive"),
    Case(
        "flow-nesting-100k",
        lazy("a.yaml", lambda: b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("PD009",),
        1,
        "too deep",
    ),
    Case(
        "block-nesting-2000",
        lazy("a.yaml", lambda: "".join(f"{'  ' * i}k{i}:\n" for i in range(2000)).encode()),
        ("PD009",),
        1,
        "deeper than 64",
    ),
    Case(
        "duplicate-keys",
        write("a.yaml", swap("head: 李丽京\n", "head: 李丽京\nhead: 王五\n")),
        ("PD006",),
        1,
        "duplicate key",
    ),
    Case(
        "string-60mb",
        lazy("a.yaml", lambda: b"remarks: " + b"x" * (60 * 1024 * 1024) + b"\n"),
        ("PD002",),
        1,
        "too large",
        heavy=True,
    ),
    Case(
        "string-15mb",
        lazy("a.yaml", lambda: swap("remarks: 无", "remarks: " + "无" * 5_000_000).encode()),
        ("PD237",),  # info: the rules read the first 20,000 characters
        0,
        absent=("PD002",),
        checked=True,
        heavy=True,
    ),
    Case(
        "too-many-keys",
        lazy("a.yaml", many_keys),
        ("PD002",),
        1,
        "keys and values",
        heavy=True,
    ),
    Case(
        "several-documents",
        write("a.yaml", EXAMPLE_TEXT + "---\n" + EXAMPLE_TEXT),
        ("PD010",),
        1,
        "one YAML document",
    ),
    Case(
        "yaml11-no-off",
        write("a.yaml", swap("head: 李丽京", "head: no")),
        ("PD012",),
        0,
        "boolean",
        checked=True,
    ),
    Case(
        "yaml11-octal",
        write("a.yaml", swap('phone: "83998540"', "phone: 010")),
        ("PD012",),
        0,
        "octal",
        checked=True,
    ),
    Case(
        "yaml11-sexagesimal",
        write("a.yaml", swap('phone: "83998540"', "phone: 1:30")),
        ("PD012",),
        0,
        "base-60",
        checked=True,
    ),
    Case(
        "yaml11-date-as-year",
        write("a.yaml", swap("year: 2019", "year: 2019-01-01")),
        ("PD103",),
        1,
        "/year",
    ),
    Case(
        "long-octal-trap",
        lazy("a.yaml", lambda: swap('phone: "83998540"', "phone: 0" + "1" * 200_000).encode()),
        ("PD012", "PD237"),
        0,
        "octal",
        checked=True,
    ),
    Case(
        "nan-amount",
        write("a.yaml", swap("  total: 18891.87", "  total: .nan")),
        ("PD103",),
        1,
        "expected a number",
    ),
    Case(
        "infinite-amounts",
        write(
            "a.yaml",
            swap("  basic: 4767.16", "  basic: .inf").replace("  other: 0", "  other: -.inf"),
        ),
        ("PD103",),
        1,
        "expected a number",
    ),
    Case(
        "5000-digit-amount",
        write("a.yaml", swap("  total: 18891.87", "  total: " + "9" * 5000)),
        ("PD007", "PD104"),  # read as text, then refused by the model's digit bound
        1,
        "number too long",
    ),
    Case(
        "nul-byte", write("a.yaml", swap("head: 李丽京", "head: 李\x00丽京")), ("PD003",), 1, "NUL"
    ),
    Case(
        "control-characters",
        write("a.yaml", swap("head: 李丽京", "head: 李\x07丽\x1b京")),
        ("PD005",),
        1,
        "control character",
    ),
    Case(
        "merge-key",
        write(
            "a.yaml",
            swap("funds:\n", "base: &base {total: 1}\nfunds:\n  <<: *base\n"),
        ),
        ("PD011",),
        1,
        "merge keys",
    ),
    Case(
        "complex-key",
        write("a.yaml", swap("funds:\n", "? [a, b]\n: 1\nfunds:\n")),
        ("PD011",),
        1,
        "plain text",
    ),
    Case("symlink-to-example", symlink_to_example, (), 0, checked=True, needs="symlink"),
    Case("dangling-symlink", dangling_symlink, ("PD001",), 2, "symbolic link", needs="symlink"),
    Case("folder", folder_with_example, (), 0, checked=True, diff=2),
    Case("empty-folder", empty_folder, ("PD001",), 2, "holds no *.yaml"),
    Case("fifo", fifo, ("PD001",), 2, "not a regular file", needs="fifo"),
    Case("unreadable-chmod-000", chmod_000, ("PD001",), 2, "permission denied", needs="nonroot"),
    Case("missing-file", missing, ("PD001",), 2, "no such file"),
)

BY_ID = {case.id: case for case in CASES}


def skip_unless_possible(case: Case) -> None:
    if case.needs == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    if case.needs == "symlink" and not POSIX:
        pytest.skip("symbolic links need privileges on Windows")
    if case.needs == "nonroot" and (ROOT_USER or not POSIX):
        pytest.skip("root reads any file; the in-process PermissionError test covers it")


# --- running -----------------------------------------------------------------------------------


def listing(folder: Path) -> set[str]:
    """Every path under ``folder`` (hidden ones too): what a run must not add to."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


_COMMANDS: dict[int, object] = {}


def _command_once(typer_app: typer.Typer) -> object:
    """Typer rebuilds the command tree on every invoke (70 ms); the catalogue invokes ~200 times."""
    key = id(typer_app)
    if key not in _COMMANDS:
        _COMMANDS[key] = typer.main.get_command(typer_app)
    return _COMMANDS[key]


def invoke(args: list[str], folder: Path) -> tuple[int, str, str]:
    """Run the CLI in-process from ``folder``; an uncaught exception fails the test."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(typer.testing, "_get_command", _command_once)
            result = runner.invoke(app, args, env={"NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def problems_of(out: str) -> list[dict[str, object]]:
    document = json.loads(out)
    return [p for f in document["files"] for p in f["problems"]]


def assert_clean_output(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text
        assert "PD900" not in text
        assert "internal error" not in text


def check_validate(case: Case, folder: Path, lang: str) -> dict[str, list[dict[str, object]]]:
    """validate --format json: codes, messages, positions, exit; returns problems by code."""
    folder.mkdir()
    target = case.build(folder)
    before = listing(folder)
    code, out, err = invoke(["validate", "--format", "json", "--lang", lang, target], folder)
    assert_clean_output(out, err)
    assert listing(folder) == before, "validate wrote a file"
    problems = problems_of(out)
    by_code: dict[str, list[dict[str, object]]] = {}
    for p in problems:
        assert set(p) >= {"code", "message", "file", "line", "column", "pointer"}
        assert isinstance(p["message"], str) and p["message"].strip()
        assert len(p["message"]) < 1000, p["message"][:200]  # values are quoted shortened
        by_code.setdefault(str(p["code"]), []).append(p)
    assert code == case.exit, (code, sorted(by_code))
    for expected in case.codes:
        assert expected in by_code, (expected, sorted(by_code))
        for p in by_code[expected]:
            assert p["file"], p
            if expected not in UNPOSITIONED:
                assert isinstance(p["line"], int) and p["line"] >= 1, p
                assert isinstance(p["column"], int) and p["column"] >= 1, p
    for unwanted in case.absent:
        assert unwanted not in by_code, (unwanted, by_code[unwanted][:1])
    if case.checked:
        assert any(c.startswith("PD2") for c in by_code), sorted(by_code)
    return by_code


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_catalogue(case: Case, tmp_path: Path) -> None:
    skip_unless_possible(case)
    en = check_validate(case, tmp_path / "en", "en")
    if case.says and case.codes:
        assert case.says in str(en[case.codes[0]][0]["message"]), en[case.codes[0]][0]
    if case.heavy or not case.codes:
        return  # the same problems as in English; the Chinese wording is checked on the others
    zh = check_validate(case, tmp_path / "zh", "zh")
    for expected in case.codes:
        zh_message = str(zh[expected][0]["message"])
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_message), zh_message
        assert zh_message != en[expected][0]["message"]


@pytest.mark.parametrize("total", ["9" * 5000, '"' + "9" * 5000 + '"'], ids=["plain", "quoted"])
def test_long_amount_is_not_quoted_whole(total: str) -> None:
    """The loader reads a long plain number as text (PD007); the model bounds numeric text too
    (PD104), so the rules never see the amount and nothing quotes it whole."""
    from perfdecl.lint import check_bytes

    result = check_bytes(swap("  total: 18891.87", f"  total: {total}").encode(), file="a.yaml")
    (digits,) = [p for p in result.problems if p.code == "PD104"]
    assert digits.pointer == "/funds/total" and (digits.line, digits.column) == (10, 10)
    assert "amount has too many digits (5,000 before the point, at most 40)" in digits.message.en
    assert "金额位数过多" in digits.message.zh
    assert "PD202" not in {p.code for p in result.problems}
    assert all(len(p.message.en) < 1000 for p in result.problems)


def test_permission_denied_is_reported_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads anything, so a PermissionError is simulated where read_path opens the file."""
    target = tmp_path / "secret.yaml"
    target.write_text(EXAMPLE_TEXT, encoding="utf-8")
    real_open = os.open

    def denying_open(path: str | os.PathLike[str], flags: int, *args: int, **kw: int) -> int:
        if os.fspath(path) == str(target):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", denying_open)
    code, out, err = invoke(["validate", "--format", "json", str(target)], tmp_path)
    assert code == 2
    assert_clean_output(out, err)
    (problem,) = problems_of(out)
    assert problem["code"] == "PD001" and "permission denied" in str(problem["message"])


# --- diff: a hostile side, old or new ----------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_diff_catalogue(case: Case, tmp_path: Path) -> None:
    """Exit 2 when a side cannot be read or is not a valid declaration (docs/diff.md)."""
    skip_unless_possible(case)
    # Both sides are read by the same code; a valid side costs a full diff, so once is enough.
    for side in ("new",) if case.heavy or case.diff_exit != 2 else ("old", "new"):
        folder = tmp_path / side
        folder.mkdir()
        hostile = case.build(folder)
        before = listing(folder)
        args = [hostile, str(EXAMPLE)] if side == "old" else [str(EXAMPLE), hostile]
        code, out, err = invoke(["diff", "--format", "json", "--lang", "en", *args], folder)
        assert_clean_output(out, err)
        assert listing(folder) == before, "diff wrote a file"
        assert code == case.diff_exit, (side, code, err[-400:])
        if code == 2:
            assert hostile in err and "perfdecl:" in err, err[-400:]
            for expected in case.codes:
                if expected.startswith(("PD0", "PD1")):
                    assert expected in err, (expected, err[-400:])
        else:
            json.loads(out)


# --- a few cases through a real process --------------------------------------------------------

SUBPROCESS_CASES = ("binary-png", "billion-laughs", "fifo")


@pytest.mark.parametrize("case_id", SUBPROCESS_CASES)
def test_real_subprocess(case_id: str, tmp_path: Path) -> None:
    case = BY_ID[case_id]
    skip_unless_possible(case)
    target = case.build(tmp_path)
    before = listing(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "perfdecl", "validate", "--format", "json", target],
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
        check=False,
    )
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")
    assert_clean_output(out, err)
    assert proc.returncode == case.exit
    assert {p["code"] for p in problems_of(out)} >= set(case.codes)
    assert listing(tmp_path) == before


def iter_case_ids() -> Iterator[str]:
    """For bench/hostile.py: every case id, in catalogue order."""
    yield from BY_ID


# --- the bounds behind the fixes ---------------------------------------------------------------


def _count_nodes(text: str) -> int:
    import yaml

    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    count = 0
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2",
        "a:\n  b: 1\n  c: [x, y, {z: 1}]\n",
        "- a: 1\n- c: 2\n- e: 3",
        "{a, b, c, d}",
        "[a: 1, b: 2, ? c]",
        "- - - - x",
        "? a\n? b\n",
        EXAMPLE_TEXT,
    ],
    ids=["map", "nested", "seq-of-maps", "flow-nulls", "flow-pairs", "deep-seq", "explicit", "ex"],
)
def test_node_bound_is_an_upper_bound(text: str) -> None:
    """The count that keeps huge files off libyaml's whole-tree road never undercounts."""
    from perfdecl.loader import Limits, _may_exceed

    nodes = _count_nodes(text)
    assert _may_exceed(text, Limits(max_nodes=nodes - 1))


def test_coarse_diff_keeps_both_texts_when_short() -> None:
    from perfdecl.diff import coarse_diff

    rng = random.Random(9)
    for _ in range(500):
        old = "".join(rng.choice("ab牛") for _ in range(rng.randrange(12)))
        new = "".join(rng.choice("ab牛") for _ in range(rng.randrange(12)))
        segments = coarse_diff(old, new)
        assert "".join(t for op, t in segments if op != "+") == old
        assert "".join(t for op, t in segments if op != "-") == new
    long = coarse_diff("无" * 100_000, "无" * 50_000 + "有" + "无" * 50_000)
    assert sum(len(t) for _, t in long) < 2_000  # shown by its ends
