"""Fig. 5: the (beta_c, beta_h) plane at N = 31. Blue where I_c > 0, its intensity the relative COP
kappa / kappa_bar (eqs. (20), (F1): cop / copTurBound); grey where I_c <= 0. Red dot: largest I_c;
red cross: largest kappa / kappa_bar; dashed: beta_c = beta_h and beta_c = 3 beta_h; thin green: the
reduced model's (G4) I_c = 0.4, 0.04, 0.004 at the same N and widths.

    /usr/bin/python3 analysis/fig5.py runs/out/fig5a [runs/out/fig5b ...]
writes DIR/fig5.png for each and prints both maxima.
"""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
import numpy as np

import closed_forms as cf
import qarcsv

COLS = ("N", "c.current", "betaC", "betaH", "betaW", "epsC", "epsH", "epsW",
        "deltaC", "deltaH", "deltaW", "gammaC", "gammaH", "gammaW")


def panel(d: Path):
    t = qarcsv.read(d / "sweep.csv", numbers=COLS, optional=("cop", "copTurBound"))
    bc, bh = np.unique(t["betaC"]), np.unique(t["betaH"])
    grid = lambda col: _grid(t, col, bc, bh)
    ic = grid("c.current")
    rel = grid("cop") / grid("copTurBound") if "cop" in t and "copTurBound" in t else np.full_like(ic, np.nan)
    rel = np.where(ic > 0, rel, np.nan)
    fig, ax = plt.subplots(figsize=(5, 4))
    extent = (bc[0], bc[-1], bh[0], bh[-1])
    ax.imshow(np.where(ic > 0, np.nan, 1.0), origin="lower", extent=extent, aspect="auto",
              cmap="Greys", vmin=0, vmax=4)
    ax.imshow(np.where((ic > 0) & ~np.isfinite(rel), 1.0, np.nan), origin="lower", extent=extent,
              aspect="auto", cmap=ListedColormap(["#f2dcea"]))  # I_c > 0 with beta_c < beta_h: no Carnot bound
    im = ax.imshow(rel, origin="lower", extent=extent, aspect="auto", cmap="Blues", vmin=0, vmax=1)
    fig.colorbar(im, ax=ax, label=r"$\kappa/\bar\kappa$ (where $\bar I_c^E > 0$)")
    x = np.linspace(bc[0], bc[-1], 2)
    ax.plot(x, x, "k--", lw=0.8)
    ax.plot(x, x / 3, "k--", lw=0.8)
    p = cf.params(t)
    BC, BH = np.meshgrid(bc, bh)
    g4 = cf.g4_current(float(t["N"][0]), {**p, "betaC": BC, "betaH": BH})
    ax.contour(BC, BH, g4, levels=[0.004, 0.04, 0.4], colors="g", linewidths=0.7)
    out = {}
    fridge = np.where(BC >= BH, ic, np.nan)  # beta_c >= beta_h: cooling the colder bath
    if np.isfinite(fridge).any() and np.nanmax(fridge) > 0:
        i = np.unravel_index(np.nanargmax(fridge), ic.shape)
        ax.plot(bc[i[1]], bh[i[0]], "o", color="r", ms=6)
        out["Ic"] = (bc[i[1]], bh[i[0]], ic[i])
    if np.isfinite(rel).any():
        i = np.unravel_index(np.nanargmax(rel), rel.shape)
        ax.plot(bc[i[1]], bh[i[0]], "x", color="r", ms=8, mew=2)
        out["rel"] = (bc[i[1]], bh[i[0]], rel[i])
    ax.set_xlim(bc[0], bc[-1])
    ax.set_ylim(bh[0], bh[-1])
    ax.set_xlabel(r"$\beta_c\,\Omega$")
    ax.set_ylabel(r"$\beta_h\,\Omega$")
    ax.set_title(rf"$\delta_c={p['deltaC']:g}$, $\delta_h={p['deltaH']:g}$, $\delta_w={p['deltaW']:g}$", fontsize=9)
    fig.tight_layout()
    fig.savefig(d / "fig5.png", dpi=150)
    msg = f"{d.name}: dc={p['deltaC']:g} dh={p['deltaH']:g} dw={p['deltaW']:g}"
    if "Ic" in out:
        msg += " max I_c = {2:.4f} at (beta_c, beta_h) = ({0:.3f}, {1:.3f});".format(*out["Ic"])
    if "rel" in out:
        msg += " max kappa/kappa_bar = {2:.4f} at ({0:.3f}, {1:.3f})".format(*out["rel"])
    print(msg)
    print(f"wrote {d / 'fig5.png'}")


def _grid(t, col, bc, bh):
    g = np.full((len(bh), len(bc)), np.nan)
    g[np.searchsorted(bh, t["betaH"]), np.searchsorted(bc, t["betaC"])] = t[col]
    return g


def main(argv):
    if not argv:
        qarcsv.fail("usage: fig5.py DIR [DIR ...]")
    for d in argv:
        panel(Path(d))


if __name__ == "__main__":
    main(sys.argv[1:])
