"""Fig. 3: I_c over the widths of the spectral densities at N = 31; (a) delta_w (x) and delta_h (y) at
delta_c = 0.1, (b) delta_c (x) and delta_h (y) at delta_w = 1e-3. Diverging colours centred on 0:
blue where I_c > 0 (a refrigerator), red where not; black line I_c = 0.

    /usr/bin/python3 analysis/fig3.py runs/out/fig3a runs/out/fig3b
writes runs/out/fig3a/fig3.png (both panels).
"""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import TwoSlopeNorm
import numpy as np

import qarcsv


def grid(t, xcol):
    x, y = np.unique(t[xcol]), np.unique(t["deltaH"])
    g = np.full((len(y), len(x)), np.nan)
    g[np.searchsorted(y, t["deltaH"]), np.searchsorted(x, t[xcol])] = t["c.current"]
    return x, y, g


def main(argv):
    if len(argv) != 2:
        qarcsv.fail("usage: fig3.py DIR_A DIR_B")
    da, db = map(Path, argv)
    ta = qarcsv.read(da / "sweep.csv", numbers=("deltaW", "deltaC", "deltaH", "c.current"))
    tb = qarcsv.read(db / "sweep.csv", numbers=("deltaW", "deltaC", "deltaH", "c.current"))
    panels = [grid(ta, "deltaW"), grid(tb, "deltaC")]
    lo = min(np.nanmin(g) for _, _, g in panels)
    hi = max(np.nanmax(g) for _, _, g in panels)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=min(lo, -1e-9), vmax=max(hi, 1e-9))
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.8), sharey=True)
    for ax, (x, y, g), lab, name in zip(axes, panels, (r"$\delta_w/\Omega$", r"$\delta_c/\Omega$"), "ab"):
        im = ax.pcolormesh(x, y, g, cmap="RdBu", norm=norm, shading="auto")
        ax.contour(x, y, g, levels=[0.0], colors="k", linewidths=0.8)
        ax.set_xlabel(lab)
        ax.text(0.03, 0.95, f"({name})", transform=ax.transAxes, va="top")
        pos = g > 0
        print(f"Fig. 3({name}): I_c > 0 on {pos.mean():.0%} of the grid; I_c in [{np.nanmin(g):.3f}, {np.nanmax(g):.3f}]")
    axes[0].set_ylabel(r"$\delta_h/\Omega$")
    fig.colorbar(im, ax=axes, label=r"$\bar I_c^E/(\bar\Gamma_c\Omega)$", orientation="horizontal", fraction=0.06, pad=0.18)
    fig.savefig(da / "fig3.png", dpi=150, bbox_inches="tight")
    print(f"wrote {da / 'fig3.png'}")


if __name__ == "__main__":
    main(sys.argv[1:])
