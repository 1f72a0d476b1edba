"""Rebuild the bundled CAMEO and PLOVER code tables from the shared reference files.

Usage: python scripts/build_code_tables.py ../shared

The tables are facts (codes, names, scores); this script rewrites them in the
package's own TSV format so the package never reads ../shared at run time.
"""
import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data" / "coding"


def build_cameo(shared: Path) -> None:
    rows = list(csv.DictReader((shared / "data/cameo/cameo_codes.csv").open(encoding="utf-8")))
    with (OUT / "cameo.tsv").open("w", encoding="utf-8") as out:
        out.write("# CAMEO event codes. goldstein = GDELT's Goldstein column; quad_class = GDELT's 1-4.\n")
        out.write("# Source of the facts: ../shared/data/cameo/cameo_codes.csv (GDELT and Phoenix lookup tables).\n")
        out.write("code\troot\tname\tgoldstein\tquad_class\n")
        for row in rows:
            out.write("\t".join([row["cameo_code"], row["root_code"], row["description"].strip(),
                                 row["goldstein_gdelt"], row["quadclass_gdelt_1to4"]]) + "\n")


def build_plover(shared: Path) -> None:
    lines = (shared / "data/plover/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines()
    entries: dict[str, tuple[str, str, str]] = {}
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body or ":" not in body:
            continue
        code, mapping = body.split(":", 1)
        parts = [p.strip() for p in mapping.split(",")] + ["", ""]
        if code.strip() in entries and len(code.strip()) == 2:
            continue  # root 08 is listed twice (CONCEDE, RETREAT); its leaves say which
        entries[code.strip()] = (parts[0], parts[1], parts[2].replace(";", "|").replace(" ", ""))
    with (OUT / "plover.tsv").open("w", encoding="utf-8") as out:
        out.write("# CAMEO code -> PLOVER event type, mode and context, per CAMEO2PLOVER-2021.txt\n")
        out.write("# (PLOVER manual draft 0.8, Open Event Data Alliance, CC BY-SA 4.0).\n")
        out.write("# CAMEO roots 01 and 02 are dropped by PLOVER and have no row.\n")
        out.write("cameo\tplover\tmode\tcontext\n")
        for code, (ptype, mode, context) in entries.items():
            out.write(f"{code}\t{ptype}\t{mode}\t{context}\n")


if __name__ == "__main__":
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    build_cameo(shared)
    build_plover(shared)
