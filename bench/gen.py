"""Varied declarations for the benchmark, generated from the published example.

    /work/venv/bin/python bench/gen.py N OUTDIR [--seed S] [--inject-rate R] [--vague-rate R]
    /work/venv/bin/python bench/gen.py --big MB OUTDIR

A benchmark over 1,000 copies of one file measures a warm cache, not a repository: every file
here differs (unit, head, phone, year, funds that still add up to the cent, indicators shuffled,
dropped and duplicated, target values changed in the structured targets *and* in the sentence),
a share of the files carries injected problems so that error rules fire, and a share carries
vague wording. Everything is seeded: the same seed gives the same bytes.

YAML is written by a small block emitter (plain scalars where safe, ``|-`` blocks for multi-line
text, flow mappings for targets, as the example is written) instead of ``yaml.dump``: it is
~20 times faster, which matters for the 10,000-file memory corpus, and keeps the layout of a
hand-written declaration. Files are written as bytes, so generation is I/O- not YAML-bound.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import json
import random
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "niujie_2019.yaml"
HEADER = "# yaml-language-server: $schema=../schemas/declaration.schema.json\n"

CENT = Decimal("0.01")
EXAMPLE_YEAR = 2019
EXAMPLE_PLACE = "牛街"

DISTRICTS = (
    "北京市西城区",
    "北京市东城区",
    "北京市海淀区",
    "北京市朝阳区",
    "北京市丰台区",
    "北京市石景山区",
    "北京市通州区",
    "北京市顺义区",
    "北京市昌平区",
    "北京市大兴区",
)
PLACES = (
    "牛街",
    "广安门内",
    "月坛",
    "金融街",
    "德胜",
    "什刹海",
    "展览路",
    "新街口",
    "椿树",
    "陶然亭",
    "白纸坊",
    "广安门外",
    "西长安街",
    "大栅栏",
    "天桥",
    "和平里",
    "安定门",
    "交道口",
    "东华门",
    "建国门",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "丽京华明军伟芳娜敏静强磊洋艳勇杰娟涛超秀英霞平刚桂兰志红建国玉宏"
VAGUE = (
    "，进一步提升服务水平",
    "，不断加强工作力度",
    "，工作成效明显提高",
    "，逐步完善长效机制",
    "，服务质量显著改善",
)

# Injected problems: name -> the rule code it must make fire.
INJECTIONS: dict[str, str] = {
    "header_missing": "PD201",
    "funds_sum": "PD202",
    "funds_negative": "PD203",
    "level2_unknown": "PD205",
    "percent_range": "PD212",
    "question": "PD216",
    "cost_exceeds": "PD218",
    "date_outside_year": "PD220",
    "year_mismatch": "PD224",
    "goal_reference": "PD226",
    "placeholder": "PD231",
    "duplicate_id": "PD236",
}


@dataclass(frozen=True, slots=True)
class Generated:
    """One generated file and what was done to it (for tests and the benchmark's summary)."""

    path: Path
    size: int
    injected: tuple[str, ...]  # names from INJECTIONS
    vague: bool

    @property
    def expected_codes(self) -> tuple[str, ...]:
        return tuple(INJECTIONS[name] for name in self.injected)


# --- loading the example ------------------------------------------------------------------


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loading, floats kept as Decimal (money must stay exact)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


@functools.cache
def load_example(path: Path = EXAMPLE) -> dict[str, Any]:
    """The example as plain data (dicts, lists, str, int, Decimal, date); cached, never mutated."""
    data = yaml.load(path.read_bytes(), Loader=_Loader)  # a safe loader
    assert isinstance(data, dict)
    return data


# --- emitting YAML ------------------------------------------------------------------------

_resolve: Callable[..., str] = yaml.resolver.Resolver().resolve
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_ODD_CHARS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]")


@functools.lru_cache(maxsize=65536)
def _str(text: str, flow: bool = False) -> str:
    """A one-line string: plain when YAML reads it back as the same string, else double-quoted."""
    plain = (
        bool(text)
        and text == text.strip()
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _ODD_CHARS.search(text)
        and not (flow and (_FLOW_UNSAFE.search(text) or ":" in text))
        and _resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _str(value, flow)
    raise TypeError(f"cannot emit {type(value).__name__}")


def _literal_ok(text: str) -> bool:
    """A ``|-`` block reads back exactly: no final newline, no leading space, no odd chars."""
    return (
        "\n" in text
        and not text.endswith("\n")
        and not text.startswith((" ", "\t", "\n"))
        and not _ODD_CHARS.search(text.replace("\n", ""))
    )


def _emit_value(out: list[str], key: str, value: Any, indent: int) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{pad}{key}: {{}}\n")
            return
        out.append(f"{pad}{key}:\n")
        _emit_map(out, value, indent + 2)
    elif isinstance(value, list):
        if not value:
            out.append(f"{pad}{key}: []\n")
            return
        out.append(f"{pad}{key}:\n")
        _emit_seq(out, value, indent + 2, flow_items=key == "targets")
    elif isinstance(value, str) and _literal_ok(value):
        inner = " " * (indent + 2)
        body = "".join(f"{inner}{line}\n" if line else "\n" for line in value.split("\n"))
        out.append(f"{pad}{key}: |-\n{body}")
    else:
        out.append(f"{pad}{key}: {_scalar(value)}\n")


def _emit_map(out: list[str], mapping: dict[str, Any], indent: int) -> None:
    for key, value in mapping.items():
        _emit_value(out, key, value, indent)


def _flow_map(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in mapping.items()) + "}"


def _emit_seq(out: list[str], items: list[Any], indent: int, *, flow_items: bool) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            if flow_items and all(not isinstance(v, dict | list) for v in item.values()):
                out.append(f"{pad}- {_flow_map(item)}\n")
                continue
            first = len(out)
            _emit_map(out, item, indent + 2)
            out[first] = f"{pad}- {out[first][indent + 2 :]}"
        elif isinstance(item, dict | list):
            out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}\n")
        else:
            out.append(f"{pad}- {_scalar(item)}\n")


def dump(data: dict[str, Any]) -> str:
    """Block-style YAML for a declaration, laid out as the example is."""
    out: list[str] = [HEADER]
    _emit_map(out, data, 0)
    return "".join(out)


# --- varying the example ------------------------------------------------------------------


def _number_re(value: Decimal | int) -> re.Pattern[str]:
    return re.compile(rf"(?<![\d.]){re.escape(_scalar(value))}(?![\d.])")


def _new_value(rng: random.Random, value: Decimal | int, unit: str | None) -> Decimal | int:
    if unit == "%":
        return rng.choice((60, 70, 80, 85, 90, 95, 98, 100))
    factor = Decimal(rng.randint(50, 200)) / 100
    if isinstance(value, int) or value == value.to_integral_value():
        return max(1, int(Decimal(value) * factor))
    return max(Decimal("0.1"), (value * factor).quantize(Decimal("0.1")))


class _Variant:
    """One declaration derived from the example; every choice comes from ``rng``."""

    def __init__(self, rng: random.Random, base: dict[str, Any]) -> None:
        self.rng = rng
        self.base = base
        self.year = rng.randint(2018, 2025)
        self.place = rng.choice(PLACES)
        self.district = rng.choice(DISTRICTS)
        self.next_dup = 0

    def text(self, text: str) -> str:
        """Move a sentence to this variant's year and place."""
        return text.replace(str(EXAMPLE_YEAR), str(self.year)).replace(EXAMPLE_PLACE, self.place)

    def funds(self) -> dict[str, Decimal]:
        rng = self.rng
        basic = Decimal(rng.randint(100_000, 1_500_000)) * CENT
        project = Decimal(rng.randint(200_000, 3_000_000)) * CENT
        other = Decimal(0) if rng.random() < 0.7 else Decimal(rng.randint(0, 50_000)) * CENT
        return {
            "total": basic + project + other,
            "basic": basic,
            "project": project,
            "other": other,
        }

    def target(self, target: dict[str, Any], item_text: list[str]) -> dict[str, Any]:
        new: dict[str, Any] = {}
        for key, value in target.items():
            if key == "deadline" and isinstance(value, datetime.date):
                value = value.replace(year=self.year)
            elif key == "name" and isinstance(value, str):
                value = self.text(value)
            new[key] = value
        value = target.get("value")
        if (
            isinstance(value, Decimal | int)
            and not isinstance(value, bool)
            and self.rng.random() < 0.5
        ):
            changed = _new_value(self.rng, value, target.get("unit"))
            new["value"] = changed
            item_text[0] = _number_re(value).sub(_scalar(changed), item_text[0], count=1)
        return new

    def item(self, item: dict[str, Any]) -> dict[str, Any]:
        text = [self.text(item["text"])]
        targets = [self.target(t, text) for t in item.get("targets", [])]
        new = {k: v for k, v in item.items() if k not in ("text", "targets")}
        new["text"] = text[0]
        if targets:
            new["targets"] = targets
        return new

    def items(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rng = self.rng
        kept = [self.item(i) for i in items if rng.random() >= 0.15] or [self.item(items[0])]
        for i in range(len(kept)):
            if rng.random() < 0.05:  # a duplicated row, as copy-paste leaves it
                self.next_dup += 1
                row = kept[i]
                dup = dict(row, id=f"{row['id']}-d{self.next_dup}")
                if "targets" in row:
                    dup["targets"] = [dict(t) for t in row["targets"]]
                kept.append(dup)
        if rng.random() < 0.5:
            rng.shuffle(kept)
        return kept

    def build(self) -> dict[str, Any]:
        base = self.base
        rng = self.rng
        data: dict[str, Any] = {}
        for key, value in base.items():
            if key == "year":
                data[key] = self.year
            elif key == "unit":
                data[key] = f"{self.district}人民政府{self.place}街道办事处"
            elif key == "head":
                data[key] = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
            elif key == "phone":
                data[key] = f"{rng.choice('568')}{rng.randint(0, 9_999_999):07d}"
            elif key == "funds":
                data[key] = self.funds()
            elif key == "functions" or key == "remarks":
                data[key] = self.text(value)
            elif key == "goals":
                data[key] = {
                    "lead": self.text(value["lead"]),
                    "strands": [dict(s, text=self.text(s["text"])) for s in value["strands"]],
                }
            elif key == "indicators":
                data[key] = [
                    {
                        **{k: v for k, v in l1.items() if k != "groups"},
                        "groups": [
                            {"name": g["name"], "items": self.items(g["items"])}
                            for g in l1["groups"]
                        ],
                    }
                    for l1 in value
                ]
            else:
                data[key] = value
        return data


def _all_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for l1 in data["indicators"] for g in l1["groups"] for i in g["items"]]


def _inject(name: str, data: dict[str, Any], rng: random.Random) -> None:
    """Make the problem ``name`` (see INJECTIONS) appear in ``data``."""
    items = _all_items(data)
    year = data["year"]
    funds = data["funds"]
    if name == "header_missing":
        data["head"] = ""
    elif name == "funds_sum":
        funds["total"] += Decimal(rng.randint(1, 999)) * CENT
    elif name == "funds_negative":
        minus = Decimal(rng.randint(100, 9_999)) * CENT
        funds["other"] = -minus
        funds["total"] -= minus
    elif name == "level2_unknown":
        l1 = rng.choice([l1 for l1 in data["indicators"] if l1.get("goal")])
        l1["groups"][0]["name"] = "产出效率指标"
    elif name == "percent_range":
        item = rng.choice(items)
        item.setdefault("targets", []).append(
            {"name": "完成率", "comparison": ">=", "value": rng.randint(101, 150), "unit": "%"}
        )
    elif name == "question":
        rng.choice(items)["text"] = "各项工作是否按计划完成"
    elif name == "cost_exceeds":
        item = rng.choice(items)
        amount = int(funds["total"]) * 3
        item["text"] += f"总成本{amount}万元。"
        item.setdefault("targets", []).append(
            {"name": "总成本", "comparison": "<=", "value": amount, "unit": "万元"}
        )
    elif name == "date_outside_year":
        item = rng.choice(items)
        item.setdefault("targets", []).append(
            {"name": "完成时间", "comparison": "<=", "deadline": datetime.date(year + 1, 6, 30)}
        )
    elif name == "year_mismatch":
        data["goals"]["lead"] += f"力争{year - 2}年底前完成全部任务。"
    elif name == "goal_reference":
        data["indicators"][0]["goal"] = "g99"
    elif name == "placeholder":
        rng.choice(items)["text"] = "全年开展XX次专题活动，覆盖XX人次。"
    elif name == "duplicate_id":
        first, second = rng.sample(items, 2)
        second["id"] = first["id"]
    else:
        raise ValueError(f"unknown injection {name!r}")


def variant(
    index: int,
    *,
    seed: int = 0,
    inject_rate: float = 0.2,
    vague_rate: float = 0.3,
    inject: Sequence[str] | None = None,
    base: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], tuple[str, ...], bool]:
    """Declaration number ``index`` of the series ``seed``: (data, injected names, vague?).

    ``inject`` forces those injections (and no random ones); otherwise a file gets one to three
    with probability ``inject_rate``.
    """
    rng = random.Random(seed * 1_000_003 + index)
    data = _Variant(rng, base if base is not None else load_example()).build()
    if inject is not None:
        injected = tuple(inject)
    elif rng.random() < inject_rate:
        injected = tuple(sorted(rng.sample(sorted(INJECTIONS), rng.randint(1, 3))))
    else:
        injected = ()
    for name in injected:
        _inject(name, data, rng)
    vague = rng.random() < vague_rate
    if vague:
        for item in rng.sample(_all_items(data), 3):
            item["text"] = item["text"].rstrip("。；;") + rng.choice(VAGUE) + "。"
    return data, injected, vague


def generate(
    n: int,
    folder: Path,
    *,
    seed: int = 0,
    inject_rate: float = 0.2,
    vague_rate: float = 0.3,
    per_dir: int = 1000,
    start: int = 0,
) -> list[Generated]:
    """Write ``n`` varied declarations under ``folder`` (``per_dir`` to a sub-folder)."""
    out: list[Generated] = []
    for index in range(start, start + n):
        data, injected, vague = variant(
            index, seed=seed, inject_rate=inject_rate, vague_rate=vague_rate
        )
        sub = folder / f"d{index // per_dir:03d}"
        if index % per_dir == 0 or index == start:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"decl_{index:05d}.yaml"
        raw = dump(data).encode("utf-8")
        path.write_bytes(raw)
        out.append(Generated(path, len(raw), injected, vague))
    return out


# --- one large declaration ----------------------------------------------------------------

_CN = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 23 -> 二十三 (up to 99, as 产出指标 numbering reaches)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return _CN[units]
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")


DEFAULT_MAX_NODES = 80_000
"""Node budget of :func:`big`: below perfdecl's default limit of 100,000 keys and values, with
a margin (the loader's count may differ slightly from :func:`count_nodes`)."""


def count_nodes(text: str | bytes) -> int:
    """Keys, values and containers of a YAML document (how the loader's node limit counts)."""
    loader = yaml.CLoader if yaml.__with_libyaml__ else yaml.Loader
    root = yaml.compose(text, Loader=loader)
    count = 0
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count


_SENTENCE = re.compile(r"[^。；;\n]{8,}[。；;]")


def big(
    target_bytes: int = 5 * 1024 * 1024,
    *,
    seed: int = 0,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> str:
    """One declaration of about ``target_bytes``: up to 99 产出 一级 (one per goal strand), each
    with its four groups holding many rows, plus a long 效果 table; still a valid structure.

    At the example's density (~24 bytes per key or value) 5 MB is ~220,000 nodes, above the
    loader's default limit of 100,000, and would be rejected (PD002) rather than checked. With
    ``max_nodes`` set, each row's text is lengthened with sentences taken from the example (as a
    long-winded department writes them) until the file fits that many nodes; ``None`` keeps the
    example's density.
    """
    base = load_example()
    outputs = [l1 for l1 in base["indicators"] if l1.get("goal")]
    effect = next(l1 for l1 in base["indicators"] if not l1.get("goal"))
    strands = base["goals"]["strands"]
    n_outputs = max(len(outputs), min(99, target_bytes // 50_000))
    pool = sorted(
        {m.group(0) for item in _all_items(base) for m in _SENTENCE.finditer(item["text"])}
    )

    def build(reps: int, extra: int, effect_reps: int | None = None) -> str:
        rng = random.Random(seed)
        v = _Variant(rng, base)
        data = v.build()
        data["goals"]["strands"] = []
        level1s: list[dict[str, Any]] = []

        def group(g: dict[str, Any], prefix: str, times: int) -> dict[str, Any]:
            items: list[dict[str, Any]] = []
            for r in range(times):
                for item in g["items"]:
                    new = v.item(item)
                    new["id"] = f"{prefix}.{item['id'].split('.', 1)[-1]}.r{r}"
                    if extra:
                        new["text"] += "".join(v.text(x) for x in rng.sample(pool, extra))
                    items.append(new)
            return {"name": g["name"], "items": items}

        for n in range(1, n_outputs + 1):
            src = outputs[(n - 1) % len(outputs)]
            text = v.text(strands[(n - 1) % len(strands)]["text"])
            data["goals"]["strands"].append(
                {"id": f"g{n}", "text": f"{chinese_ordinal(n)}、{text[2:]}"}
            )
            level1s.append(
                {
                    "id": f"out{n}",
                    "name": f"产出指标{chinese_ordinal(n)}：{src['name'].split('：', 1)[1]}",
                    "goal": f"g{n}",
                    "groups": [group(g, f"out{n}", reps) for g in src["groups"]],
                }
            )
        level1s.append(
            {
                "id": "eff",
                "name": effect["name"],
                "groups": [
                    group(g, "eff", reps * 10 if effect_reps is None else effect_reps)
                    for g in effect["groups"]
                ],
            }
        )
        data["indicators"] = level1s
        return dump(data)

    extra = 0
    while True:
        one = build(1, extra)
        size = len(one.encode("utf-8"))
        predicted = count_nodes(one) * max(1.0, target_bytes / size)
        if max_nodes is None or predicted <= max_nodes or extra >= len(pool):
            break
        extra += 1
    # Size is linear in both repeat counts: whole repeats of the 产出 tables first, then the
    # 效果 table (finer grained) fills the rest.
    per_rep = len(build(2, extra, 10).encode("utf-8")) - size
    per_effect = max(1, len(build(1, extra, 20).encode("utf-8")) - size) / 10
    reps = max(1, int((target_bytes - size) // (per_rep + 10 * per_effect)) + 1)
    left = target_bytes - (size + (reps - 1) * per_rep)
    effect_reps = max(1, 10 + round(left / per_effect))
    return build(reps, extra, effect_reps)


# --- a temporary corpus -------------------------------------------------------------------


@contextlib.contextmanager
def temp_folder(prefix: str = "perfdecl-bench-") -> Iterator[Path]:
    """A temporary folder, removed afterwards even on error."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("n", type=int, nargs="?", default=10, help="how many files")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inject-rate", type=float, default=0.2)
    parser.add_argument("--vague-rate", type=float, default=0.3)
    parser.add_argument("--big", type=float, metavar="MB", help="write one large file instead")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.big:
        path = args.outdir / "big.yaml"
        text = big(int(args.big * 1024 * 1024), seed=args.seed)
        path.write_bytes(text.encode("utf-8"))
        print(f"{path}: {path.stat().st_size:,} bytes")
        return 0
    made = generate(
        args.n,
        args.outdir,
        seed=args.seed,
        inject_rate=args.inject_rate,
        vague_rate=args.vague_rate,
    )
    injected = sum(1 for g in made if g.injected)
    print(f"{len(made)} files in {args.outdir} ({injected} with injected problems)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
