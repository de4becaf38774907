"""Run a harness under atheris (libFuzzer) when it is installed, else under a small pure-Python
mutation driver with the same ``TestOneInput`` and the same invariants.

Usage from a harness::

    from driver import main, instrumented
    with instrumented():
        import perfdecl...          # modules imported here get coverage instrumentation
    def test_one_input(data: bytes) -> None: ...
    if __name__ == "__main__":
        main(test_one_input, "loader")

Command line: every libFuzzer flag works under atheris (``corpus/loader -max_total_time=900
-timeout=5 -rss_limit_mb=2048``). ``--pure`` forces the fallback driver, which understands
``-max_total_time=``, ``-timeout=``, ``-runs=``, ``-seed=`` and corpus folders, and writes each
failing input to ``fuzz/crashes/<harness>/`` (libFuzzer writes ``crash-*`` / ``timeout-*``
into the working folder, or ``-artifact_prefix=``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

HERE = Path(__file__).resolve().parent
PURE = "--pure" in sys.argv
if PURE:
    sys.argv.remove("--pure")

try:
    if PURE:
        raise ImportError
    import atheris

    HAVE_ATHERIS = True
except ImportError:
    atheris = None
    HAVE_ATHERIS = False


@contextlib.contextmanager
def instrumented() -> Iterator[None]:
    """Coverage-instrument perfdecl's modules imported inside the block (atheris only)."""
    if HAVE_ATHERIS:
        # Not the "RegEx" hook: its pattern proxy lacks match(text, pos), which perfdecl uses,
        # so every input became a false internal error.
        atheris.enabled_hooks.add("str")
        with atheris.instrument_imports(include=["perfdecl"]):
            yield
    else:
        yield


# --- the pure-Python fallback ----------------------------------------------------------------

DICTIONARY = [
    b"\n",
    b"\n  ",
    b"- ",
    b": ",
    b"\t",
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system ",
    b"!!binary ",
    b"<<: ",
    b"? ",
    b"|-\n",
    b">\n",
    b"'",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b"#",
    b"# perfdecl: ignore[PD215] ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"~",
    b".nan",
    b"-.inf",
    b"1e400",
    b"NaN",
    b"Infinity",
    b"9" * 60,
    b"0.00000000000000000000000000000000001",
    b"2019-12-31",
    b"2019-02-30",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\x85",
    "\u2028".encode(),
    "覆盖率≥95%".encode(),
    "满意度".encode(),
    "万元".encode(),
    "截止2019年12月31日".encode(),
    "进一步提升".encode(),
    "产出指标".encode(),
    "效益指标".encode(),
    "满意度指标".encode(),
    "一级指标".encode(),
    "二级指标".encode(),
    "资金总额：".encode(),
    "部门（单位）绩效目标".encode(),
    "1．".encode(),
    "（一）".encode(),
]


def mutate(data: bytes, rng: random.Random, corpus: list[bytes]) -> bytes:
    """A few random byte-level edits: flip, insert, delete, duplicate, splice, dictionary."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif op == 2 and buf:
            del buf[pos : pos + rng.randint(1, 64)]
        elif op == 3 and buf:
            start = rng.randrange(len(buf))
            chunk = buf[start : start + rng.randint(1, 200)]
            buf[pos:pos] = chunk
        elif op == 4 and corpus:
            other = rng.choice(corpus)
            if other:
                start = rng.randrange(len(other))
                buf[pos:pos] = other[start : start + rng.randint(1, 400)]
        elif op == 5:
            buf[pos:pos] = rng.choice(DICTIONARY)
        elif op == 6 and buf:
            del buf[pos:]  # truncate
        elif op == 7:
            # swap two lines
            lines = bytes(buf).split(b"\n")
            if len(lines) > 2:
                a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[a], lines[b] = lines[b], lines[a]
                buf = bytearray(b"\n".join(lines))
    return bytes(buf[: 1 << 20])


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


def _flags(argv: list[str]) -> tuple[dict[str, str], list[Path]]:
    flags: dict[str, str] = {}
    dirs: list[Path] = []
    for arg in argv:
        if arg.startswith("-") and "=" in arg:
            k, _, v = arg.lstrip("-").partition("=")
            flags[k] = v
        elif not arg.startswith("-"):
            dirs.append(Path(arg))
    return flags, dirs


def pure_fuzz(test_one_input: Callable[[bytes], None], name: str, argv: list[str]) -> int:
    """Random mutation of the corpus inputs, stopping at the first failure (like libFuzzer)."""
    flags, dirs = _flags(argv)
    total = float(flags.get("max_total_time", "60"))
    timeout = int(flags.get("timeout", "5"))
    runs = int(flags.get("runs", "-1"))
    rng = random.Random(int(flags.get("seed", str(time.time_ns()))))
    corpus: list[bytes] = []
    for folder in dirs:
        if folder.is_dir():
            corpus.extend(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())
    if not corpus:
        corpus = [b""]
    crashes = HERE / "crashes" / name
    signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    execs = 0
    slowest = 0.0
    print(f"pure-Python driver: {len(corpus)} inputs, {total:.0f} s, timeout {timeout} s")
    queue = list(corpus)  # seeds first, unmutated
    while time.monotonic() - start < total and (runs < 0 or execs < runs):
        data = queue.pop() if queue else mutate(rng.choice(corpus), rng, corpus)
        t0 = time.monotonic()
        signal.alarm(timeout)
        failure = None
        try:
            test_one_input(data)
        except _Timeout:
            failure = "timeout"
        except Exception:
            failure = "crash"
            traceback.print_exc()
        finally:
            signal.alarm(0)
        took = time.monotonic() - t0
        slowest = max(slowest, took)
        execs += 1
        if failure:
            crashes.mkdir(parents=True, exist_ok=True)
            path = crashes / f"{failure}-{hashlib.sha1(data).hexdigest()}"
            path.write_bytes(data)
            print(f"{failure}: input written to {path} ({len(data)} bytes)")
            return 1
        if execs % 1000 == 0:
            rate = execs / (time.monotonic() - start)
            print(f"#{execs} {rate:.0f} exec/s slowest {slowest:.2f} s", flush=True)
    elapsed = time.monotonic() - start
    print(f"done: {execs} execs in {elapsed:.0f} s ({execs / max(elapsed, 1e-9):.0f} exec/s)")
    return 0


def main(test_one_input: Callable[[bytes], None], name: str) -> None:
    """Fuzz ``test_one_input`` with atheris, or with the fallback driver."""
    if HAVE_ATHERIS:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
    else:
        sys.exit(pure_fuzz(test_one_input, name, sys.argv[1:]))


def replay(test_one_input: Callable[[bytes], None], paths: list[str]) -> int:
    """Run the harness once on each file given (for triage): 0 when all pass."""
    bad = 0
    for name in paths:
        for path in sorted(Path(name).iterdir()) if os.path.isdir(name) else [Path(name)]:
            try:
                test_one_input(path.read_bytes())
            except Exception:
                bad += 1
                print(f"FAIL {path}")
                traceback.print_exc()
    return 1 if bad else 0
