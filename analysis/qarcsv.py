"""Reading the CSV files that `qar exact|sample --out DIR` writes, shared by the scripts here.

One header line, comma-separated cells; an empty cell means undefined or unresolved and reads as NaN.
Every problem with an input (missing file, missing column, a cell that is not a number) is one line
on stderr and exit status 2.
"""
import csv
import math
import re
import sys
from pathlib import Path

import numpy as np


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def read(path: Path, labels=(), numbers=(), optional=()) -> dict:
    """Columns of `path` as arrays: `labels` as strings, `numbers` (required) and whichever of
    `optional` are present as floats. An optional column whose cells are all empty is left out."""
    if not path.is_file():
        fail(f"missing input file {path}")
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows, [])]
        absent = [c for c in (*labels, *numbers) if c not in header]
        if absent:
            fail(f"{path} lacks column(s) {', '.join(absent)} (header: {','.join(header) or 'none'})")
        wanted = [c for c in (*labels, *numbers, *optional) if c in header]
        data = {c: [] for c in wanted}
        for line, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                fail(f"{path}:{line} has {len(row)} cells, the header {len(header)}")
            for c in wanted:
                cell = row[header.index(c)].strip()
                if c in labels:
                    data[c].append(cell)
                    continue
                try:
                    data[c].append(float(cell) if cell else math.nan)
                except ValueError:
                    fail(f"{path}:{line}: {c} = {cell!r} is not a number")
    if not data[wanted[0]]:
        fail(f"{path} has no data rows")
    out = {c: np.array(v, dtype=str if c in labels else float) for c, v in data.items()}
    return {c: v for c, v in out.items() if c in labels or c in numbers or np.isfinite(v).any()}


def select(values: np.ndarray, wanted, what: str, path: Path) -> list:
    """The distinct `values` in file order, restricted to `wanted` (all when empty or None)."""
    present = list(dict.fromkeys(values))
    for w in wanted or ():
        if w not in present:
            fail(f"no {what} {w!r} in {path} (present: {', '.join(present)})")
    return [v for v in present if not wanted or v in wanted]


def slug(label: str) -> str:
    """A file-name-safe form of a label: `c:3/2-1/2` -> `c_3_2-1_2`."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_") or "x"


def finite(*columns) -> np.ndarray:
    """Mask of the rows where every given column holds a number."""
    return np.logical_and.reduce([np.isfinite(c) for c in columns])


def errorbars(ax, x, y, err, **style) -> None:
    """Sampled points with their standard errors (a point without one gets no bar)."""
    err = np.where(np.isfinite(err), err, 0.0) if err is not None else None
    ax.errorbar(x, y, yerr=err, fmt="o", ms=3, capsize=2, elinewidth=0.8, **style)
