"""Fig. 2: I_c against odd N (main panel) and S_c (inset), full model (blue) and reduced model (red),
with the closed forms (G4), (G5) for beta_w -> 0 (black; dotted: with the misprinted (G2)).

    /usr/bin/python3 analysis/fig2.py runs/out/fig2-full runs/out/fig2-reduced
writes runs/out/fig2-full/fig2.png and prints I_c, S_c at the largest N.
"""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import closed_forms as cf
import qarcsv

COLS = ("N", "c.current", "c.noise", "betaC", "betaH", "betaW", "epsC", "epsH", "epsW",
        "deltaC", "deltaH", "deltaW", "gammaC", "gammaH", "gammaW")


def main(argv):
    if len(argv) != 2:
        qarcsv.fail("usage: fig2.py FULL_DIR REDUCED_DIR")
    full_dir, red_dir = map(Path, argv)
    full = qarcsv.read(full_dir / "sweep.csv", numbers=COLS)
    red = qarcsv.read(red_dir / "sweep.csv", numbers=COLS)
    p = cf.params(full)
    n = np.linspace(5, full["N"].max(), 300)
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax.plot(full["N"], full["c.current"], "o", ms=4, color="tab:blue", label="full model")
    ax.plot(red["N"], red["c.current"], "o", ms=4, color="tab:red", label="reduced model")
    ax.plot(n, cf.g4_current(n, p), "k-", lw=1, label=r"(G4), $\beta_w\to 0$")
    ax.plot(n, cf.g4_current(n, p, misprint=True), "k:", lw=1, label="(G4) with (G2) as printed")
    ax.set_xlabel("$N$")
    ax.set_ylabel(r"$\bar I_c^E\,/\,(\bar\Gamma_c\Omega)$")
    ax.set_xlim(0, 64)
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right", fontsize=8)
    ins = ax.inset_axes([0.12, 0.52, 0.34, 0.4])
    ins.plot(full["N"], full["c.noise"], "o", ms=2, color="tab:blue")
    ins.plot(red["N"], red["c.noise"], "o", ms=2, color="tab:red")
    ins.plot(n, cf.g5_noise(n, p), "k-", lw=1)
    ins.plot(n, cf.g5_noise(n, p, misprint=True), "k:", lw=1)
    ins.set_xlabel("$N$", fontsize=8)
    ins.set_ylabel(r"$\bar S_c^E/(\bar\Gamma_c\Omega^2)$", fontsize=8)
    ins.tick_params(labelsize=7)
    fig.tight_layout()
    out = full_dir / "fig2.png"
    fig.savefig(out, dpi=150)
    k = int(np.argmax(full["N"]))
    kr = int(np.argmax(red["N"]))
    N = full["N"][k]
    print(f"Fig. 2 at N = {N:.0f}: full I_c = {full['c.current'][k]:.4f} S_c = {full['c.noise'][k]:.4f}; "
          f"reduced I_c = {red['c.current'][kr]:.4f} S_c = {red['c.noise'][kr]:.4f}; "
          f"(G4) = {cf.g4_current(N, p):.4f} (G5) = {cf.g5_noise(N, p):.4f}; "
          f"with (G2) as printed: {cf.g4_current(N, p, True):.4f}, {cf.g5_noise(N, p, True):.4f}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
