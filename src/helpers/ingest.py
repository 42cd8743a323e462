"""Ingest stage: account for every input file, decode it, strip page furniture, read its metadata."""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from pathlib import Path, PurePosixPath

import ftfy
import pandas as pd
from charset_normalizer import from_bytes

from helpers.bounds import date_problem
from helpers import published as published_dates
from helpers.published import _MONTH_ABBR, _MONTHS, _WEEKDAYS  # the calendar words a revision may change
from helpers.paths import DATA_DIR
from helpers.schemas import ARTICLES_COLUMNS, LEDGER_COLUMNS

SIDECAR_NAME = "articles.csv"
SIDECAR_COLUMNS = ["article_id", "url", "outlet", "published", "title", "language"]
HTML_SUFFIXES = {".html", ".htm"}
# The input contract names .txt, .html and .htm; a file without a suffix is judged by its content.
ARTICLE_SUFFIXES = {".txt", ".text", "", *HTML_SUFFIXES}

# Magic numbers of binary formats people drop into article folders by mistake.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media (WEBP/WAV/AVI)"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

# Control bytes other than tab, line feed, form feed and carriage return: a text file has few of them.
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Text made only of these characters is left unchanged by ftfy with the options decode_bytes uses (checked in
# tests/test_ingest.py): printable ASCII without '&' (which could open an HTML entity), tab, line feed and form
# feed. Mojibake, control characters, terminal escapes and carriage returns all need a character outside it.
_FTFY_INERT = re.compile(r"[\t\n\x0c\x20-\x25\x27-\x7e]*")

# Wire-copy dateline opening the first body line: `BEIRUT, Jan 9 (Reuters) -` or `KABUL (AP) —`.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?P<agency>Reuters|AFP|AP|dpa|Xinhua|Anadolu|UPI)\)\s*[-–—]+\s*")
_SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(?P<outlet>.+?)\s*$", re.I)

class IngestParameterError(ValueError):
    """A parameter of the ingest stage has a value it cannot use."""


@dataclass
class Decoded:
    """Text decoded from a file's bytes, with the encoding used, or why it is not text."""

    text: str | None
    encoding: str
    problem: str | None = None
    is_repaired: bool = False


@dataclass
class Cleaned:
    """An article body with page furniture removed and a map from its offsets to the original text."""

    text: str
    original_text: str
    segments: list[tuple[int, int, int]]
    removed: list[dict] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    problems: list[str] = field(default_factory=list)
    published_rule: str | None = None  # which kind of line gave the date (helpers.published)


# ---------------------------------------------------------------- files and bytes

def list_input_files(input_dir: str | Path) -> list[Path]:
    """List every entry under the input folder that gets a ledger row, except the top-level sidecar: files,
    symbolic links (never followed), named pipes, sockets and devices, empty folders and folders that cannot
    be listed. Subfolders are walked; a link to a folder is listed as an entry, not entered."""
    root = Path(input_dir)
    entries: list[Path] = []

    def walk(folder: Path) -> None:
        try:
            with os.scandir(folder) as scan:
                children = list(scan)
        except OSError:
            entries.append(folder)  # a folder that cannot be listed is an entry of its own
            return
        if not children and folder != root:
            entries.append(folder)  # an empty folder
        for child in children:
            if child.is_dir(follow_symlinks=False):
                walk(Path(child.path))
            else:
                entries.append(Path(child.path))

    walk(root)
    entries = [path for path in entries if path.relative_to(root).as_posix() != SIDECAR_NAME]
    return sorted(entries, key=lambda path: path.relative_to(root).as_posix())


def _error_reason(error: Exception) -> str:
    """An exception as a ledger reason: its type and message, without the file's absolute path."""
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {error.strerror}"
    return f"{type(error).__name__}: {shown_name(str(error))}"


def shown_name(name: str) -> str:
    """A file name as the tables show it: a name that is not valid UTF-8 (Linux allows any bytes) keeps its
    valid characters and shows each other byte as a \\xNN escape, so it can be written, read and compared."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")


_SPECIAL_FILES = [
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
]


def classify_entry(root: Path, path: Path) -> tuple[str, str, str] | None:
    """Return (status, reason, duplicate_of) for an entry that is not a regular file, or None for a regular file.

    A symbolic link is never followed out of the input folder: a link to a file inside is a duplicate of that
    file (read under its own name), a link to a folder inside is listed but not entered (its files are listed
    under their own names), and a link that leads outside, nowhere or round in a loop is an error. Pipes,
    sockets and devices are not text and are never opened.
    """
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        try:
            target = Path(os.path.realpath(path, strict=True))
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "error", "symbolic link loop; not followed", ""
            if error.errno == errno.ENOENT:
                return "error", "dangling symbolic link (its target does not exist); not followed", ""
            return "error", f"symbolic link cannot be resolved ({type(error).__name__}); not followed", ""
        real_root = Path(os.path.realpath(root))
        kind = "folder" if target.is_dir() else "file"
        if target != real_root and real_root not in target.parents:
            return "error", f"symbolic link to a {kind} outside the input folder; not followed, not read", ""
        inside = shown_name(target.relative_to(real_root).as_posix())
        if kind == "folder":
            return "duplicate", (f"symbolic link to the folder {inside or '.'}/ of the input, whose files are listed "
                                 "under their own names; not followed"), ""
        return "duplicate", f"symbolic link to {inside}, which is read under its own name", Path(inside).stem
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as error:
            return "error", f"folder cannot be listed: {type(error).__name__}: {error.strerror}", ""
        return "empty", "empty folder", ""
    for test, name in _SPECIAL_FILES:
        if test(info.st_mode):
            return "not_text", f"{name}, not a regular file; not opened", ""
    if not stat.S_ISREG(info.st_mode):
        return "not_text", "not a regular file; not opened", ""
    return None


def read_regular_file(path: Path) -> bytes:
    """Read a regular file's bytes without following a symbolic link and without blocking on a pipe; fail on
    anything else (the entry may have changed since it was listed)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path.name} is no longer a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(descriptor)


def article_ids(relative_paths: list[str]) -> dict[str, str]:
    """Give each input file (path relative to the input folder) a distinct article id, whatever the order.

    The id is the file name without its extension (`story.txt` -> `story`). When several files share that
    name: if exactly one of them is of an article type (.txt, .text, .html, .htm or no extension), it keeps
    the short id and the others (`story.jpg`) are named by their path; if several are (`story.txt` beside
    `story.html`, or `a/story.txt` beside `b/story.txt`), each is named by its path, extension included. A
    path that equals another file's short id (`story.txt` beside `story.txt.md`) makes that file's id its
    path too. Paths are unique, so the ids are.
    """
    by_stem: dict[str, list[str]] = {}
    for relative in relative_paths:
        by_stem.setdefault(PurePosixPath(relative).stem, []).append(relative)
    ids: dict[str, str] = {}
    for stem, group in by_stem.items():
        articles = [relative for relative in group if PurePosixPath(relative).suffix.lower() in ARTICLE_SUFFIXES]
        keeper = articles[0] if len(articles) == 1 else group[0] if len(group) == 1 else None
        ids.update((relative, stem if relative == keeper else relative) for relative in group)
    while True:
        counts = Counter(ids.values())
        clashing = [relative for relative, article_id in ids.items()
                    if counts[article_id] > 1 and article_id != relative]
        if not clashing:
            return ids
        ids.update((relative, relative) for relative in clashing)


def sniff_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le' or 'utf-16-be' when bytes without a byte-order mark are UTF-16 text, else None.

    The byte pattern decides: in UTF-16 text, spaces, digits, punctuation and Latin letters have a zero high
    byte, so zero bytes fall at one parity only (odd offsets little-endian, even offsets big-endian) and are
    frequent there, while binary data has zeros at both. The bytes must then decode strictly, with no NUL or
    control characters beyond one in a hundred.
    """
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 2:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    encoding, zeros, stray = (("utf-16-le", zeros_odd, zeros_even) if zeros_odd > zeros_even
                              else ("utf-16-be", zeros_even, zeros_odd))
    if zeros < 0.1 * units or stray > 0.01 * units:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or len(_CONTROL_CHARACTERS.findall(text)) > 0.01 * len(text):
        return None
    return encoding


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of the bytes, or return None when they may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS) or sniff_utf16(data):
        return None
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and control / len(sample) > 0.05:
        return "binary data (control characters)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes as text: BOMs first, then UTF-16 by its byte pattern, then strict UTF-8, then the charset
    detector; repair mojibake."""
    binary = sniff_binary(data)
    if binary:
        return Decoded(None, "", f"not text: {binary}")
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = sniff_utf16(data)  # before UTF-8: UTF-16 text of ASCII letters is valid UTF-8 too
    if encoding is None:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp1256", "utf_16"]).best()
            encoding = best.encoding if best is not None else "cp1252"
            if encoding in {"latin_1", "iso8859_15", "cp1252"}:
                # Windows-1252 is a superset of Latin-1's printable range and what "Latin-1" news text really is.
                encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    text = text.lstrip("\ufeff")
    repaired = repair_text(text)
    return Decoded(repaired, encoding.replace("_", "-").lower(), None, repaired != text)


def repair_text(text: str) -> str:
    """Repair mojibake, broken HTML escapes, control characters and line breaks; skip ftfy on plain ASCII."""
    if _FTFY_INERT.fullmatch(text):
        return text
    # Only mojibake and broken escapes are repaired; curly quotes and widths stay as the outlet wrote them.
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                         normalization="NFC")


# ---------------------------------------------------------------- furniture and metadata

def _load_furniture_rules() -> list[tuple[str, re.Pattern]]:
    table = pd.read_csv(DATA_DIR / "dictionaries" / "furniture.csv", dtype="string")
    return [(row.rule, re.compile(row.pattern, re.I)) for row in table.itertuples()]


def _load_section_pattern() -> re.Pattern:
    labels = pd.read_csv(DATA_DIR / "dictionaries" / "section_labels.csv", dtype="string")["label"]
    alternatives = "|".join(sorted((re.escape(label) for label in labels), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?:\s*[|/,>·]?\s*(?:{alternatives}))*$", re.I)


_FURNITURE_RULES: list[tuple[str, re.Pattern]] | None = None
_SECTION_PATTERN: re.Pattern | None = None


# The headline a related-content heading alone on its line ('READ ALSO:', 'Related:') introduces on the next line:
# a title, not a sentence (no closing full stop, at most RELATED_HEADLINE_WORDS words).
RELATED_HEADLINE_WORDS = 25


def is_related_headline(line: str) -> bool:
    """Tell whether a line, read after a related-content heading alone on its line, is the headline it links to."""
    return not line.rstrip().endswith((".", "!", "?", "\u201d", '"')) and len(line.split()) <= RELATED_HEADLINE_WORDS


def classify_furniture(line: str) -> str | None:
    """Name the furniture rule a whole line matches (comment form, share link, caption...), or None."""
    global _FURNITURE_RULES, _SECTION_PATTERN
    if _FURNITURE_RULES is None:
        _FURNITURE_RULES = _load_furniture_rules()
        _SECTION_PATTERN = _load_section_pattern()
    stripped = line.strip()
    if not stripped:
        return None
    for rule, pattern in _FURNITURE_RULES:
        if pattern.match(stripped):
            return rule
    if len(stripped.split()) <= 6 and _SECTION_PATTERN.match(stripped):
        return "section_label"
    return None


def iso_date_problem(value: str) -> str | None:
    """Why a value is not a usable ISO date (not a real calendar date, or outside helpers.bounds), or None."""
    try:
        parsed = date.fromisoformat(value.strip())
    except (ValueError, AttributeError, TypeError):
        return f"{value!r} is not a real ISO date (YYYY-MM-DD)"
    return date_problem(parsed)


def parse_iso_date(value: str) -> str | None:
    """Return the value as an ISO date when it is a real calendar date within bounds, else None."""
    if iso_date_problem(value):
        return None
    return published_dates.parse_iso(value)


def _looks_like_title(line: str, next_is_blank: bool) -> bool:
    """A headline is short, has several words, and does not end like a sentence."""
    words = line.split()
    return 3 <= len(words) <= 25 and not line.rstrip().endswith((".", ",", ";", ":")) and next_is_blank


# A date line may follow a title and a standfirst (a summary sentence under the title): a line that is a date as a
# whole, among this many first non-blank lines, is the page's date line when nothing has dated the page before it.
STANDFIRST_LINES = 4


def clean_text(original: str, known_title: str | None = None) -> Cleaned:
    """Split off metadata lines and furniture; keep body lines with a map back to the original offsets."""
    title = published = outlet = published_rule = None
    published_is_update = False
    removed: list[dict] = []
    problems: list[str] = []
    kept: list[tuple[int, str]] = []  # (original offset, line text)
    lines = original.splitlines(keepends=True)
    offset = 0
    seen_body = False
    head_lines = 0  # non-blank lines read so far
    day_first = published_dates.numeric_order(original)  # the page's order of numeric dates, when it shows one
    positions = []
    for line in lines:
        positions.append(offset)
        offset += len(line)
    after_related_heading = False  # the line before was a related-content heading alone ('READ ALSO:')
    for index, line in enumerate(lines):
        start = positions[index]
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            kept.append((start, ""))
            continue
        if after_related_heading:
            after_related_heading = False
            if is_related_headline(stripped):  # 'READ ALSO:' then, on the next line, another story's headline
                removed.append({"rule": "related", "text": stripped[:160]})
                continue
        lead = len(body) - len(body.lstrip())
        line_start = start + lead
        next_is_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        # Metadata a line may open with: a dated line, a labelled date field, an agency or byline with a date.
        # A publication date replaces an update date found before it, never the other way round; of two
        # publication dates in the head, the earlier is the story's (the later one is a site's date widget,
        # the day the page was viewed: helpers.published.original_publication). Once a date is found, only a
        # line that is a date line as a whole is read (a lede that opens with a date keeps it).
        head_lines += 1
        # a summary under the title (a standfirst) may come before the page's date line: a line that is a date as
        # a whole, among the first lines, still dates an article nothing has dated yet
        if not seen_body or (published is None and head_lines <= STANDFIRST_LINES):
            found = published_dates.match_line(body, day_first=day_first,
                                               whole_line_only=published is not None or seen_body)
            if found is not None and seen_body and (
                    body[found.end:].strip() or found.published is None or found.published.rule != "dateline"
                    or not any(later.strip() for later in lines[index + 1:])):
                found = None  # after the body began, only a bare date as a whole line, with more body below it
                # (a labelled line or a last line there is the page's footer)
            if found is not None:
                problem = (iso_date_problem(found.published.first_day.isoformat())
                           if found.published is not None else None)
                if problem:  # a real day outside helpers.bounds (year 1, year 9999): refused, with the reason
                    problems.append(f"{found.published.rule.replace('_', ' ')}: {problem}")
                elif found.published is not None:
                    current = (published_dates.Published(published, published_dates.precision_of(published),
                                                         published_rule, published_is_update)
                               if published is not None else None)
                    chosen = published_dates.original_publication(current, found.published)
                    published, published_is_update = chosen.value, chosen.is_update
                    published_rule = chosen.rule
                removed.append({"rule": found.published.rule if found.published else "dateline", "text": found.text})
                rest = body[found.end:]
                stripped = rest.strip()
                line_start = start + found.end + (len(rest) - len(rest.lstrip()))
                if not stripped:
                    continue
        wire = _WIRE_DATELINE.match(stripped) if not seen_body else None
        if wire and outlet is None:
            outlet = wire.group("agency")
        source = _SOURCE_LINE.match(stripped)
        if source and outlet is None and len(stripped) <= 120:
            outlet = re.split(r"\s+(?:and|&)\s+|,\s*|;\s*", source.group("outlet"))[0].strip() or None
        if source and published is None:  # an aggregator's credit line with the day its outlet put the story out
            credited = published_dates.source_line_date(stripped, day_first)
            if credited is not None and not iso_date_problem(credited.value):
                published, published_rule, published_is_update = credited.value, credited.rule, False
        rule = classify_furniture(stripped)
        if rule:
            removed.append({"rule": rule, "text": stripped[:160]})
            after_related_heading = rule == "related" and stripped.endswith(":")
            continue
        if known_title and not seen_body and stripped == known_title.strip():
            title = stripped
            removed.append({"rule": "title", "text": stripped[:160]})
            continue
        if title is None and not seen_body and _looks_like_title(stripped, next_is_blank):
            title = stripped
            removed.append({"rule": "title", "text": stripped[:160]})
            continue
        # a page's first line that does not end like a sentence is its title even when no blank line follows it:
        # only a later long line opens the body (so "Title\nAgency | Updated: 05-03-2022" still gives the date)
        is_first_title = not any(text for _, text in kept) and not stripped.endswith((".", ",", ";", ":"))
        seen_body = seen_body or (len(stripped.split()) > 6 and not is_first_title)
        kept.append((line_start, stripped))
    # Join kept lines, collapsing runs of blank lines to one paragraph break.
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    cursor = 0
    pending_break = False
    for original_start, text in kept:
        if not text:
            pending_break = bool(parts)
            continue
        if parts:
            separator = "\n\n" if pending_break else "\n"
            parts.append(separator)
            cursor += len(separator)
        segments.append((cursor, original_start, len(text)))
        parts.append(text.replace("\u00a0", " "))  # same length, so offsets still map
        cursor += len(text)
        pending_break = False
    return Cleaned("".join(parts), original, segments, removed, title, published, outlet, problems, published_rule)


def to_original_offset(segments: list[tuple[int, int, int]], clean_offset: int) -> int | None:
    """Map an offset in the cleaned text back to the original (decoded, repaired) text."""
    for clean_start, original_start, length in segments:
        if clean_start <= clean_offset <= clean_start + length:
            return original_start + (clean_offset - clean_start)
    return None


# trafilatura finds no text under about 115 nested elements, and libxml2 stops building the tree at 256 unless
# told otherwise: a page nested deeper than this is flattened first (flatten_deep_html).
MAX_HTML_DEPTH = 100
# Generic containers a deep page is flattened by: inline ones vanish, block ones that hold text become paragraphs.
_INLINE_WRAPPERS = {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "a", "abbr", "cite", "q"}
_BLOCK_WRAPPERS = {"div", "section", "article", "main", "center", "blockquote", "table", "tbody", "thead", "tfoot",
                   "tr", "td", "th", "ul", "ol", "li", "dl", "dd", "dt", "p"}


def flatten_deep_html(html: str) -> str:
    """Return the page unchanged when it is nested at most MAX_HTML_DEPTH elements deep; otherwise drop the
    generic containers below half that depth, so the text keeps its paragraphs and trafilatura can read it.

    The page is parsed with libxml2's huge-tree option, which keeps up to 2,048 levels (text nested deeper
    than that is lost). Page furniture (nav, header, footer, aside, script...) is never unwrapped, so the
    extractor still recognises it.
    """
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return html
    depths = {tree: 0}
    for element in tree.iterdescendants():
        depths[element] = depths[element.getparent()] + 1
    if max(depths.values()) <= MAX_HTML_DEPTH:
        return html
    limit = MAX_HTML_DEPTH // 2
    for element in reversed([element for element, depth in depths.items() if depth > limit]):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_WRAPPERS and (element.text or "").strip():
            element.tag = "p"  # a block that holds text: a paragraph of its own, under a shallow parent
            continue
        if tag in _INLINE_WRAPPERS or tag in _BLOCK_WRAPPERS:
            followed = (element.tail or "").strip() or element.getnext() is not None
            if tag in _BLOCK_WRAPPERS and followed:  # keep a line break between a block and what follows it
                element.tail = "\n" + (element.tail or "")
            element.drop_tag()
    return lxml.html.tostring(tree, encoding="unicode")


def extract_html(html: str, today: date | None = None) -> tuple[str, dict]:
    """Extract the article body and metadata from an HTML page with trafilatura (deep pages flattened first).

    The publication date comes from htmldate through trafilatura, reading only the page's metadata and
    markup (published before updated), so that a date widget or a date quoted in the text is not taken for it.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        flatten_deep_html(html), include_comments=False, include_tables=False, include_images=False, with_metadata=True,
        deduplicate=False, favor_precision=True,
        date_extraction_params=published_dates.html_date_parameters(today or date.today()),
    )
    if document is None:
        return "", {}
    text = document.text or ""
    metadata = {
        "title": document.title or None,
        "published": parse_iso_date(document.date) if document.date else None,
        "outlet": document.sitename or None,
        "url": document.url or None,
    }
    return text, metadata


# ---------------------------------------------------------------- language and duplicates

def _langdetect():
    """The langdetect API: its Rust port langdetect-rs (same results bit for bit, ~50x faster), else langdetect."""
    try:
        import langdetect_rs as library
        from langdetect_rs import LangDetectException
    except ImportError:  # pragma: no cover - requirements.txt installs langdetect-rs
        import langdetect as library
        from langdetect.lang_detect_exception import LangDetectException
    return library, LangDetectException


def detect_language(text: str) -> tuple[str, float]:
    """Detect the language of a text deterministically (langdetect with a fixed seed)."""
    library, LangDetectException = _langdetect()
    library.DetectorFactory.seed = 0
    try:
        best = library.detect_langs(text[:1000])[0]  # 1,000 characters identify a language; more only costs time
    except LangDetectException:
        return "unknown", 0.0
    return best.lang, round(best.prob, 2)


def _shingles(words: list[str], size: int) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def text_signature(text: str, *, shingle_size: int = 5, num_perm: int = 128, seed: int = 42):
    """Return a text's exact-duplicate key (SHA-256 of its words) and the MinHash of its word shingles."""
    from datasketch import LeanMinHash

    words = re.findall(r"\w+", text.lower())
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    minhash = _empty_minhash(num_perm, seed).copy()  # copies share the permutations instead of drawing them again
    minhash.update_batch(sorted(_shingles(words, shingle_size)))
    return digest, LeanMinHash(minhash)  # the lean form keeps the hash values only


@lru_cache(maxsize=4)
def _empty_minhash(num_perm: int, seed: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed)


_FACT_WORDS = (r"\d[\d,.]*|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
               r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
               r"eighty|ninety|hundreds?|thousands?|millions?|dozens?|scores|several|"
               rf"{_MONTHS}|{_MONTH_ABBR}|{_WEEKDAYS}|yesterday|today|tonight")
_FACT = re.compile(rf"\b(?:{_FACT_WORDS})\b", re.I)


def text_facts(text: str, published: str | None = None) -> tuple[str, ...]:
    """The figures and dates a text states, in order: numbers, number words, month and weekday names, and its
    publication date. Two copies of a story that differ here are revisions, not duplicates."""
    return (published or "", *(match.group(0).lower().rstrip(".,") for match in _FACT.finditer(text)))


def _fact_change(kept: tuple[str, ...], new: tuple[str, ...]) -> str:
    """Say briefly how the figures and dates of a revision differ from those of the article it revises."""
    if kept[0] != new[0]:
        return f"published {kept[0] or 'unknown'} → {new[0] or 'unknown'}"
    import difflib

    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=kept[1:], b=new[1:], autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(f"{' '.join(kept[1:][i1:i2]) or '–'} → {' '.join(new[1:][j1:j2]) or '–'}")
    return "; ".join(changes[:3]) + ("; …" if len(changes) > 3 else "")


def find_duplicates(texts: dict[str, str], *, threshold: float, shingle_size: int = 5, num_perm: int = 128,
                    seed: int = 42, signatures: dict | None = None,
                    published: dict[str, str | None] | None = None) -> dict[str, tuple[str, str]]:
    """Map each later exact or near duplicate to (kept article id, reason); the first in order is kept.

    `signatures` may hold text_signature results computed beforehand (by ingest's worker processes). See
    find_copies, which also returns the revisions: copies that differ in a figure or a date.
    """
    return find_copies(texts, threshold=threshold, shingle_size=shingle_size, num_perm=num_perm, seed=seed,
                       signatures=signatures, published=published)[0]


def find_copies(texts: dict[str, str], *, threshold: float, shingle_size: int = 5, num_perm: int = 128,
                seed: int = 42, signatures: dict | None = None, published: dict[str, str | None] | None = None,
                ) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Return (duplicates, revisions): each maps a later article to (the earlier article, reason).

    A copy (same words, or estimated Jaccard similarity of word shingles at or above `threshold`) whose
    figures and dates (text_facts, with the publication date from `published`) are those of an earlier
    article adds nothing: it is a duplicate. A copy that differs in any of them is a revision of the same
    story (an updated wire story, "12 killed" → "14 killed"): it is kept, and later copies are compared
    with it too.
    """
    from datasketch import MinHashLSH

    published = published or {}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    exact: dict[str, list[str]] = {}
    hashes: dict = {}
    facts: dict[str, tuple[str, ...]] = {}
    duplicates: dict[str, tuple[str, str]] = {}
    revisions: dict[str, tuple[str, str]] = {}
    for article_id, text in texts.items():
        if signatures is not None and article_id in signatures:
            digest, minhash = signatures[article_id]
        else:
            digest, minhash = text_signature(text, shingle_size=shingle_size, num_perm=num_perm, seed=seed)
        own = text_facts(text, published.get(article_id))
        copies = [(1.0, kept, "exact duplicate", "same words") for kept in exact.get(digest, [])]
        if not copies:
            candidates = sorted(lsh.query(minhash))
            scored = sorted(((hashes[c].jaccard(minhash), c) for c in candidates), key=lambda p: (-p[0], p[1]))
            copies = [(similarity, kept, "near duplicate", f"estimated Jaccard {similarity:.2f}")
                      for similarity, kept in scored if similarity >= threshold]
        same = [copy for copy in copies if facts[copy[1]] == own]
        if same:
            _, kept, kind, note = same[0]
            duplicates[article_id] = (kept, f"{kind} of {kept} ({note})")
            continue
        if copies:
            _, kept, kind, note = copies[0]
            article = "an exact" if kind.startswith("exact") else "a near"
            revisions[article_id] = (kept, f"revision of {kept}: {article} copy ({note}) with other figures or "
                                           f"dates ({_fact_change(facts[kept], own)}); kept")
        exact.setdefault(digest, []).append(article_id)
        hashes[article_id] = minhash
        facts[article_id] = own
        lsh.insert(article_id, minhash)
    return duplicates, revisions


# ---------------------------------------------------------------- sidecar

def read_sidecar(path: Path, known_ids: set[str]) -> tuple[dict[str, dict], list[dict]]:
    """Read the optional articles.csv sidecar; return usable rows by id and a report of rejected rows."""
    problems: list[dict] = []
    if not os.path.lexists(path):
        return {}, problems
    try:
        data = read_regular_file(path)
    except OSError as error:
        reason = "a symbolic link, never followed" if path.is_symlink() else _error_reason(error)
        return {}, [{"row": 0, "article_id": "", "problem": f"sidecar not read: {reason}"}]
    decoded = decode_bytes(data)
    if decoded.text is None:
        return {}, [{"row": 0, "article_id": "", "problem": f"sidecar unreadable: {decoded.problem}"}]
    rows: dict[str, dict] = {}
    reader = csv.reader(io.StringIO(decoded.text, newline=""), strict=True)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except (StopIteration, csv.Error) as error:
        return {}, [{"row": 1, "article_id": "", "problem": f"sidecar header unreadable: {error}"}]
    if "article_id" not in header:
        return {}, [{"row": 1, "article_id": "", "problem": "sidecar has no article_id column"}]
    unknown_columns = [column for column in header if column not in SIDECAR_COLUMNS]
    if unknown_columns:
        problems.append({"row": 1, "article_id": "", "problem": f"ignored unknown columns {unknown_columns}"})
    row_number = 1
    while True:
        row_number += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append({"row": row_number, "article_id": "", "problem": f"broken CSV quoting: {error}"})
            break
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.append({"row": row_number, "article_id": values[0] if values else "",
                             "problem": f"has {len(values)} fields, header has {len(header)}"})
            continue
        record = {key: value.strip() for key, value in zip(header, values) if key in SIDECAR_COLUMNS}
        article_id = record.get("article_id", "")
        if article_id not in known_ids:
            problems.append({"row": row_number, "article_id": article_id, "problem": "no input file has this article_id"})
            continue
        if record.get("published") and published_dates.parse_partial(record["published"]) is None:
            problems.append({"row": row_number, "article_id": article_id,
                             "problem": f"published {record['published']!r} is not a real ISO date "
                                        "(YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known)"})
            continue
        full_date = record.get("published") and len(record["published"].strip()) == 10
        if full_date and iso_date_problem(record["published"]):  # a real day outside helpers.bounds
            problems.append({"row": row_number, "article_id": article_id,
                             "problem": f"published {iso_date_problem(record['published'])}"})
            continue
        if article_id in rows:
            problems.append({"row": row_number, "article_id": article_id, "problem": "article_id repeated; first row kept"})
            continue
        rows[article_id] = record
    return rows, problems


# ---------------------------------------------------------------- the stage

def check_parameters(*, max_file_bytes: int, near_duplicate_threshold: float, shingle_size: int, num_perm: int,
                     min_words: int, language: str) -> None:
    """Stop at once, naming the parameter, when an ingest parameter is out of range."""
    checks = [
        ("max_file_bytes", isinstance(max_file_bytes, int) and max_file_bytes > 0, "a positive integer (bytes)"),
        ("near_duplicate_threshold", isinstance(near_duplicate_threshold, (int, float))
         and 0 < near_duplicate_threshold <= 1, "a number in (0, 1]"),
        ("shingle_size", isinstance(shingle_size, int) and 1 <= shingle_size <= 20, "an integer from 1 to 20"),
        ("num_perm", isinstance(num_perm, int) and 16 <= num_perm <= 1024, "an integer from 16 to 1024"),
        ("min_words", isinstance(min_words, int) and min_words >= 1, "a positive integer"),
        ("language", isinstance(language, str) and re.fullmatch(r"[a-z]{2}", language or "") is not None,
         "a two-letter ISO 639-1 code such as 'en'"),
    ]
    for name, is_ok, expected in checks:
        if not is_ok:
            value = locals().get(name)
            raise IngestParameterError(f"parameter {name} must be {expected}; got {value!r}")


def ingest_folder(input_dir: str | Path, *, max_file_bytes: int = 2_000_000, near_duplicate_threshold: float = 0.8,
                  shingle_size: int = 5, num_perm: int = 128, min_words: int = 20, language: str = "en",
                  seed: int = 42, n_process: int = 1, today: date | None = None,
                  progress: Callable[[int], object] | None = None) -> dict[str, pd.DataFrame]:
    """Run the whole ingest stage on a folder; return ledger, articles, texts, furniture and sidecar reports.

    With n_process > 1, files are read, decoded, cleaned and their language detected by forked worker
    processes; results come back in file order, so the tables are the same as with one process.
    `today` (default: the day of the run) is the latest publication date accepted (helpers.published).
    `progress`, when given, is called with the number of input entries settled, as they are (a bar's update).
    """
    check_parameters(max_file_bytes=max_file_bytes, near_duplicate_threshold=near_duplicate_threshold,
                     shingle_size=shingle_size, num_perm=num_perm, min_words=min_words, language=language)
    if not isinstance(n_process, int) or isinstance(n_process, bool) or n_process < 1:
        raise IngestParameterError(f"parameter n_process must be a positive integer; got {n_process!r}")
    root = Path(input_dir)
    if not root.is_dir():
        raise IngestParameterError(f"parameter input_dir must be an existing folder; got {str(input_dir)!r}")
    files = list_input_files(root)
    ledger: list[dict] = []
    ids = article_ids([path.relative_to(root).as_posix() for path in files])
    to_read: list[int] = []  # positions of the files that passed the checks that need no content
    for path in files:
        relative = shown_name(path.relative_to(root).as_posix())
        article_id = shown_name(ids[path.relative_to(root).as_posix()])
        row = {"file": relative, "article_id": article_id, "sha256": "", "bytes": 0, "encoding": "",
               "status": "error", "reason": "", "duplicate_of": "", "revision_of": ""}
        ledger.append(row)
        try:
            special = classify_entry(root, path)
            if special is not None:
                row["status"], row["reason"], row["duplicate_of"] = special
                continue
            size = path.lstat().st_size
            row["bytes"] = size
            if size > max_file_bytes:
                row["reason"] = f"file is {size} bytes, above max_file_bytes={max_file_bytes}; not processed"
                continue
        except Exception as error:  # a broken file must never stop the others
            row.update(status="error", reason=_error_reason(error))
            continue
        to_read.append(len(ledger) - 1)
    if progress is not None and len(files) > len(to_read):
        progress(len(files) - len(to_read))  # the entries settled without reading them
    today = today or date.today()
    settings = {"min_words": min_words, "shingle_size": shingle_size, "num_perm": num_perm, "seed": seed,
                "today": today}
    accepted: dict[str, dict] = {}
    furniture: list[dict] = []
    tasks = ((files[index], ledger[index], settings) for index in to_read)
    for index, (row, info, removed) in zip(to_read, _read_all(tasks, len(to_read), settings, n_process)):
        ledger[index] = row  # a worker process returns a copy of the row
        if progress is not None:
            progress(1)  # one more file read (helpers.progress shows it in the terminal)
        furniture.extend(removed)
        if info is not None:
            info["row"] = row
            accepted[row["article_id"]] = info
    return _finish(root, ledger, accepted, furniture, near_duplicate_threshold=near_duplicate_threshold,
                   shingle_size=shingle_size, num_perm=num_perm, language=language, seed=seed, today=today)


# Below this many files a process pool costs more than it saves.
MIN_FILES_PER_PROCESS = 16


def _read_all(tasks, n_tasks: int, settings: dict, n_process: int):
    """Yield _read_article's result for each task, in order, from this process or from a pool of workers."""
    if n_process == 1 or n_tasks < MIN_FILES_PER_PROCESS * n_process:
        yield from map(_read_article, tasks)
        return
    import multiprocessing

    detect_language("warm up")  # language profiles, furniture rules and MinHash permutations are loaded once,
    classify_furniture("")  # before forking
    _empty_minhash(settings["num_perm"], settings["seed"])
    chunksize = max(1, min(64, n_tasks // (n_process * 8)))
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        yield from pool.imap(_read_article, tasks, chunksize=chunksize)


def _read_article(task: tuple[Path, dict, dict]) -> tuple[dict, dict | None, list[dict]]:
    """Read, decode and clean one file; fill in its ledger row; return it, its article (or None), removed lines."""
    path, row, settings = task
    removed: list[dict] = []
    article_id = row["article_id"]
    try:
        data = read_regular_file(path)
        row["sha256"] = hashlib.sha256(data).hexdigest()
        if not data.strip():
            row.update(status="empty", reason="file has no bytes" if not data else "file holds only whitespace")
            return row, None, removed
        decoded = decode_bytes(data)
        del data  # only the text is kept
        if decoded.text is None:
            row.update(status="not_text", reason=decoded.problem)
            return row, None, removed
        row["encoding"] = decoded.encoding
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            row.update(status="not_text", reason=f"{shown_name(path.suffix)} is not an article file type "
                                                 f"(articles are .txt, .html or .htm)")
            return row, None, removed
        metadata: dict = {}
        text = decoded.text
        is_html = path.suffix.lower() in HTML_SUFFIXES or re.match(r"\s*<(!doctype html|html)\b", text[:500], re.I)
        if is_html:
            text, metadata = extract_html(text, settings.get("today"))
        cleaned = clean_text(text, known_title=metadata.get("title"))
        removed = [{"article_id": article_id, **item} for item in cleaned.removed]
        n_words = len(re.findall(r"\w+", cleaned.text))
        if n_words == 0:
            row.update(status="empty", reason="no article text after removing markup and page furniture")
            return row, None, removed
        if n_words < settings["min_words"]:
            row.update(status="empty", reason=f"only {n_words} words of article text (min_words={settings['min_words']})")
            return row, None, removed
        detected, probability = detect_language(cleaned.text)
        notes = [f"{n_words} words", f"{len(cleaned.removed)} furniture/metadata lines removed", *cleaned.problems]
        if decoded.is_repaired:
            notes.append("mojibake repaired")
        if is_html:
            notes.append("HTML body extracted")
        # The article is kept as the strings the tables need, not as the Cleaned object with its tuples.
        info = {
            "text": cleaned.text, "original_text": cleaned.original_text, "offset_map": json.dumps(cleaned.segments),
            "title": cleaned.title, "published": cleaned.published, "outlet": cleaned.outlet,
            "published_rule": cleaned.published_rule,
            "metadata": metadata, "n_words": n_words, "language": detected, "language_probability": probability,
            "notes": notes, "is_html": bool(is_html),
        }
        info["signature"] = text_signature(cleaned.text, shingle_size=settings["shingle_size"],
                                           num_perm=settings["num_perm"], seed=settings["seed"])
        row.update(status="ok", reason="; ".join(notes))
        return row, info, removed
    except Exception as error:  # a broken file must never stop the others
        row.update(status="error", reason=_error_reason(error))
        return row, None, removed


def _choose_published(candidates: list[tuple[str, str, "published_dates.Published | None"]], row: dict,
                      today: date) -> tuple[str | None, str]:
    """The first plausible publication date of (published_from, where, date) candidates in order of trust, with
    its origin; a date after the run's day or implausibly old is refused with a note in the ledger row."""
    for origin, where, found in candidates:
        if found is None:
            continue
        problem = published_dates.implausibility(found, today)
        if problem is None:
            return found.value, origin
        row["reason"] = f"{row['reason']}; {where} date refused: {problem}".lstrip("; ")
    return None, "unknown"


# A page's own date and a metadata date (the sidecar's, the HTML metadata's) a time zone apart still agree.
PUBLICATION_AGREE_DAYS = 2


def _page_before_metadata(metadata: list[tuple], page: list[tuple], row: dict) -> list[tuple]:
    """The (published_from, where, date) candidates in order of trust: metadata first, unless the first metadata
    day is more than PUBLICATION_AGREE_DAYS after the page's own date (its URL's, or a publication line of its head,
    not an update line; a page's month or year counts as all its days). Then the page's comes first, with a note
    in the ledger row: the text's "on Tuesday" was written against the page's own date, and a metadata date after
    it is the day the page was re-published, updated or collected. A metadata day before the page's is kept: a
    head line after it may be a site's banner of the day the page was viewed."""
    metadata_day = next((found for _, _, found in metadata if found is not None and found.precision == "day"), None)
    page_day = next((found for _, _, found in page if found is not None and not found.is_update), None)
    if metadata_day is None or page_day is None:
        return [*metadata, *page]
    if (metadata_day.first_day - page_day.last_day).days <= PUBLICATION_AGREE_DAYS:
        return [*metadata, *page]
    where = next(where for _, where, found in metadata if found is metadata_day)
    row["reason"] = (f"{row['reason']}; {where} date {metadata_day.value} set aside: the page's own date "
                     f"({page_day.rule.replace('_', ' ')}) is {page_day.value}").lstrip("; ")
    return [*page, *metadata]


def _text_and_url_dates(text_date: "published_dates.Published | None", text_rule: str | None,
                        from_url: "published_dates.Published | None", row: dict) -> list[tuple]:
    """The text's date line and the URL's date as (published_from, where, date) candidates in order of trust.

    A day in the URL is the day the story was first filed, so it comes before a head line (which may be a later
    update, a repost or a site's date banner). A URL's month or year only bounds the day: a head line's day
    inside it comes first; a head line's day outside it is refused with a note (it dates something else)."""
    text = ("text", text_rule or "text", text_date)
    url = ("url", "URL", from_url)
    if from_url is None or text_date is None:
        return [text, url]
    if from_url.precision == "day":
        return [url, text]
    first, last = published_dates.bounds(from_url.value)
    if text_date.last_day < first or text_date.first_day > last:
        row["reason"] = (f"{row['reason']}; {text[1]} date refused: {text_date.value} is outside the URL's "
                         f"{from_url.precision} {from_url.value}").lstrip("; ")
        return [url]
    return [text, url]


def _finish(root: Path, ledger: list[dict], accepted: dict[str, dict], furniture: list[dict], *,
            near_duplicate_threshold: float, shingle_size: int, num_perm: int, language: str,
            seed: int, today: date | None = None) -> dict[str, pd.DataFrame]:
    """Apply the sidecar, the language filter and duplicate detection; build the stage's tables."""
    sidecar, sidecar_problems = read_sidecar(root / SIDECAR_NAME, set(accepted))
    for article_id, info in list(accepted.items()):
        override = sidecar.get(article_id, {})
        declared_language = (override.get("language") or "").lower()[:2]
        effective = declared_language or info["language"]
        info["language"] = effective
        if effective != language:
            where = "sidecar says" if declared_language else f"detected (p={info['language_probability']})"
            info["row"].update(status="not_english" if language == "en" else "error",
                               reason=f"language {effective!r} ({where}); expected {language!r}")
            del accepted[article_id]
    today = today or date.today()
    texts = {article_id: info["text"] for article_id, info in accepted.items()}
    signatures = {article_id: info.pop("signature") for article_id, info in accepted.items()}
    # The dates as written, for telling a revision (another date) from a copy; which one is trusted is decided below.
    published = {article_id: sidecar.get(article_id, {}).get("published") or info["metadata"].get("published")
                 or info["published"] for article_id, info in accepted.items()}
    duplicates, revisions = find_copies(texts, threshold=near_duplicate_threshold, shingle_size=shingle_size,
                                        num_perm=num_perm, seed=seed, signatures=signatures, published=published)
    del texts, signatures  # the MinHashes take as much memory as the texts
    for article_id, (kept, reason) in duplicates.items():
        accepted[article_id]["row"].update(status="duplicate", reason=reason, duplicate_of=kept)
        del accepted[article_id]
    for article_id, (earlier, reason) in revisions.items():
        row = accepted[article_id]["row"]
        row.update(reason=f"{row['reason']}; {reason}", revision_of=earlier)
    article_rows, text_rows = [], []
    # In article_id order already, so that sorting the frames below does not copy their texts.
    for article_id, info in sorted(accepted.items()):
        override = sidecar.get(article_id, {})
        metadata = info["metadata"]
        url = override.get("url") or metadata.get("url")
        text_date = published_dates.parse_partial(info["published"])
        if text_date is not None and info.get("published_rule"):
            text_date = published_dates.Published(text_date.value, text_date.precision, info["published_rule"],
                                                  info["published_rule"] == "updated_line")
            stale = published_dates.stale_update(text_date, info["text"])
            if stale:  # an Updated line long after every date the story gives: not the page's date
                info["row"]["reason"] = f"{info['row']['reason']}; text date refused: {stale}".lstrip("; ")
                text_date = None
        published, published_from = _choose_published(_page_before_metadata(
            [("sidecar", "sidecar", published_dates.parse_partial(override.get("published"))),
             ("text", "HTML metadata", published_dates.parse_partial(metadata.get("published")))],
            _text_and_url_dates(text_date, info.get("published_rule"), published_dates.url_date(url), info["row"]),
            info["row"]), info["row"], today)
        record = {
            "article_id": article_id,
            "title": override.get("title") or metadata.get("title") or info["title"],
            "outlet": override.get("outlet") or metadata.get("outlet") or info["outlet"],
            "published": published,
            "published_from": published_from,
            "language": info["language"],
            "n_words": info["n_words"],
            "url": url,
            "file": info["row"]["file"],
            "revision_of": info["row"].get("revision_of", ""),
        }
        article_rows.append(record)
        text_rows.append({**record, "text": info["text"], "original_text": info["original_text"],
                          "offset_map": info["offset_map"]})
    ledger_frame = pd.DataFrame(ledger, columns=LEDGER_COLUMNS + ["duplicate_of", "revision_of"]).fillna(
        {"revision_of": ""})
    ledger_frame["bytes"] = ledger_frame["bytes"].astype("int64")
    articles = pd.DataFrame(article_rows, columns=ARTICLES_COLUMNS + ["url", "file", "revision_of"])
    articles["n_words"] = articles["n_words"].astype("int64")
    texts_frame = pd.DataFrame(text_rows, columns=ARTICLES_COLUMNS + ["url", "file", "revision_of", "text",
                                                                       "original_text", "offset_map"])
    texts_frame["n_words"] = texts_frame["n_words"].astype("int64")
    furniture_frame = pd.DataFrame(furniture, columns=["article_id", "rule", "text"])
    sidecar_frame = pd.DataFrame(sidecar_problems, columns=["row", "article_id", "problem"])
    return {
        "ledger": ledger_frame.sort_values("file", kind="mergesort").reset_index(drop=True),
        "articles": articles.sort_values("article_id", kind="mergesort").reset_index(drop=True),
        "texts": texts_frame.sort_values("article_id", kind="mergesort").reset_index(drop=True),
        "furniture": furniture_frame,
        "sidecar_problems": sidecar_frame,
    }
