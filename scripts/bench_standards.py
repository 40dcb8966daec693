"""Helper of bench-standards.sh: prepares the string lists, times packaging, prints ratios."""
import gzip
import json
import sys
import time
from pathlib import Path


def prepare(corpus: str, tsv: str, out: str) -> None:
    versions, requirements, wheels = set(), [], []
    for line in open(tsv, encoding="utf-8").read().split("\n")[1:]:
        parts = line.split("\t")
        if len(parts) > 1 and "\n" not in parts[1]:
            versions.add(parts[1])
    seen = set()
    with gzip.open(Path(corpus) / "bigquery" / "distribution_metadata-wheels-0-7.jsonl.gz", "rt") as f:
        for line in f:
            row = json.loads(line)
            wheels.append(row["filename"])
            for r in row.get("requires_dist") or []:
                if r not in seen and "\n" not in r:
                    seen.add(r)
                    requirements.append(r)
    out = Path(out)
    (out / "versions.txt").write_text("\n".join(sorted(versions)) + "\n", encoding="utf-8")
    (out / "requirements.txt").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    (out / "wheels.txt").write_text("\n".join(wheels) + "\n", encoding="utf-8")
    print(f"strings: {len(versions):,} versions, {len(requirements):,} distinct requirements, "
          f"{len(wheels):,} wheel filenames")


def best_of(fn, items, runs=3):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            try:
                fn(item)
            except Exception:
                pass
        best = min(best, time.perf_counter() - start)
    return best


def compare(data: str) -> None:
    import packaging
    from packaging.requirements import Requirement
    from packaging.utils import parse_wheel_filename
    from packaging.version import Version

    data = Path(data)
    lists = {name: (data / f"{name}.txt").read_text(encoding="utf-8").split("\n")[:-1]
             for name in ("versions", "requirements", "wheels")}
    funcs = {"versions": Version, "requirements": Requirement, "wheels": parse_wheel_filename}
    jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] / 1000.0
           for r in json.loads((data / "jmh.json").read_text())}
    print(f"\n{'work':<14}{'items':>10}{'pypidb /s':>14}{'packaging /s':>15}{'ratio':>8}"
          f"   (packaging {packaging.__version__}, best of 3; pypidb: JMH average)")
    for name, items in lists.items():
        py = best_of(funcs[name], items)
        java = jmh[name]
        print(f"{name:<14}{len(items):>10,}{len(items) / java:>14,.0f}{len(items) / py:>15,.0f}"
              f"{py / java:>7.0f}x")


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(*sys.argv[2:5])
    else:
        compare(sys.argv[2])
