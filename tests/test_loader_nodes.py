"""The loader's two roads agree: libyaml's node tree (fast, clean documents) and our events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdecl import loader
from perfdecl.loader import Loaded, load_bytes, load_text
from perfdecl.loader import fast as nodes

from .conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.skipif(not nodes.AVAILABLE, reason="PyYAML without libyaml")


def _both(text: str, limits: loader.Limits = loader.DEFAULT_LIMITS) -> tuple[Loaded, Loaded]:
    fast = load_text(text, file="t.yaml", limits=limits)
    _same_from_bytes(fast, text, limits)
    loader.USE_NODES = False
    try:
        slow = load_text(text, file="t.yaml", limits=limits)
    finally:
        loader.USE_NODES = True
    return fast, slow


def _same_from_bytes(fast: Loaded, text: str, limits: loader.Limits) -> None:
    """load_bytes hands libyaml a UTF-8 file's own bytes, load_text the text: the same load."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate: no file holds it
    if raw.startswith(b"\xef\xbb\xbf") or b"\x00" in raw:
        return  # a byte-order mark is dropped, a NUL refused: not the same text
    read = load_bytes(raw, file="t.yaml", limits=limits)
    assert read.encoding == "utf-8"
    _same_load(read, fast)


def _same_load(a: Loaded, b: Loaded) -> None:
    """The same data, problems and source map, in the same order."""
    assert a.problems == b.problems
    assert a.data == b.data
    _same_types(a.data, b.data)
    assert list(a.source.values.items()) == list(b.source.values.items())
    assert list(a.source.keys.items()) == list(b.source.keys.items())
    assert (a.source.branches, a.source.printable) == (b.source.branches, b.source.printable)


def _same(fast: Loaded, slow: Loaded) -> None:
    assert fast.problems == slow.problems
    assert fast.data == slow.data
    assert type(fast.data) is type(slow.data)
    assert list(fast.source.values.items()) == list(slow.source.values.items())
    assert list(fast.source.keys.items()) == list(slow.source.keys.items())
    _same_types(fast.data, slow.data)
    assert slow.source.branches is None  # the event road leaves runner.slim to work them out
    if fast.source.branches is not None:  # the fast road's are every pointer's parents
        parents = {ptr.rsplit("/", 1)[0] for ptr in fast.source.values if ptr}
        assert fast.source.branches == parents


def _same_types(a: Any, b: Any) -> None:
    """``1 == Decimal(1) == True``: compare the types of every leaf too."""
    assert type(a) is type(b)
    if isinstance(a, dict):
        for key in a:
            _same_types(a[key], b[key])
    elif isinstance(a, list):
        for x, y in zip(a, b, strict=True):
            _same_types(x, y)


FILES = sorted(
    p for p in [*ROOT.joinpath("tests").rglob("*.yaml"), *ROOT.joinpath("examples").glob("*.yaml")]
)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_yaml_file_in_the_repository(path: Path) -> None:
    raw = path.read_bytes()
    text, _, _ = loader.decode(raw, str(path))
    if text is None:
        pytest.skip("not text")
    _same(*_both(text))


SNIPPETS = {
    "plain": "a: 1\nb: 2.50\nc: text\nd: ~\ne: true\nf: [1, 2, {g: h}]\n",
    "styles": "a: 'x'\nb: \"y\"\nc: |\n  one\n  two\nd: >\n  folded\n",
    "quoted numbers": "a: '1'\nb: \"2.5\"\nc: '010'\n",
    "empty": "",
    "comment only": "# nothing\n",
    "null document": "~\n",
    "bare document marker": "---\n",
    "list top": "- 1\n- 2\n",
    "scalar top": "hello\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "scalar alias": "a: &x 5\nb: *x\n",
    "alias key": "a: &k key\n*k : 1\n",
    "recursive alias": "a: &x [1, *x]\n",
    "undefined alias": "a: *nope\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "merge key": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "complex key": "? [a, b]\n: 1\nc: 2\n",
    "python tag": "a: !!python/object/apply:os.system ['echo']\n",
    "custom tag": "a: !foo 3\n",
    "core tags": "a: !!str 3\nb: !!int '4'\nc: !!float 5\nd: !!bool true\ne: ! 6\n",
    "tagged collection": "a: !!map {b: 1}\nc: !!seq [1]\nd: !x {e: 1}\n",
    "yaml 1.1 traps": "a: no\nb: off\nc: 010\nd: 1:30\ne: 2019-01-01\nf: 1e3\ng: .inf\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "tab": "a:\n\tb: 1\n",
    "long number": "a: " + "9" * 60 + "\n",
    "deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "keys with slashes": "a/b: 1\n'~c': {d/e: 2}\n",
    "unicode": "单位: 北京市西城区牛街街道办事处\n资金: 18,891.87\n",
    "empty values": "a:\nb: []\nc: {}\nd: ''\n",
    "anchor without alias": "a: &x 1\nb: &y {c: 2}\n",
    # "!" and "&" only in text: the node road still reads tags and watches for aliases
    "bang in text": "a: 'wow!'\nb: 1\nc: 010\nd: [x!, !!str 2]\n",
    "ampersand in text": "a: R&D\nb: 010\nc: [1, 2]\n",
    "tag without anchor": "a: !!int 3\nb: [1]\n",
    "anchor without tag": "a: &k [1]\nb: *k\n",
    "numbered text": "a: 3．信息公开\nb: 1年\nc: １２３\nd: 0１\ne: [1, 1, 010, 010, 2.50, 2.50]\n",
    # libyaml marks a block under the non-specific tag "!" implicit, as if plain: it is text
    "non-specific block top": "! |",
    "non-specific folded top": "! >\n  12\n",
    "non-specific blocks": "a: ! |-\n  123\nb: ! >-\n  null\nc:\n  - ! |-\n    ~\n",
    # characters counted alike whether libyaml reads the text or the file's UTF-8 bytes
    "breaks": "a: 1\r\nb: x\r\nc: p\x85q\nd: r\u2028s\ne: |\n  t\u2029u\n",
    "astral and wide": "a: 𝕏𝕏 y\nb: [“中文”, 𝕏]\n𝕏: 1\nc: '\ufeff'\n",
}


@pytest.mark.parametrize("text", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_snippets(text: str) -> None:
    _same(*_both(text))


def test_limits_agree() -> None:
    text = "a:\n" + "".join(f"  k{i}: {i}\n" for i in range(50))
    _same(*_both(text, loader.Limits(max_depth=2)))
    # Over the node limit, the fast road counts events and rejects the file without composing:
    # the same problem, no data, and no partial source map (nothing reads one of a rejected file).
    fast, slow = _both(text, loader.Limits(max_nodes=40))
    assert fast.problems == slow.problems and [p.code for p in fast.problems] == ["PD002"]
    assert fast.data is slow.data is None and not fast.source.values
    deep = "a: {b: {c: {d: 1}}}\n"
    _same(*_both(deep, loader.Limits(max_depth=3)))


def test_node_limit_boundary_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """At exactly the node limit, one more and one less: both roads decide alike (the loader's
    cheap "may exceed" guard is turned off so that the node road itself is tested)."""
    monkeypatch.setattr(loader, "_may_exceed", lambda text, limits: False)
    text = "a:\n  b: [1, 2]\n  c: x\nd: z\n"  # 11 nodes: 2 maps, 1 list, 4 keys, 4 scalars
    for limit in range(1, 14):
        _same(*_both(text, loader.Limits(max_nodes=limit)))


def test_the_example_takes_the_fast_road(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean documents do not fall back to events (else the fast road would be dead code)."""

    def no_events(text: str) -> Any:
        raise AssertionError("composed from events")

    monkeypatch.setattr(loader, "_events", no_events)
    loaded = load_text(EXAMPLE.read_text(encoding="utf-8"))
    assert loaded.ok and loaded.data["year"] == 2019


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6
    ),
    st.text(max_size=12),
    st.sampled_from(["no", "off", "010", "1:30", "2019-01-01", "≥95%", "<<", "~", "1e3", ".nan"]),
)
_keys = st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(["a", "b", "a/b", "~x", "年"]))
_docs = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=_docs,
    flow=st.sampled_from([None, True, False]),
    style=st.sampled_from([None, "'", '"', "|"]),
)
def test_generated_documents(doc: Any, flow: bool | None, style: str | None) -> None:
    """Dump random data in random styles (floats as text: the dumper has no Decimal)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return str(value) if not isinstance(value, bool | int | str | type(None)) else value

    text = yaml.safe_dump(
        plain(doc), default_flow_style=flow, default_style=style, allow_unicode=True
    )
    _same(*_both(text))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!'\"#|> \n\t1.~<?")), max_size=60))
def test_arbitrary_yamlish_text(text: str) -> None:
    _same(*_both(text))
