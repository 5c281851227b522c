"""Fig. 4: I_c against beta_c for several delta_w (N = 31), a vertical line where each curve changes
sign (linear interpolation between grid points), the dashed line I_c = 0 and the dotted limit
beta_c = 3 beta_h of the reduced model.

    /usr/bin/python3 analysis/fig4.py runs/out/fig4
writes runs/out/fig4/fig4.png and prints the sign changes.
"""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import qarcsv


def sign_changes(x, y):
    """beta_c where y goes from > 0 to <= 0, interpolated linearly."""
    out = []
    for i in range(len(x) - 1):
        if y[i] > 0 >= y[i + 1]:
            out.append(x[i] + (x[i + 1] - x[i]) * y[i] / (y[i] - y[i + 1]))
    return out


def main(argv):
    if len(argv) != 1:
        qarcsv.fail("usage: fig4.py DIR")
    d = Path(argv[0])
    t = qarcsv.read(d / "sweep.csv", numbers=("betaC", "betaH", "deltaW", "N", "c.current"))
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for k, dw in enumerate(dict.fromkeys(t["deltaW"])):
        m = (t["deltaW"] == dw) & qarcsv.finite(t["c.current"])
        x, y = t["betaC"][m], t["c.current"][m]
        order = np.argsort(x)
        x, y = x[order], y[order]
        color = f"C{k}"
        ax.plot(x, y, color=color, label=rf"$\delta_w = {dw:g}$")
        for b in sign_changes(x, y):
            ax.axvline(b, color=color, lw=0.8)
            print(f"delta_w = {dw:g}: I_c changes sign at beta_c = {b:.4f}")
    bh = float(t["betaH"][0])
    ax.axhline(0, color="k", ls="--", lw=0.8)
    ax.axvline(3 * bh, color="k", ls=":", lw=1)
    print(f"limit 3 beta_h = {3 * bh:g} (N = {t['N'][0]:.0f})")
    ax.set_xlabel(r"$\beta_c\,\Omega$")
    ax.set_ylabel(r"$\bar I_c^E\,/\,(\bar\Gamma_c\Omega)$")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(d / "fig4.png", dpi=150)
    print(f"wrote {d / 'fig4.png'}")


if __name__ == "__main__":
    main(sys.argv[1:])
