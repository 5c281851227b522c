#!/usr/bin/env python3
"""Approach of the finite-time estimate -ln P(n, t) / t (against the current j = n Omega / t) to the
large-deviation rate function I(j), from `qar exact|sample --out DIR`.

Reads DIR/rate_function.csv (reservoir,j,rate) and DIR/large_deviations.csv
(reservoir,t,j,exact[,sampled,stderr]) and writes, per reservoir, DIR/large_deviations_<res>.png:
I(j) as a black line, and for each t the exact estimate as a line and the sampled one as points with
standard errors, coloured by t. Empty cells (P = 0, I infinite) are not drawn. The view spans the j
range of I(j) and of the sampled points; the exact finite-t tails beyond it are cut (--full shows all).
Needs Debian's python3-matplotlib and python3-numpy; run with /usr/bin/python3.
"""
import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import LogNorm, Normalize  # noqa: E402

from qarcsv import errorbars, fail, finite, read, select  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", type=Path, help="output folder of qar exact/sample")
    p.add_argument("--reservoir", action="append", help="only this reservoir (repeatable): c, h or w")
    p.add_argument("--full", action="store_true", help="show the whole j range of the exact estimates")
    a = p.parse_args()
    rpath, lpath = a.dir / "rate_function.csv", a.dir / "large_deviations.csv"
    rate = read(rpath, labels=["reservoir"], numbers=["j", "rate"])
    ld = read(lpath, labels=["reservoir"], numbers=["t", "j", "exact"], optional=["sampled", "stderr"])
    for res in select(ld["reservoir"], a.reservoir, "reservoir", lpath):
        fig, ax = plt.subplots(figsize=(7, 4.5))
        times = sorted(set(ld["t"][(ld["reservoir"] == res) & finite(ld["t"])]))
        if not times:
            fail(f"no t for reservoir {res} in {lpath}")
        spread = times[0] > 0 and times[-1] / times[0] > 10
        norm = (LogNorm if spread else Normalize)(vmin=times[0], vmax=times[-1])
        drawn, sampled = [], []  # (j, y) drawn, for the view
        for t in times:
            row = (ld["reservoir"] == res) & (ld["t"] == t)
            order = np.argsort(ld["j"][row])
            j, colour = ld["j"][row][order], plt.cm.viridis(norm(t))
            y = ld["exact"][row][order]
            ok = finite(j, y)
            ax.plot(j[ok], y[ok], "-", color=colour, lw=1)
            drawn.append((j[ok], y[ok]))
            if "sampled" in ld:
                y = ld["sampled"][row][order]
                ok = finite(j, y)
                err = ld["stderr"][row][order][ok] if "stderr" in ld else None
                errorbars(ax, j[ok], y[ok], err, color=colour)
                sampled.append((j[ok], y[ok] + (np.nan_to_num(err) if err is not None else 0)))
        row = rate["reservoir"] == res
        order = np.argsort(rate["j"][row])
        j, y = rate["j"][row][order], rate["rate"][row][order]
        ok = finite(j, y)
        ax.plot(j[ok], y[ok], "k-", lw=2.5, label="I(j), exact rate function")
        view = [(j[ok], y[ok])] + sampled
        if not a.full and view[0][0].size:
            lo = min(v[0].min() for v in view if v[0].size)
            hi = max(v[0].max() for v in view if v[0].size)
            lo, hi = lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo)
            top = max(v[1][(v[0] >= lo) & (v[0] <= hi)].max(initial=0) for v in view + drawn)
            ax.set_xlim(lo, hi)
            ax.set_ylim(-0.03 * top, 1.05 * top)
        ax.plot([], [], "-", color="grey", lw=1, label="-ln P(n, t) / t, exact")
        if "sampled" in ld:
            ax.plot([], [], "o", ms=3, color="grey", label="-ln P(n, t) / t, sampled")
        fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap="viridis"), ax=ax, label="t")
        ax.set(xlabel=f"current j = n Omega / t (reservoir {res})", ylabel="rate",
               title=f"large deviations of the current of reservoir {res}")
        ax.legend()
        ax.grid(alpha=0.3, lw=0.5)
        fig.tight_layout()
        out = a.dir / f"large_deviations_{res}.png"
        fig.savefig(out, dpi=120)
        plt.close(fig)
        print(out)


if __name__ == "__main__":
    main()
