"""Check many declarations in one run: expand inputs, check each in isolation, keep the order.

A repository of hundreds of declarations is checked on every pull request, so this module

* turns the command line's inputs (files, folders, globs, ``-`` for standard input) into a
  deterministic list of files: input order, folders walked sorted, duplicates dropped
  (:func:`collect`, the one path expander of every command that takes declarations);
* checks each file on its own (one broken file never stops the others) — serially for a few
  files, in a process pool for many, with results yielded in input order so that the output of a
  parallel run is byte-for-byte that of a serial one;
* sends back from workers only what reporters and baselines read (problems, the text, the spans
  of the problems' pointers): pickling a whole source map and declaration costs about as much as
  checking the file (measured: ~20 ms against ~0.1 ms for the slim result, on the example).

The library functions in :mod:`perfdecl.lint` do the checking; this module only orchestrates.
Printing, progress bars and exit codes belong to the CLI (:mod:`perfdecl.cli.validate_run`).
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from perfdecl.escape import safe
from perfdecl.lint import (
    DEFAULT_OPTIONS,
    FileResult,
    Options,
    check_bytes,
    check_path,
    internal_error,
)
from perfdecl.lint.folder import Ledgers
from perfdecl.lint.held import Held
from perfdecl.loader import SourceMap, gc_paused, unreadable
from perfdecl.problem import Problem

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

STDIN = "-"
STDIN_NAME = "<stdin>"
SERIAL_BELOW = 8
"""Fewer files than this are checked in-process: starting workers would cost more than it saves."""
MAX_CHUNK = 8
"""Files sent to a worker at once: a chunk's results (about 0.13 MB a generated department form)
wait in the parent until read, and 16 left a 10,000-file run's parent 1.8 MB larger (peak RSS
47.4 against 45.6 MB), with no gain in time."""
YAML_SUFFIXES = (".yaml", ".yml")

_GLOB_MAGIC = frozenset("*?[")


class Resolver(Protocol):
    """Per-file configuration, as :class:`perfdecl.config.ConfigResolver` provides it."""

    def options_for(self, file: str) -> Options: ...

    def excluded(self, path: str) -> bool: ...

    def pending(self, file: str | None = None) -> Sequence[Problem]: ...

    @property
    def fatal(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class FixedOptions:
    """A resolver without configuration files: the same options for every file."""

    options: Options = DEFAULT_OPTIONS

    def options_for(self, file: str) -> Options:
        return self.options

    def excluded(self, path: str) -> bool:
        return False

    def pending(self, file: str | None = None) -> Sequence[Problem]:
        return ()

    @property
    def fatal(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Input:
    """One file to check. ``name`` is what messages show; ``stdin`` reads standard input."""

    name: str
    stdin: bool = False
    excluded: bool = False  # by the configuration: checked only for what it cannot hide


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker needs to check one file (picklable)."""

    name: str
    options: Options
    data: bytes | None = None  # standard input, read by the parent process
    error: str | None = None  # standard input could not be read
    excluded: bool = False  # reported only when it holds a problem no configuration hides
    cache: str | None = None  # the result cache's folder (perfdecl.lint.cache), or None


@dataclass(slots=True)
class Collected:
    """Expanded inputs, plus results for inputs that named nothing (a glob without a match)."""

    inputs: list[Input] = field(default_factory=list)
    missing: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # walked YAML files that are not declarations


DECLARATION_KEYS = ("schema_version", "unit", "funds", "project", "indicators", "goals")
"""A walked YAML file is a declaration when its top level holds any of these keys (so that
deleting one key cannot hide a broken declaration); a file named explicitly is always checked."""

_TOP_KEY = re.compile(
    rb"^[\"']?(" + b"|".join(k.encode() for k in DECLARATION_KEYS) + rb")[\"']?[ \t]*:", re.M
)
_FLOW_KEY = re.compile(
    rb"[{,][ \t\r\n]*[\"']?(" + b"|".join(k.encode() for k in DECLARATION_KEYS) + rb")[\"']?[ \t]*:"
)
_SNIFF_BYTES = 1 << 20


def looks_like_declaration(path: str) -> bool:
    """Whether a walked file is one of ours: a declaration key at its top level (block style,
    or inside a top-level flow mapping). Reads at most 1 MiB; a file that cannot be read is
    checked (so that the problem is reported, never skipped)."""
    import stat

    try:
        # never open anything but a regular file here: a FIFO would block the walk (the
        # loader reports such a path as PD001 when it is checked)
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return True
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "replace").encode("utf-8")
            break
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _TOP_KEY.search(head):
        return True
    body = re.sub(rb"(?m)^[ \t]*#.*$", b"", head).lstrip()
    return body.startswith(b"{") and _FLOW_KEY.search(body) is not None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Files as given; folders walked recursively for *.yaml / *.yml, sorted, deterministic."""
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            found: list[str] = []
            for root, dirs, files in os.walk(name):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, f)
                    for f in files
                    if f.endswith(YAML_SUFFIXES) and not f.startswith(".")  # hidden files too
                )
            yield from sorted(found, key=lambda p: Path(p).parts)
        else:
            yield name


def expand_glob(pattern: str) -> list[str]:
    """The paths a glob names. ``**`` is expanded by walking from the pattern's fixed leading
    folders without following symbolic links (Python's recursive glob follows them: two links
    to their own folder made it run forever), and matched with the configuration's linear-time
    :class:`~perfdecl.config.Glob`; hidden files and folders are left out, as glob does."""
    if "**" not in pattern:
        return glob.glob(pattern)
    from perfdecl.config import Glob

    parts = pattern.replace(os.sep, "/").split("/")
    fixed = []
    for part in parts:
        if is_glob(part):
            break
        fixed.append(part)
    base = "/".join(fixed) or "."
    if pattern.startswith("/") and not fixed[1:]:
        base = "/"
    if not os.path.isdir(base):
        return []
    matcher = Glob(pattern if "/" in pattern else f"**/{pattern}")
    found = []
    for root, dirs, files in os.walk(base):  # followlinks=False: a link is never entered
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs, *sorted(files)]:
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            shown = path[2:] if base == "." and not pattern.startswith("./") else path
            if matcher.fullmatch(shown.replace(os.sep, "/")):
                found.append(shown)
    return found


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_MAGIC for c in arg)


def collect(
    args: Sequence[str],
    *,
    excluded: Callable[[str], bool] | None = None,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
) -> Collected:
    """Expand command-line inputs into files, in a deterministic order.

    A path that exists is taken literally (even with ``*`` or ``[`` in its name); otherwise a
    pattern is expanded with ``**`` spanning folders, sorted. Folders (given or matched) are
    walked for ``*.yaml``/``*.yml``. ``excluded`` (the configuration's ``exclude``) applies to files
    found by walking or globbing, never to a file named explicitly — as in ruff and black, so that
    pre-commit, which names files, still checks what the user asked for — unless
    ``force_exclude`` is set (the pre-commit hook sets it, so that ``exclude`` holds there too).
    An excluded file is still listed, marked ``excluded``: it is read for the problems no
    configuration may hide (a file that cannot be read or is not a declaration), and reported
    only when it has one.
    """
    out = Collected()
    seen: set[str] = set()

    def add(name: str, *, stdin: bool = False, skip: bool = False) -> None:
        # the real path: a file reached again through a symbolic link is checked once
        key = STDIN if stdin else os.path.normcase(os.path.realpath(name))
        if key in seen:
            return
        seen.add(key)
        out.inputs.append(Input(name, stdin, skip))

    def walk(folder: str, *, named: bool = False) -> None:
        empty = True
        for found in expand_paths([folder]):
            if not looks_like_declaration(found):
                out.skipped.append(found)
                continue
            empty = False
            add(found, skip=excluded is not None and excluded(found))
        if named and empty:  # a folder named on the command line with nothing to check
            out.missing.append(_empty_folder(folder))

    for arg in args:
        if arg == STDIN:
            add(stdin_filename or STDIN_NAME, stdin=True)
        elif os.path.isdir(arg):
            walk(arg, named=True)
        elif os.path.lexists(arg) or not is_glob(arg):
            add(arg, skip=force_exclude and excluded is not None and excluded(arg))
        else:
            matches = sorted(expand_glob(arg), key=_path_order)
            if not matches:
                out.missing.append(_no_match(arg))
            for match in matches:
                if os.path.isdir(match):
                    walk(match)
                else:
                    add(match, skip=excluded is not None and excluded(match))
    return out


def _path_order(path: str) -> tuple[str, ...]:
    return tuple(path.replace("\\", "/").split("/"))


def _no_match(pattern: str) -> FileResult:
    problem = unreadable(
        pattern,
        "没有与此模式匹配的文件。",
        "no file matches this pattern.",
    )
    return shown(FileResult(pattern, (problem,)))


def _empty_folder(folder: str) -> FileResult:
    problem = unreadable(
        folder,
        "此文件夹（含子文件夹）中没有 *.yaml 或 *.yml 申报表（顶层含 schema_version、unit、"
        "funds、project、indicators 或 goals 的文件）。",
        "this folder (with its subfolders) holds no *.yaml or *.yml declaration (a file with "
        "schema_version, unit, funds, project, indicators or goals at its top level).",
    )
    return shown(FileResult(folder, (problem,)))


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def slim(result: FileResult) -> FileResult:
    """What reporters and baselines read, cheap to pickle: no declaration, no full source map.

    The text stays (excerpts), and the spans of the problems' pointers stay when they are
    scalars (leaves), which the baseline hashes instead of line numbers.
    """
    source = result.source
    wanted = {p.pointer for p in result.problems}
    spans = {}
    values = source.values
    if wanted and values:
        # A leaf is a pointer no other pointer is a child of: the loader's fast road knows
        # which those are (SourceMap.branches); for the other road, work them out.
        parents = source.branches
        if parents is None:
            parents = {ptr.rsplit("/", 1)[0] for ptr in values if ptr}
        spans = {ptr: values[ptr] for ptr in wanted if ptr in values and ptr not in parents and ptr}
    return FileResult(
        result.file,
        result.problems,
        None,
        SourceMap(text=source.text, values=spans),
        result.ledger,
    )


def shown(result: FileResult) -> FileResult:
    """``result`` under the name every format shows: a file name's bytes that are not UTF-8
    (surrogate escapes in Python) and its control characters become ``\\xNN``, so that every
    report shows the same name and none fails to encode it (perfdecl.escape's path sink)."""
    name = safe(result.file, "path")
    if name == result.file and all(p.file == name for p in result.problems):
        return result
    problems = tuple(replace(p, file=safe(p.file, "path")) for p in result.problems)
    return FileResult(name, problems, result.declaration, result.source, result.ledger)


def check_task(task: Task) -> FileResult:
    """Check one file; never raises (the last guard of a worker process)."""
    if task.cache is not None and task.error is None:
        return _cached_task(task)
    return shown(_check_task(task))


def task_bytes(task: Task) -> bytes | None:
    """The bytes a task checks (None when they cannot be read: no cache then)."""
    if task.data is not None:
        return task.data
    from perfdecl.loader.read import read_path

    return read_path(task.name, limits=task.options.limits)[0]


def _cached_task(task: Task) -> FileResult:
    """Check one file through the result cache: the stored result for these bytes and options,
    or a fresh one, stored. The bytes read are the bytes checked and keyed."""
    from perfdecl.lint.cache import ResultCache, entry_key

    assert task.cache is not None
    data = task_bytes(task)
    if data is None:
        return shown(_check_task(task))
    cache = ResultCache(Path(task.cache))
    key = entry_key(task.name, data, task.options)
    found = cache.get(key, data)
    if found is not None:
        return found
    result = shown(_check_task(replace(task, data=data)))
    cache.put(key, result, data)
    return result


def _probe(task: Task) -> bool:
    """Whether the cache holds an entry for the task's current bytes (a hit, most likely)."""
    from perfdecl.lint.cache import ResultCache, entry_key

    if task.cache is None or task.error is not None:
        return False
    data = task_bytes(task)
    if data is None:
        return False
    return ResultCache(Path(task.cache)).has(entry_key(task.name, data, task.options))


_REGISTERED: set[str] = set()
"""Framework files this process has registered from a task's options (see Options.frameworks)."""


def _register_frameworks(files: tuple[str, ...]) -> None:
    """Register the configuration's framework files in this process, once each. An unusable file
    was reported by the configuration (PD027); a declaration naming its id then gets PD104."""
    from contextlib import suppress

    from perfdecl.model.frameworks import FrameworkFileError, load_file

    for file in files:
        if file not in _REGISTERED:
            _REGISTERED.add(file)
            with suppress(FrameworkFileError):
                load_file(file)


def _check_task(task: Task) -> FileResult:
    # The collector stays paused until the result is slim and the rows' table is dropped:
    # resumed earlier (at the end of check_path), its first collection walked the whole
    # declaration and source map, which are freed a moment later (about a millisecond a file).
    with gc_paused():
        result = _check_task_paused(task)
        rows = sys.modules.get("perfdecl.model.rows")  # imported once a declaration was built
        if rows is not None:
            rows.forget()  # the table of this declaration: nothing reads it after the file
    return result


def _check_task_paused(task: Task) -> FileResult:
    try:
        if task.options.frameworks:
            _register_frameworks(task.options.frameworks)
        if task.error is not None:
            problem = unreadable(
                task.name,
                f"无法读取标准输入：{task.error}。",
                f"cannot read standard input: {task.error}.",
            )
            return FileResult(task.name, (problem,))
        if task.data is not None:
            result = check_bytes(task.data, file=task.name, options=task.options)
        else:
            result = check_path(task.name, task.options)
        return slim(result)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        return FileResult(task.name, (internal_error(task.name, exc),))


def read_stdin(name: str, options: Options, stream: IO[bytes] | None = None) -> Task:
    """Read standard input once, in the parent, within the size limit (one byte over it is
    enough for the loader to report the file as too large)."""
    try:
        source = stream if stream is not None else sys.stdin.buffer
        data = source.read(options.limits.max_bytes + 1)
    except (OSError, ValueError, AttributeError) as exc:
        return Task(name, options, error=getattr(exc, "strerror", None) or str(exc))
    return Task(name, options, data=data)


def plan(
    inputs: Sequence[Input],
    resolver: Resolver,
    *,
    stdin: IO[bytes] | None = None,
) -> list[Task]:
    """One task per input, with its own options (configuration is resolved in the parent)."""
    tasks = []
    for item in inputs:
        options = resolver.options_for(item.name)
        if item.excluded:
            options = replace(options, run_rules=False, protected_only=True)
            tasks.append(Task(item.name, options, excluded=True))
        elif item.stdin:
            tasks.append(read_stdin(item.name, options, stdin))
        else:
            tasks.append(Task(item.name, options))
    return tasks


def reported(task: Task, result: FileResult) -> bool:
    """Whether a result is reported: an excluded file only when it holds a problem."""
    return not task.excluded or bool(result.problems)


def run(
    tasks: Sequence[Task], *, jobs: int | None = None, cache: str | os.PathLike[str] | None = None
) -> Iterator[FileResult]:
    """Check every task; results come in task order whether the run is serial or parallel.

    With ``cache`` (a folder), each file's result is looked up first (:mod:`perfdecl.lint.cache`):
    the files found there are answered in this process, only the others go to the workers, and
    the folder is pruned back under its bound after a run that stored something.

    The pool is started, and every task submitted, before this returns: worker processes are
    then forked before a caller starts a progress bar's refresh thread.
    """
    if cache is None:
        return _run(tasks, jobs)
    folder = os.fspath(cache)
    tasks = [replace(task, cache=folder) for task in tasks]
    missed = [not _probe(task) for task in tasks]
    fresh = _run([t for t, m in zip(tasks, missed, strict=True) if m], jobs)
    return _merge(tasks, missed, fresh, folder)


def _merge(
    tasks: Sequence[Task], missed: Sequence[bool], fresh: Iterator[FileResult], folder: str
) -> Iterator[FileResult]:
    for task, miss in zip(tasks, missed, strict=True):
        yield next(fresh) if miss else check_task(task)
    if any(missed):
        from perfdecl.lint.cache import ResultCache

        ResultCache(Path(folder)).prune()


COLLECT_EVERY = 1000
"""A serial run frees the cycles its files made after this many files (see :func:`_serial`)."""


def _serial(tasks: Sequence[Task]) -> Iterator[FileResult]:
    """Check the tasks one after the other in this process.

    Each task pauses the cyclic collector while it works. Resumed after each file, it ran a
    young collection at once (the file's allocations count towards its threshold) that walked
    what the file left alive: its slim result (a problem and a message a finding) and what the
    caches kept; those were walked again by the next older collection, and again and again in
    a run that holds its results for the folder check (a department form among its files).
    Here what is alive after each file is frozen (``gc.freeze``, which only moves the lists:
    the objects are still freed when no longer referenced), so no collection walks it; the few
    cycles a file leaves behind are freed every ``COLLECT_EVERY`` files and when the run
    ends. Over the 200-file benchmark the collections took 50-55 ms (75 young, 7 older).
    Nothing is done when the collector is off or something else froze objects before."""
    import gc

    managed = gc.isenabled() and gc.get_freeze_count() == 0
    try:
        for n, task in enumerate(tasks, start=1):
            if managed:
                gc.disable()  # check_task then leaves it paused
            result = check_task(task)
            if managed:
                gc.freeze()
                if n % COLLECT_EVERY == 0:
                    gc.unfreeze()
                    gc.collect()
                gc.enable()
            yield result
    finally:
        if managed:
            gc.unfreeze()
            gc.enable()


def _run(tasks: Sequence[Task], jobs: int | None) -> Iterator[FileResult]:
    workers = min(default_jobs() if jobs is None else max(1, jobs), len(tasks))
    if workers <= 1 or len(tasks) < SERIAL_BELOW:
        return _serial(tasks)
    from concurrent.futures import ProcessPoolExecutor  # only here: a serial run skips it

    chunksize = max(1, min(MAX_CHUNK, len(tasks) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        results = pool.map(check_task, tasks, chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return _drain(pool, results)


def _drain(pool: ProcessPoolExecutor, results: Iterator[FileResult]) -> Iterator[FileResult]:
    try:
        yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def check_files(
    args: Sequence[str],
    resolver: Resolver | None = None,
    *,
    jobs: int | None = None,
    stdin_filename: str | None = None,
) -> list[FileResult]:
    """The library entry point: check files, folders and globs; one result per file, in order."""
    resolver = resolver or FixedOptions()
    collected = collect(args, excluded=resolver.excluded, stdin_filename=stdin_filename)
    results = list(collected.missing)
    tasks = plan(collected.inputs, resolver)
    checked = list(zip(tasks, run(tasks, jobs=jobs), strict=True))
    ledgers = Ledgers()
    for task, result in checked:
        if result.ledger is not None and not task.excluded:
            ledgers.add(result.file, result.ledger, task.options)
    extra = ledgers.problems()
    results.extend(
        with_folder_problems(r, extra.get(r.file, [])) for t, r in checked if reported(t, r)
    )
    return results


def with_folder_problems(result: FileResult, extra: Sequence[Problem]) -> FileResult:
    """``result`` with the folder check's problems (PD249) added, in the usual order."""
    if not extra:
        return result
    problems = tuple(sorted((*result.problems, *extra), key=Problem.sort_key))
    return replace(result, problems=problems)


def _config_problems(problems: Sequence[Problem]) -> list[FileResult]:
    """A configuration's problems, reported like a checked file (so they fail the run)."""
    return [FileResult(problems[0].file, tuple(problems))] if problems else []


@dataclass(slots=True)
class Batch:
    """One run's work, planned: what to report first, the tasks, and what precedes each task.

    ``head`` holds the problems of ``--config`` and the inputs that named nothing; ``prefaces``
    the problems of each task's configuration file, the first time that file governs a task.
    """

    head: list[FileResult]
    tasks: list[Task]
    prefaces: list[Sequence[FileResult]]
    skipped: list[str] = field(default_factory=list)  # walked files that are not declarations

    def results(
        self, *, jobs: int | None = None, cache: str | os.PathLike[str] | None = None
    ) -> Iterator[tuple[FileResult | None, bool]]:
        """Every result to report, in order, each with True when it is a task's (a file
        checked, for a progress count; an excluded file without problems gives None then);
        the pool (if any) starts before this returns. ``cache``: the result cache's folder."""
        checked = run(self.tasks, jobs=jobs, cache=cache)
        return self._ordered(checked)

    def _ordered(self, checked: Iterator[FileResult]) -> Iterator[tuple[FileResult | None, bool]]:
        """Results in task order. From the first department form that gives its 项目支出 on
        (when the run has other files), results are held until the end, their progress counted
        as they come (None, True): the folder check (PD249) needs every file's ledger before
        the department form's result can be reported. Then the held ones follow, in order."""
        for extra in self.head:
            yield extra, False
        ledgers = Ledgers()  # what the folder check needs: a result is not kept for its ledger
        held: Held | None = None
        for task, preface, result in zip(self.tasks, self.prefaces, checked, strict=True):
            shown_result = result if reported(task, result) else None
            ledger = result.ledger
            if ledger is not None and not task.excluded:
                # the task's own name when it is the same: a worker's result has a copy
                file = task.name if result.file == task.name else result.file
                ledgers.add(file, ledger, task.options)
                if held is None and ledger.kind == "department" and len(self.tasks) > 1:
                    held = Held()
            if held is not None:
                held.add(preface, shown_result)
                yield None, True
                continue
            for extra in preface:
                yield extra, False
            yield shown_result, True
        if held is None:
            return
        try:
            extra_problems = ledgers.problems()
            for preface, shown_result in held:
                for extra in preface:
                    yield extra, False
                if shown_result is not None:
                    more = extra_problems.get(shown_result.file, [])
                    yield with_folder_problems(shown_result, more), False
        finally:
            held.close()


def prepare(
    args: Sequence[str],
    resolver: Resolver,
    *,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
    stdin: IO[bytes] | None = None,
) -> Batch:
    """Expand ``args``, resolve each file's options, read standard input: a :class:`Batch`."""
    head = _config_problems(resolver.pending())
    if resolver.fatal:  # --config cannot be read: check nothing
        return Batch(head, [], [])
    collected = collect(
        args,
        excluded=resolver.excluded,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
    )
    tasks = plan(collected.inputs, resolver, stdin=stdin)
    # () for the usual task without them: an empty list a task was 56 bytes of 10,000 files
    prefaces: list[Sequence[FileResult]] = [
        _config_problems(resolver.pending(t.name)) or () for t in tasks
    ]
    return Batch(head + collected.missing, tasks, prefaces, collected.skipped)
