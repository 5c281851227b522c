"""App. D: two-reservoir transport (cold and work reservoirs on the lowest gap, no hot reservoir):
|I_c| against odd N with the closed form (D2).

    /usr/bin/python3 analysis/appD.py runs/out/appD
writes runs/out/appD/appD.png and prints I_c and (D2) at the largest N.
"""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import closed_forms as cf
import qarcsv
from fig2 import COLS


def main(argv):
    if len(argv) != 1:
        qarcsv.fail("usage: appD.py DIR")
    d = Path(argv[0])
    t = qarcsv.read(d / "sweep.csv", numbers=COLS)
    p = cf.params(t)
    n = np.linspace(5, t["N"].max(), 300)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(t["N"], -t["c.current"], "o", ms=4, color="tab:blue", label="full model, exact")
    ax.plot(n, -cf.d2_current(n, p), "k-", lw=1, label="(D2)")
    ax.set_xlabel("$N$")
    ax.set_ylabel(r"$-\bar I_c^E/(\bar\Gamma_c\Omega)$ (work $\to$ cold)")
    ax.set_title(rf"$\beta_c={p['betaC']:g}$, $\beta_w={p['betaW']:g}$, $\varepsilon_w={p['epsW']:g}$, no hot reservoir", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(d / "appD.png", dpi=150)
    k = int(np.argmax(t["N"]))
    N = t["N"][k]
    print(f"App. D at N = {N:.0f}: I_c = {t['c.current'][k]:.4f}, (D2) = {cf.d2_current(N, p):.4f}")
    print(f"wrote {d / 'appD.png'}")


if __name__ == "__main__":
    main(sys.argv[1:])
