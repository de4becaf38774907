"""What the pages ask for, done with the library alone (no web framework here, no subprocess).

Every answer is plain JSON-ready data. A declaration travels between the page and the server as
its YAML text (``yaml``) plus, for the Fix page, its plain data (``data``), in which every
number is ``{"$num": "18891.87"}``: JavaScript numbers are doubles, so money would not survive
a round trip as a JSON number (``15000.00`` would come back as ``15000``, sixteen digits not at
all). Uploads are read from memory; nothing here writes a file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from perfdecl.lint import FileResult, check_loaded, internal_error
from perfdecl.loader import DEFAULT_LIMITS, Loaded, load_bytes
from perfdecl.problem import Lang, Message, Problem, Severity
from perfdecl.serve.settings import DEFAULT_SETTINGS, Resolved, Settings

UPLOAD_LIMIT = DEFAULT_LIMITS.max_bytes
"""The largest file the pages take: the loader's own limit (16 MiB), so a refused upload is
exactly a file ``perfdecl validate`` would call too large (PD002)."""

YAML_SUFFIXES = (".yaml", ".yml")
NUM = "$num"
_NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,29})(\.[0-9]{1,30})?")
"""A number the Fix page may send: plain decimal notation, at most 30 digits either side (an
exponent such as 1e999999999 would expand to a billion digits when written out)."""
_MAX_DEPTH = 64
_MAX_NAME = 120
_SAFE_INT = 2**53

Origin = Literal["yaml", "import"]


class Refused(ValueError):
    """A request the pages cannot answer; ``message`` says why in both languages."""

    def __init__(self, message: Message, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message.en)
        self.message = message
        self.problems = problems


def clean_name(name: str | None) -> str:
    """An uploaded file's name as shown and reported: the last path part, no control or
    format characters, at most 120 characters; ``upload.yaml`` when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    kept = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(kept) > _MAX_NAME:
        stem, suffix = os.path.splitext(kept)
        kept = stem[: _MAX_NAME - len(suffix[:16])] + suffix[:16]
    return kept if kept.strip(". ") else "upload.yaml"


def lang_of(value: object) -> Lang:
    """The page's language: en when asked for, else zh (the form is Chinese)."""
    return "en" if value == "en" else "zh"


# --- plain data <-> the page's JSON ------------------------------------------------------------


def to_page(value: Any) -> Any:
    """Plain declaration data as JSON-ready values, every number as ``{"$num": text}``."""
    if isinstance(value, Mapping):
        return {str(k): to_page(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_page(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return {NUM: format(value, "f")} if value.is_finite() else str(value)
    if isinstance(value, int):
        return {NUM: str(value)}
    return str(value)  # dates and anything else the loader may hand over: as written


def from_page(value: Any, depth: int = 0) -> Any:
    """The inverse of :func:`to_page` for what the Fix page sends; raises :class:`Refused` on
    nesting deeper than the loader allows or a number that is not plain decimal notation."""
    if depth > _MAX_DEPTH:
        raise Refused(Message("数据嵌套过深。", "the data is nested too deeply."))
    if isinstance(value, dict):
        if set(value) == {NUM}:
            text = value[NUM]
            if not isinstance(text, str) or not _NUMBER.fullmatch(text):
                raise Refused(
                    Message(
                        f"数字“{str(text)[:40]}”的写法无法识别。",
                        f"the number {str(text)[:40]!r} is not plain decimal notation.",
                    )
                )
            return Decimal(text) if "." in text else int(text)
        return {str(k): from_page(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [from_page(v, depth + 1) for v in value]
    if isinstance(value, float):  # a bare JSON number: kept as the text JSON gave
        return Decimal(repr(value))
    return value


# --- checking ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as the page received it."""

    name: str
    raw: bytes


def yaml_of(upload: Upload, project: int = 1) -> tuple[str, Origin, tuple[Problem, ...], int]:
    """The declaration's YAML text, where it came from, the import's notes and how many projects
    the file holds. A ``.yaml``/``.yml`` file is taken as it is; anything else goes through
    ``perfdecl import`` (text, HTML, xlsx, xls, docx, PDF). Raises :class:`Refused` when the
    file cannot be imported at all."""
    if is_yaml(upload):
        from perfdecl.loader import decode

        text, _encoding, problems = decode(upload.raw, upload.name)
        if text is None:
            raise Refused(problems[0].message if problems else _unreadable(), tuple(problems))
        return text, "yaml", (), 1
    from perfdecl.convert.pipeline import import_all
    from perfdecl.convert.yamlwrite import dumps

    results = import_all(upload.raw, file=upload.name)
    result = results[min(max(project, 1), len(results)) - 1]
    if result.data is None:
        raise Refused(
            Message(
                f"{upload.name} 未能识别为申报表：请看下面的导入提示，或上传 YAML。",
                f"{upload.name} was not recognised as a declaration: see the import notes "
                "below, or upload YAML.",
            ),
            result.problems,
        )
    return (
        dumps(result.data, comments=result.gap_comments()),
        "import",
        result.problems,
        len(results),
    )


def is_yaml(upload: Upload) -> bool:
    return upload.name.lower().endswith(YAML_SUFFIXES)


def _unreadable() -> Message:
    return Message("无法读取此文件。", "this file cannot be read.")


def load_checked(
    name: str, text: str, raw: bytes | None = None, settings: Settings = DEFAULT_SETTINGS
) -> tuple[Loaded, FileResult, Resolved]:
    """Load and check YAML text (or the bytes it was decoded from, whose encoding findings
    then count too) as ``perfdecl validate`` would, with the configuration it would use (see
    :mod:`perfdecl.serve.settings`), which is returned too."""
    resolved = settings.resolve(name)
    options = resolved.options
    raw = text.encode("utf-8") if raw is None else raw
    loaded = load_bytes(raw, file=name, limits=options.limits)
    try:
        result = check_loaded(loaded, options)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # the last line of defence, as in perfdecl.lint.check_bytes
        result = FileResult(name, (internal_error(name, exc),))
    return loaded, result, resolved


def problem_view(problem: Problem, number: int | None, key: str | None) -> dict[str, Any]:
    """One finding as the page lists it: both languages, its place, its cell on the form."""
    return {
        "number": number,
        "code": problem.code,
        "severity": problem.severity.value,
        "zh": problem.message.zh,
        "en": problem.message.en,
        "line": problem.line,
        "column": problem.column,
        "pointer": problem.pointer,
        "key": key,
    }


def counts(problems: tuple[Problem, ...]) -> dict[str, int]:
    return {s.value: sum(1 for p in problems if p.severity is s) for s in Severity}


def report(
    name: str,
    text: str,
    lang: Lang,
    *,
    origin: Origin = "yaml",
    notes: tuple[Problem, ...] = (),
    projects: int = 1,
    project: int = 1,
    raw: bytes | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """The Check page's answer for YAML text (``raw``: the bytes as uploaded): findings, the
    annotated form, the data, and the configuration they were checked with."""
    loaded, result, resolved = load_checked(name, text, raw, settings)
    findings: list[dict[str, Any]] = []
    form = None
    if result.declaration is not None:
        from perfdecl.render import render
        from perfdecl.render.base import Annotations

        notes_on_form = Annotations.build(result.declaration, result.problems)
        findings = [problem_view(n.problem, n.number, n.key) for n in notes_on_form.notes]
        form = render(result.declaration, "html", problems=list(result.problems), lang=lang)
    else:
        findings = [problem_view(p, None, None) for p in result.problems]
    return {
        "name": name,
        "origin": origin,
        "yaml": text,
        "data": to_page(loaded.data) if isinstance(loaded.data, Mapping) else None,
        "valid": result.declaration is not None,
        "findings": findings,
        "counts": counts(result.problems),
        "form": form,
        "notes": [problem_view(p, None, None) for p in notes],
        "projects": projects,
        "project": project,
        "settings": resolved.view(),
    }


def check_upload(
    upload: Upload, lang: Lang, project: int = 1, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """An uploaded file checked: YAML as it is (its bytes, as ``perfdecl validate`` reads
    them: an undecodable file is reported, not refused), any other type imported first."""
    if is_yaml(upload):
        from perfdecl.loader import decode

        decoded, _encoding, _problems = decode(upload.raw, upload.name)
        return report(upload.name, decoded or "", lang, raw=upload.raw, settings=settings)
    text, origin, notes, projects = yaml_of(upload, project)
    name = upload.name if origin == "yaml" else os.path.splitext(upload.name)[0] + ".yaml"
    return report(
        name,
        text,
        lang,
        origin=origin,
        notes=notes,
        projects=projects,
        project=min(max(project, 1), projects),
        settings=settings,
    )


def recheck(
    name: str,
    data: Any,
    lang: Lang,
    settings: Settings = DEFAULT_SETTINGS,
    source: str | None = None,
) -> dict[str, Any]:
    """The Fix page's edited data written as YAML and checked again. With ``source`` (the text
    as checked first: the upload, or the import's YAML) the changed values are written into it
    in place, comments and order kept (:mod:`perfdecl.serve.patch`); a structural edit, or no
    source, gives perfdecl's own layout. ``layout`` in the answer says which."""
    plain = from_page(data)
    if not isinstance(plain, dict):
        raise Refused(
            Message("申报表数据应为一个映射（键: 值）。", "the declaration must be a mapping.")
        )
    if source is None:
        from perfdecl.convert.yamlwrite import dumps

        text, layout = dumps(plain), "fresh"
    else:
        from perfdecl.serve.patch import patch

        patched = patch(source, plain)
        text, layout = patched.text, patched.layout
    answer = report(clean_name(name), text, lang, settings=settings)
    answer["layout"] = layout
    return answer


# --- compare, opinion, downloads ---------------------------------------------------------------


def compare(
    other: Upload, name: str, text: str, lang: Lang, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """The current YAML text and another year's file (any type the Check page takes), the
    earlier year as the old side (the upload when the years are equal): the changes, and the
    newer side's form with each change marked on its cell. The configuration's funds threshold
    and ``[diff] ignore`` apply, as in ``perfdecl diff``."""
    from perfdecl.diff import (
        DiffOptions,
        FailOn,
        SideError,
        diff_sides,
        ignore_result,
        side_from_bytes,
        summarize,
    )

    other_text, _origin, _notes, _n = yaml_of(other)
    sides = []
    for side_name, side_text in ((other.name, other_text), (clean_name(name), text)):
        try:
            sides.append(side_from_bytes(side_text.encode("utf-8"), side_name))
        except SideError as exc:
            raise Refused(exc.message, exc.problems) from None
    old, new = sides
    if old.declaration.year > new.declaration.year:
        old, new = new, old
    cfg = settings.resolve(clean_name(name)).config
    threshold = Decimal(str(cfg.thresholds.funds_change_threshold)) * 100
    options = DiffOptions(funds_threshold=threshold.normalize())
    result = ignore_result(diff_sides(old, new, options), cfg.diff.ignore)
    marks = [_change_problem(c, new.file) for c in result.all]
    from perfdecl.render import render
    from perfdecl.render.base import Annotations

    notes = Annotations.build(new.declaration, marks)
    placed = {id(n.problem): n for n in notes.notes}
    changes = []
    for change, mark in zip(result.all, marks, strict=True):
        note = placed[id(mark)]
        changes.append(
            {
                "number": note.number,
                "code": change.code,
                "kind": change.kind.value,
                "direction": change.direction.value,
                "severity": change.severity.value,
                "zh": change.message.zh,
                "en": change.message.en,
                "id": change.id,
                "old": change.old,
                "new": change.new,
                "line": change.line,
                "key": note.key,
            }
        )
    changes.sort(key=lambda c: int(str(c["number"])))
    return {
        "old": old.file,
        "new": new.file,
        "old_year": result.old_year,
        "new_year": result.new_year,
        "changes": changes,
        "summary": summarize(result, FailOn.WEAKER),
        "form": render(new.declaration, "html", problems=marks, lang=lang),
    }


def _change_problem(change: Any, file: str) -> Problem:
    """A change as a mark on the newer form: a removal marks the group it left."""
    pointer = change.new_pointer
    if pointer is None:
        pointer = re.sub(r"/items/\d+.*$", "", change.old_pointer or "")
    return Problem(
        change.code,
        change.severity,
        change.message,
        file,
        change.line,
        change.column,
        pointer=pointer,
    )


def opinion(
    name: str, text: str, lang: Lang, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """The drafted 审核意见 as Markdown, with its conclusion."""
    from perfdecl.opinion import CONCLUSIONS, draft, markdown

    _loaded, result, _resolved = load_checked(clean_name(name), text, settings=settings)
    drafted = draft(result, lang)
    zh, en, _advice = CONCLUSIONS[drafted.conclusion]
    return {"markdown": markdown(drafted, lang), "conclusion": zh if lang == "zh" else en}


def opinion_docx(name: str, text: str, lang: Lang, settings: Settings = DEFAULT_SETTINGS) -> bytes:
    from perfdecl.opinion import draft
    from perfdecl.opinion.docx import to_docx

    _loaded, result, _resolved = load_checked(clean_name(name), text, settings=settings)
    return to_docx(draft(result, lang), lang)


DOWNLOADS: dict[str, tuple[str, str]] = {
    "yaml": (".yaml", "application/yaml; charset=utf-8"),
    "html": (".html", "text/html; charset=utf-8"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (".pdf", "application/pdf"),
}
"""What the pages offer to download: format -> (suffix, media type)."""


def formats() -> list[str]:
    """The download formats this machine can make (pdf only where Chromium is installed)."""
    from perfdecl.render.pdf import find_chromium

    return [f for f in DOWNLOADS if f != "pdf" or find_chromium() is not None]


def download_name(name: str, suffix: str) -> str:
    stem = os.path.splitext(clean_name(name))[0] or "declaration"
    return stem + suffix


def document(
    name: str, text: str, fmt: str, lang: Lang, settings: Settings = DEFAULT_SETTINGS
) -> bytes:
    """The YAML as it is, or the official form as html (with its findings), docx, xlsx or pdf.

    Raises :class:`Refused` for an unknown format or text that is not a declaration."""
    if fmt not in DOWNLOADS:
        raise Refused(Message(f"不支持的格式：{fmt[:20]}", f"unknown format: {fmt[:20]!r}"))
    if fmt == "yaml":
        return text.encode("utf-8")
    _loaded, result, _resolved = load_checked(clean_name(name), text, settings=settings)
    if result.declaration is None:
        raise Refused(
            Message(
                "此文件不是有效的申报表，无法生成表格；请先修正结构错误。",
                "this is not a valid declaration, so no form can be made; fix the structural "
                "errors first.",
            ),
            result.problems,
        )
    from perfdecl.render import render, render_document
    from perfdecl.render.pdf import PdfError

    if fmt == "html":
        return render(result.declaration, "html", problems=list(result.problems), lang=lang).encode(
            "utf-8"
        )
    try:
        return render_document(result.declaration, fmt, lang=lang)
    except PdfError as exc:
        raise Refused(Message(exc.zh, exc.en)) from None


__all__ = [
    "DOWNLOADS",
    "UPLOAD_LIMIT",
    "Refused",
    "Upload",
    "check_upload",
    "clean_name",
    "compare",
    "document",
    "formats",
    "from_page",
    "lang_of",
    "opinion",
    "opinion_docx",
    "recheck",
    "report",
    "to_page",
]
