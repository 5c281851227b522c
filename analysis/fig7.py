"""Fig. 7: thermalisation time t_th against N (App. C), black points, with the fit t_th = a / N^2
(red dashed) and a free power-law fit t_th = a N^p by least squares in log-log (grey dotted).

    /usr/bin/python3 analysis/fig7.py runs/out/fig7 [--nmin N]
writes runs/out/fig7/fig7.png and prints the fitted exponent (over N >= nmin, default 2, and N >= 10).
"""
import argparse
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import qarcsv


def powerfit(n, t):
    p, loga = np.polyfit(np.log(n), np.log(t), 1)
    return p, np.exp(loga)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--nmin", type=float, default=2)
    a = ap.parse_args()
    d = Path(a.dir)
    t = qarcsv.read(d / "thermalisation.csv", numbers=("N", "t_th"))
    m = qarcsv.finite(t["t_th"]) & (t["N"] >= a.nmin)
    n, tt = t["N"][m], t["t_th"][m]
    p, amp = powerfit(n, tt)
    a2 = np.exp(np.mean(np.log(tt) + 2 * np.log(n)))  # a in a / N^2, least squares in log
    big = n >= 10
    p10 = powerfit(n[big], tt[big])[0] if big.sum() >= 2 else float("nan")
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(n, tt, "ko", ms=4, label="numerics, eq. (C1)")
    x = np.linspace(n.min(), n.max(), 200)
    ax.plot(x, a2 / x**2, "r--", label=rf"${a2:.3g}/N^2$")
    ax.plot(x, amp * x**p, ":", color="grey", label=rf"fit $N^{{{p:.2f}}}$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("$N$")
    ax.set_ylabel(r"$t_{th}\,\Omega$")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(d / "fig7.png", dpi=150)
    print(f"Fig. 7: t_th ~ N^p with p = {p:.3f} over N = {n.min():.0f}..{n.max():.0f}, "
          f"p = {p10:.3f} over N >= 10; a/N^2 fit a = {a2:.4g}")
    print(f"wrote {d / 'fig7.png'}")


if __name__ == "__main__":
    main()
