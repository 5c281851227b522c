#!/usr/bin/env python3
"""Full counting statistics P(n, t) of the energy n (quanta of Omega) that entered from a reservoir in a
window of length t, from `qar exact|sample --out DIR`.

Reads DIR/counting.csv (reservoir,t,n,exact[,sampled,stderr]) and writes, per reservoir,
DIR/counting_<res>.png: one panel per t with P(n, t) on a log axis so the tails show (exact as steps,
sampled points with standard errors). Cells that are empty or not positive are not drawn.
Needs Debian's python3-matplotlib and python3-numpy; run with /usr/bin/python3.
"""
import argparse
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qarcsv import errorbars, fail, finite, read, select  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", type=Path, help="output folder of qar exact/sample")
    p.add_argument("--reservoir", action="append", help="only this reservoir (repeatable): c, h or w")
    p.add_argument("--pmin", type=float, default=0.0, help="lowest probability shown (default: all)")
    a = p.parse_args()
    path = a.dir / "counting.csv"
    d = read(path, labels=["reservoir"], numbers=["t", "n", "exact"], optional=["sampled", "stderr"])
    for res in select(d["reservoir"], a.reservoir, "reservoir", path):
        times = sorted(set(d["t"][(d["reservoir"] == res) & np.isfinite(d["t"])]))
        if not times:
            fail(f"no t for reservoir {res} in {path}")
        cols = math.ceil(math.sqrt(len(times)))
        rows = math.ceil(len(times) / cols)
        fig, axes = plt.subplots(rows, cols, figsize=(4.5 * cols, 3.5 * rows), squeeze=False)
        for ax in axes.flat[len(times):]:
            ax.set_visible(False)
        for ax, t in zip(axes.flat, times):
            row = (d["reservoir"] == res) & (d["t"] == t)
            order = np.argsort(d["n"][row])
            n, exact = d["n"][row][order], d["exact"][row][order]
            ok = finite(n, exact) & (exact > max(a.pmin, 0.0))
            ax.step(n[ok], exact[ok], "k-", where="mid", lw=1, label="exact")
            if "sampled" in d:
                y = d["sampled"][row][order]
                ok = finite(n, y) & (y > max(a.pmin, 0.0))
                err = d["stderr"][row][order][ok] if "stderr" in d else None
                errorbars(ax, n[ok], y[ok], err, color="C3", label="sampled")
            ax.set(yscale="log", xlabel="n (energy from the reservoir, quanta of Omega)",
                   ylabel="P(n, t)", title=f"t = {t:g}")
            if a.pmin > 0:
                ax.set_ylim(bottom=a.pmin)
            ax.grid(alpha=0.3, lw=0.5)
        axes.flat[0].legend()
        fig.suptitle(f"counting statistics, reservoir {res}")
        fig.tight_layout()
        out = a.dir / f"counting_{res}.png"
        fig.savefig(out, dpi=120)
        plt.close(fig)
        print(out)


if __name__ == "__main__":
    main()
