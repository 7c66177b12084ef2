/**
 * The Python module every exported Airflow project carries as 'dags/datalit_extract.py': the
 * app's extract rules (core/pipeline/extract.ts, extract-parse.ts) in plain Python with the
 * standard library only, so an extract task in Airflow loads exactly the rows and quarantined
 * lines the app does. tests/core/pipeline/airflow-export.spec.ts runs it on real lake files and
 * nasty ones and compares every row with the TypeScript extractor's. Kept as text here because
 * core/ runs in the browser too; String.raw keeps every backslash as Python must see it.
 */

/** The source of 'dags/datalit_extract.py'. */
export const DATALIT_EXTRACT_PY = String.raw`"""Load data lake files as they are into a staging table, with the rules of Datalit Studio's extractor.

A plain module (the standard library only, no orchestrator import), so it can be tested and run
on its own:

    python3 datalit_extract.py --db warehouse.sqlite --lake /path/to/lake --path 'events/*.jsonl.gz' \
        --format jsonl --target stg_events

The rules, the same as the app's (core/pipeline/extract.ts and extract-parse.ts):

- Files: a path relative to the lake folder, or a glob ('*' and '?' stay inside one folder, '**/'
  spans folders), read in name order. A glob that matches nothing is an error, never an empty load.
- gzip is recognised by its magic bytes, not by the name; a damaged or cut-off gzip file fails.
- Text: a UTF-8 BOM is dropped, so is a CR before each newline. CSV and regex sources fall back to
  EUC-KR (CP949) line by line where UTF-8 is not valid; JSON lines replace bad bytes with U+FFFD.
- The staging table has '_file' and '_line' first, then one TEXT column per field, in the order
  fields first appear (column names are unique ignoring case, as SQLite compares them).
- A line that cannot be read is never dropped: it goes to '<target>__quarantine(_file, _line,
  reason, raw)'. JSON lines: an empty line, invalid JSON, or a value that is not an object. CSV:
  a quoted field that is not closed, an empty line, or a row whose number of fields differs from
  the header's. Regex: a line the pattern does not match.
- JSON values are kept as the app keeps them: strings as they are, numbers written as JavaScript
  writes them (1.0 is '1'), true/false, objects and arrays as compact JSON text, null as NULL.
- CSV is split the way papaparse 5 splits it (the app's parser), including its handling of
  spaces after a closing quote and of stray quotes inside a quoted field.
- Regex: Python or JavaScript named groups ('(?P<name>...)' or '(?<name>...)'); each becomes a
  column. Matched with JavaScript's meaning of \\d, \\w, \\b (ASCII), \\s (Unicode spaces) and '.'.
"""

from __future__ import annotations

import argparse
import gzip
import json
import json.encoder
import math
import os
import re
import sqlite3
import sys
import zlib
from typing import Any, Iterator

__all__ = ["ExtractError", "extract", "match_lake", "parse_records", "text_lines"]

FILE_COLUMN = "_file"
LINE_COLUMN = "_line"
BATCH_ROWS = 5000

# JavaScript's whitespace (String.prototype.trim and \s).
JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_SPACE_CLASS = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"


class ExtractError(Exception):
    """A lake file that cannot be loaded at all (missing, damaged gzip, a bad pattern)."""


def js_trim(text: str) -> str:
    """String.prototype.trim: strips JavaScript's whitespace (which includes U+FEFF, unlike str.strip)."""
    return text.strip(JS_SPACE)


# ---------------------------------------------------------------------------------------------
# Files


def list_lake(lake_dir: str) -> list[str]:
    """Every file under the lake folder, as '/'-separated paths relative to it, in name order."""
    found = []
    for root, _dirs, files in os.walk(lake_dir):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), lake_dir)
            found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def _glob_regex(glob: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(glob):
        c = glob[i]
        if c == "*":
            if glob[i + 1 : i + 2] == "*":
                if glob[i + 2 : i + 3] == "/":
                    out += "(?:.*/)?"
                    i += 3
                else:
                    out += ".*"
                    i += 2
                continue
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        else:
            out += re.escape(c)
        i += 1
    return re.compile("^" + out + "$", re.DOTALL)


def match_lake(lake_dir: str, pattern: str) -> list[str]:
    """The lake paths a (rendered) path or glob names, in name order; a plain path must exist."""
    clean = re.sub(r"^\.?/+", "", pattern)
    if not re.search(r"[*?]", clean):
        if not os.path.isfile(os.path.join(lake_dir, *clean.split("/"))) or ".." in clean.split("/"):
            raise ExtractError(f"{clean}: no such file in the lake")
        return [clean]
    regex = _glob_regex(clean)
    return [p for p in list_lake(lake_dir) if regex.match(p)]


def unpack(path: str, data: bytes) -> bytes:
    """A file's content: gunzipped when its bytes start with the gzip magic number, as it is otherwise."""
    if not data.startswith(b"\x1f\x8b\x08"):
        return data
    try:
        return gzip.decompress(data)
    except EOFError as e:
        raise ExtractError(
            f"{path}: the gzip file ends too early (truncated after {len(data)} bytes); "
            "it was probably cut off while being copied"
        ) from e
    except (OSError, zlib.error) as e:
        raise ExtractError(f"{path}: the gzip file is damaged ({e})") from e


# ---------------------------------------------------------------------------------------------
# Text


def _decode_line(raw: bytes, encoding: str) -> str:
    if encoding == "euc-kr":
        return raw.decode("cp949", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if encoding == "utf-8":
            return raw.decode("utf-8", errors="replace")
        # WHATWG's 'euc-kr' (what the app's TextDecoder uses) is Windows-949, Python's cp949.
        return raw.decode("cp949", errors="replace")


def text_lines(data: bytes, encoding: str = "auto") -> Iterator[tuple[int, str]]:
    """(line number, text) of each line: BOM and CR-before-newline dropped, no line after a final newline."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    whole = None
    if encoding != "euc-kr":
        try:
            whole = data[bom:].decode("utf-8")
        except UnicodeDecodeError:
            whole = None
    if whole is not None:
        start = 0
        line = 1
        while start < len(whole):
            nl = whole.find("\n", start)
            if nl < 0:
                nl = len(whole)
            stop = nl - 1 if nl > start and whole[nl - 1] == "\r" else nl
            yield line, whole[start:stop]
            line += 1
            start = nl + 1
        return
    start = bom
    line = 1
    while start < len(data):
        nl = data.find(b"\n", start)
        end = len(data) if nl < 0 else nl + 1
        if nl < 0:
            nl = len(data)
        stop = nl - 1 if nl > start and data[nl - 1] == 0x0D else nl
        yield line, _decode_line(data[start:stop], encoding)
        line += 1
        start = end


# ---------------------------------------------------------------------------------------------
# JSON values written as JavaScript writes them


def js_number(x: float | int) -> str:
    """Number.prototype.toString of a JSON number (JSON.parse makes every number a double)."""
    if isinstance(x, int) and not isinstance(x, bool):
        if abs(x) < 2**53:
            return str(x)
        try:
            x = float(x)
        except OverflowError:
            return "Infinity" if x > 0 else "-Infinity"
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number(-x)
    mantissa, _, exponent = repr(x).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    head = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{head}e{sign}{abs(e)}"


_INDEX_KEY = re.compile(r"^(?:0|[1-9][0-9]*)$")


def _js_key_order(obj: dict[str, Any]) -> list[str]:
    """JavaScript's own-key order: array-index keys ascending, then the others as inserted."""
    index = [k for k in obj if k[:1].isdigit() and _INDEX_KEY.match(k) and int(k) < 2**32 - 1]
    if not index:
        return list(obj)
    index.sort(key=int)
    taken = set(index)
    return index + [k for k in obj if k not in taken]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _js_string(s: str) -> str:
    # json's own string encoder (C-accelerated), as json.dumps(s, ensure_ascii=False) writes it.
    text = json.encoder.encode_basestring(s)
    # JSON.stringify escapes lone surrogates; json's encoder would leave them raw.
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def js_stringify(value: Any) -> str:
    """JSON.stringify of a parsed JSON value: compact, keys in JavaScript's order, numbers as JavaScript writes them."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return "null"
        text = js_number(value)
        return "null" if text in ("Infinity", "-Infinity", "NaN") else text
    if isinstance(value, str):
        return _js_string(value)
    if isinstance(value, list):
        return "[" + ",".join(js_stringify(v) for v in value) + "]"
    return "{" + ",".join(_js_string(k) + ":" + js_stringify(value[k]) for k in _js_key_order(value)) + "}"


def _json_cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        # A lone surrogate (from a "\\ud800" escape) cannot be stored as UTF-8: it becomes U+FFFD.
        return value if _SURROGATE.search(value) is None else _SURROGATE.sub("\ufffd", value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (dict, list)):
        return js_stringify(value)
    return js_number(value)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_records(data: bytes) -> Iterator[tuple]:
    for line, text in text_lines(data, "utf-8"):
        if js_trim(text) == "":
            yield ("bad", line, "empty line", text)
            continue
        try:
            value = json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError) as e:
            yield ("bad", line, f"invalid JSON: {e}", text)
            continue
        if not isinstance(value, dict):
            yield ("bad", line, "not a JSON object", text)
            continue
        yield ("row", line, [(k, _json_cell(value[k])) for k in _js_key_order(value)])


# ---------------------------------------------------------------------------------------------
# CSV, split as papaparse 5 splits it


def guess_delimiter(header: str) -> str:
    """The most frequent of ',', ';' and tab outside quotes in the header line (',' on a tie)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for c in header:
        if c == '"':
            quoted = not quoted
        elif not quoted and c in counts:
            counts[c] += 1
    if counts[";"] > counts[","] and counts[";"] >= counts["\t"]:
        return ";"
    if counts["\t"] > counts[","] and counts["\t"] > counts[";"]:
        return "\t"
    return ","


def header_names(header: list[str]) -> list[str]:
    """Trimmed names; a blank one becomes column_N; repeats (ignoring case) get _2, _3."""
    seen: set[str] = set()
    names = []
    for i, raw in enumerate(header):
        base = js_trim(raw) or f"column_{i + 1}"
        name = base
        n = 2
        while name.lower() in seen:
            name = f"{base}_{n}"
            n += 1
        seen.add(name.lower())
        names.append(name)
    return names


def papa_rows(text: str, delim: str) -> Iterator[tuple[list[str], int, int, bool]]:
    """(fields, start offset, end offset, unclosed quote) of each row, as papaparse's Parser yields them."""
    n = len(text)
    if n == 0:
        return
    dl = len(delim)
    cursor = 0
    last_cursor = 0
    row: list[str] = []
    missing_quotes = False
    previous = 0
    next_delim = text.find(delim, cursor)
    next_newline = text.find("\n", cursor)

    def extra_spaces(index: int, quote_search: int) -> int:
        if index != -1:
            between = text[quote_search + 1 : index]
            if between and js_trim(between) == "":
                return len(between)
        return 0

    while True:
        if cursor < n and text[cursor] == '"':
            quote_search = cursor
            cursor += 1
            finished = None
            while True:
                quote_search = text.find('"', quote_search + 1)
                if quote_search == -1:
                    missing_quotes = True
                    finished = text[cursor:]
                    break
                if quote_search == n - 1:
                    finished = text[cursor:quote_search].replace('""', '"')
                    break
                if text[quote_search + 1] == '"':
                    quote_search += 1
                    continue
                if next_delim != -1 and next_delim < quote_search + 1:
                    next_delim = text.find(delim, quote_search + 1)
                if next_newline != -1 and next_newline < quote_search + 1:
                    next_newline = text.find("\n", quote_search + 1)
                check_up_to = next_delim if next_newline == -1 else min(next_delim, next_newline)
                spaces = extra_spaces(check_up_to, quote_search)
                at = quote_search + 1 + spaces
                if text[at : at + dl] == delim:
                    row.append(text[cursor:quote_search].replace('""', '"'))
                    cursor = at + dl
                    if next_delim != -1 and next_delim < cursor:
                        next_delim = text.find(delim, cursor)
                    if next_newline != -1 and next_newline < cursor:
                        next_newline = text.find("\n", cursor)
                    break
                spaces = extra_spaces(next_newline, quote_search)
                at = quote_search + 1 + spaces
                if text[at : at + 1] == "\n":
                    row.append(text[cursor:quote_search].replace('""', '"'))
                    cursor = at + 1
                    last_cursor = cursor
                    yield row, previous, last_cursor, missing_quotes
                    previous = last_cursor
                    row, missing_quotes = [], False
                    next_newline = text.find("\n", cursor)
                    if next_delim != -1 and next_delim < cursor:
                        next_delim = text.find(delim, cursor)
                    break
                # A stray quote inside the quoted field: part of the value, keep looking.
                quote_search += 1
            if finished is not None:
                row.append(finished)
                yield row, previous, n, missing_quotes
                return
            continue
        if next_delim != -1 and (next_delim < next_newline or next_newline == -1):
            row.append(text[cursor:next_delim])
            cursor = next_delim + dl
            next_delim = text.find(delim, cursor)
            continue
        if next_newline != -1:
            row.append(text[cursor:next_newline])
            cursor = next_newline + 1
            last_cursor = cursor
            yield row, previous, last_cursor, missing_quotes
            previous = last_cursor
            row, missing_quotes = [], False
            next_newline = text.find("\n", cursor)
            continue
        break
    row.append(text[cursor:])
    yield row, previous, n, missing_quotes


def _csv_records(data: bytes, delimiter: str, encoding: str) -> Iterator[tuple]:
    lines = list(text_lines(data, encoding))
    if not lines:
        return
    text = "\n".join(t for _, t in lines)
    delim = guess_delimiter(lines[0][1]) if delimiter == "auto" else delimiter
    starts = []
    offset = 0
    for _, t in lines:
        starts.append(offset)
        offset += len(t) + 1

    def line_at(at: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) >> 1
            if starts[mid] <= at:
                lo = mid
            else:
                hi = mid - 1
        return lo

    header = None
    for fields, start, end, unclosed in papa_rows(text, delim):
        line = lines[line_at(start)][0]
        raw = text[start:end]
        if raw.endswith("\n"):
            raw = raw[:-1]
        if unclosed:
            yield ("bad", line, "a quoted field is not closed", raw)
            continue
        if header is None:
            header = header_names(fields)
            continue
        if len(fields) == 1 and fields[0] == "" and len(header) > 1:
            yield ("bad", line, "empty line", raw)
            continue
        if len(fields) != len(header):
            yield ("bad", line, f"expected {len(header)} fields, found {len(fields)}", raw)
            continue
        yield ("row", line, list(zip(header, fields)))


# ---------------------------------------------------------------------------------------------
# Regular expressions with JavaScript's meaning


def python_pattern(pattern: str) -> str:
    """A JavaScript (or Python) pattern in Python's syntax, with JavaScript's \\s, '.' and named groups."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "k" and not in_class and pattern[i + 2 : i + 3] == "<" and ">" in pattern[i + 3 :]:
                end = pattern.index(">", i + 3)
                out.append(f"(?P={pattern[i + 3 : end]})")
                i = end + 1
                continue
            if nxt == "s":
                out.append(JS_SPACE_CLASS if in_class else f"[{JS_SPACE_CLASS}]")
            elif nxt == "S" and not in_class:
                out.append(f"[^{JS_SPACE_CLASS}]")
            else:
                out.append(c + nxt)
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The compiled pattern; it must have at least one named group (each becomes a column)."""
    try:
        regex = re.compile(python_pattern(pattern), re.ASCII)
    except re.error as e:
        raise ExtractError(f"the pattern is not a valid regular expression ({e})") from e
    if not regex.groupindex:
        raise ExtractError("the pattern has no named groups such as (?P<status>\\d{3}): nothing would become a column")
    return regex


def _regex_records(data: bytes, pattern: str) -> Iterator[tuple]:
    regex = compile_pattern(pattern)
    names = sorted(regex.groupindex, key=lambda name: regex.groupindex[name])
    for line, text in text_lines(data, "auto"):
        m = regex.search(text)
        if not m:
            reason = "empty line" if js_trim(text) == "" else "the line does not match the pattern"
            yield ("bad", line, reason, text)
            continue
        yield ("row", line, [(name, m.group(name)) for name in names])


def parse_records(data: bytes, source: dict[str, Any]) -> Iterator[tuple]:
    """Records of one file's unpacked content: ('row', line, [(key, value)]) or ('bad', line, reason, raw)."""
    fmt = source.get("format")
    if fmt == "jsonl":
        return _json_records(data)
    if fmt == "csv":
        return _csv_records(data, source.get("delimiter", "auto"), source.get("encoding", "auto"))
    if fmt == "regex":
        return _regex_records(data, source["pattern"])
    raise ExtractError(f"unknown format {fmt!r}")


# ---------------------------------------------------------------------------------------------
# Loading


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Columns:
    """Data columns of a staging table: unique ignoring case, never clashing with _file and _line."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.by_lower = {FILE_COLUMN: FILE_COLUMN, LINE_COLUMN: LINE_COLUMN}
        self.mapped: dict[str, str] = {}

    def adopt(self, existing: list[str]) -> None:
        for name in existing:
            if name in (FILE_COLUMN, LINE_COLUMN):
                continue
            self.names.append(name)
            self.by_lower[name.lower()] = name
            self.mapped[name.lower()] = name

    def column_for(self, key: str) -> tuple[str, bool]:
        lower = key.lower()
        known = self.mapped.get(lower)
        if known is not None:
            return known, False
        name = key
        n = 2
        while name.lower() in self.by_lower:
            name = f"{key}_{n}"
            n += 1
        self.by_lower[name.lower()] = name
        self.mapped[lower] = name
        self.names.append(name)
        return name, True


def extract(
    conn: sqlite3.Connection,
    lake_dir: str,
    path: str,
    source: dict[str, Any],
    target: str,
    mode: str = "replace",
) -> dict[str, Any]:
    """Loads the lake files 'path' names into 'target' (and 'target__quarantine'); returns the counts.

    Runs inside one savepoint: a failure leaves the database as it was. 'mode' 'replace' drops
    and recreates both tables; 'append' adds rows (and columns) to them.
    """
    files = match_lake(lake_dir, path)
    if not files:
        raise ExtractError(f"no lake file matches '{path}'")
    table = quote_ident(target)
    quarantine = quote_ident(target + "__quarantine")
    counts = {"files": files, "rows_read": 0, "rows_written": 0, "rows_quarantined": 0}
    conn.execute("SAVEPOINT datalit_extract")
    try:
        if mode == "replace":
            conn.execute(f"DROP TABLE IF EXISTS main.{table}")
            conn.execute(f"DROP TABLE IF EXISTS main.{quarantine}")
        conn.execute(f"CREATE TABLE IF NOT EXISTS main.{table} ({quote_ident(FILE_COLUMN)} TEXT, {quote_ident(LINE_COLUMN)} INTEGER)")
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS main.{quarantine} "
            f"({quote_ident(FILE_COLUMN)} TEXT, {quote_ident(LINE_COLUMN)} INTEGER, reason TEXT, raw TEXT)"
        )
        columns = _Columns()
        columns.adopt([r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?, 'main')", (target,))])
        # The table's data columns as they are now (a new column is added after the rows before it are written).
        table_columns = list(columns.names)
        pending: list[list[Any]] = []
        bad: list[tuple] = []
        slots_of: dict[tuple[str, ...], list[int]] = {}

        def flush() -> None:
            if pending:
                names = [FILE_COLUMN, LINE_COLUMN, *table_columns]
                sql = (
                    f"INSERT INTO main.{table} ({', '.join(quote_ident(c) for c in names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})"
                )
                width = len(names)
                conn.executemany(sql, [r + [None] * (width - len(r)) for r in pending])
                pending.clear()
            if bad:
                conn.executemany(f"INSERT INTO main.{quarantine} VALUES (?, ?, ?, ?)", bad)
                bad.clear()

        for file in files:
            with open(os.path.join(lake_dir, *file.split("/")), "rb") as fh:
                content = unpack(file, fh.read())
            for record in parse_records(content, source):
                counts["rows_read"] += 1
                if record[0] == "bad":
                    _, line, reason, raw = record
                    bad.append((file, line, reason, raw))
                    counts["rows_quarantined"] += 1
                else:
                    _, line, pairs = record
                    keys = tuple(key for key, _value in pairs)
                    slots = slots_of.get(keys)
                    if slots is None:
                        # Where each of these keys goes in the row (most files repeat one key list).
                        for key in keys:
                            name, added = columns.column_for(key)
                            if added:
                                flush()
                                conn.execute(f"ALTER TABLE main.{table} ADD COLUMN {quote_ident(name)} TEXT")
                                table_columns.append(name)
                        slots = [columns.names.index(columns.column_for(key)[0]) for key in keys]
                        slots_of[keys] = slots
                    row: list[Any] = [None] * len(columns.names)
                    for slot, (_key, value) in zip(slots, pairs):
                        row[slot] = value
                    pending.append([file, line, *row])
                    counts["rows_written"] += 1
                if len(pending) + len(bad) >= BATCH_ROWS:
                    flush()
        flush()
        counts["columns"] = [FILE_COLUMN, LINE_COLUMN, *columns.names]
    except BaseException:
        conn.execute("ROLLBACK TO datalit_extract")
        conn.execute("RELEASE datalit_extract")
        raise
    conn.execute("RELEASE datalit_extract")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load lake files into a staging table of a SQLite file.")
    parser.add_argument("--db", required=True, help="the SQLite file to load into")
    parser.add_argument("--lake", required=True, help="the lake folder paths are relative to")
    parser.add_argument("--path", required=True, help="a lake path or glob, e.g. 'events/*.jsonl.gz'")
    parser.add_argument("--format", required=True, choices=["jsonl", "csv", "regex"])
    parser.add_argument("--target", required=True, help="the staging table")
    parser.add_argument("--mode", default="replace", choices=["replace", "append"])
    parser.add_argument("--delimiter", default="auto", help="csv: auto, ',', ';' or 'tab'")
    parser.add_argument("--encoding", default="auto", choices=["auto", "utf-8", "euc-kr"])
    parser.add_argument("--pattern", help="regex: a pattern with named groups")
    args = parser.parse_args(argv)
    source: dict[str, Any] = {"format": args.format}
    if args.format == "csv":
        source["delimiter"] = "\t" if args.delimiter in ("tab", "\\t") else args.delimiter
        source["encoding"] = args.encoding
    if args.format == "regex":
        if not args.pattern:
            parser.error("--pattern is required with --format regex")
        source["pattern"] = args.pattern
    conn = sqlite3.connect(args.db)
    try:
        counts = extract(conn, args.lake, args.path, source, args.target, args.mode)
        conn.commit()
    except ExtractError as e:
        print(f"datalit_extract: {e}", file=sys.stderr)
        return 1
    finally:
        conn.close()
    print(json.dumps(counts, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
