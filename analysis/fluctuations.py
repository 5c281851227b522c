#!/usr/bin/env python3
"""Fluctuation theorem and efficiency fluctuations from `qar sample --ft --out DIR`.

Reads DIR/fluctuation_theorem.csv (t,s,ln_ratio,stderr,count_plus,count_minus,s_low,s_high,fitted) and
writes DIR/fluctuation_theorem.png: ln[P(s)/P(-s)] against s for every window length t, with standard
errors from the groups and the line of slope 1 that the detailed theorem predicts; points in the fit
are filled, the others (fewer than 10 windows on a side) hollow.

Reads DIR/efficiency.csv (t,eta_low,eta_high,probability,stderr,rate_exact) and, where present,
DIR/summary.json (Carnot value and COP) and writes DIR/efficiency.png: left, the density of the
finite-time efficiency eta = Q_c/Q_w per bin (share / bin width, log scale; the open outer bins are
not drawn) for every t, with the exact COP and the Carnot value marked; right, the exact rate function
J(eta) where rate_exact has values, next to -ln(density)/t shifted to its minimum, the finite-t
estimate of J's shape. Needs Debian's python3-matplotlib and python3-numpy; run with /usr/bin/python3.
"""
import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qarcsv import errorbars, fail, finite, read  # noqa: E402


def colours(times):
    return {t: plt.cm.viridis(i / max(1, len(times) - 1)) for i, t in enumerate(times)}


def theorem(d: Path) -> Path:
    path = d / "fluctuation_theorem.csv"
    f = read(path, numbers=["t", "s", "ln_ratio", "stderr", "count_plus", "count_minus", "fitted"])
    times = sorted(set(f["t"][finite(f["t"])]))
    if not times:
        fail(f"no t in {path}")
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    colour = colours(times)
    top = 0.0
    for t in times:
        row = (f["t"] == t) & finite(f["s"], f["ln_ratio"])
        fit = row & (f["fitted"] == 1)
        errorbars(ax, f["s"][fit], f["ln_ratio"][fit], f["stderr"][fit], color=colour[t], label=f"t = {t:g}")
        rest = row & (f["fitted"] != 1)
        ax.plot(f["s"][rest], f["ln_ratio"][rest], "o", ms=3, mfc="none", color=colour[t])
        top = max(top, np.nanmax(f["s"][row], initial=0), np.nanmax(f["ln_ratio"][row], initial=0))
    line = np.array([0, 1.05 * top if top > 0 else 1])
    ax.plot(line, line, "k-", lw=1, label="slope 1 (detailed theorem)")
    ax.set(xlabel="s (entropy production of a window, bin's -ln E[exp(-s)|bin])", ylabel="ln[P(s) / P(-s)]",
           title="detailed fluctuation theorem")
    ax.grid(alpha=0.3, lw=0.5)
    ax.legend()
    fig.tight_layout()
    out = d / "fluctuation_theorem.png"
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def efficiency(d: Path) -> Path:
    path = d / "efficiency.csv"
    e = read(path, numbers=["t", "probability", "stderr"], optional=["eta_low", "eta_high", "rate_exact"])
    if "eta_low" not in e or "eta_high" not in e:
        fail(f"{path} has no finite bin edges")
    marks = {}
    summary = d / "summary.json"
    if summary.is_file():
        try:
            fl = json.loads(summary.read_text()).get("fluctuations", {})
        except json.JSONDecodeError:
            fail(f"{summary} is not JSON")
        for key, label in (("cop", "COP (exact)"), ("carnot", "Carnot")):
            if isinstance(fl.get(key), (int, float)):
                marks[label] = fl[key]
    times = sorted(set(e["t"][finite(e["t"])]))
    colour = colours(times)
    has_rate = "rate_exact" in e
    fig, axes = plt.subplots(1, 2 if has_rate else 1, figsize=(12 if has_rate else 6.5, 4.5), squeeze=False)
    left = axes[0][0]
    for t in times:
        row = (e["t"] == t) & finite(e["eta_low"], e["eta_high"]) & (e["probability"] > 0)
        lo, hi = e["eta_low"][row], e["eta_high"][row]
        width = hi - lo
        mid = 0.5 * (lo + hi)
        errorbars(left, mid, e["probability"][row] / width, e["stderr"][row] / width, color=colour[t],
                  label=f"t = {t:g}")
    for (label, x), style in zip(marks.items(), ("--", ":")):
        left.axvline(x, color="k", ls=style, lw=1, label=f"{label} {x:.4g}")
    ticks = [-100, -10, -1, 0, 1, 10, 100]
    left.set(xscale="symlog", yscale="log", xticks=ticks, xticklabels=[str(x) for x in ticks],
             xlabel="efficiency eta = Q_c / Q_w (symlog)",
             ylabel="density (share / bin width)", title="finite-time efficiency")
    left.grid(alpha=0.3, lw=0.5)
    left.legend(fontsize=8)
    if has_rate:
        right = axes[0][1]
        row = (e["t"] == times[0]) & finite(e["eta_low"], e["eta_high"], e["rate_exact"])
        mid = 0.5 * (e["eta_low"][row] + e["eta_high"][row])
        right.plot(mid, e["rate_exact"][row], "k-", lw=2, label="J(eta), exact")
        for t in times:
            row = (e["t"] == t) & finite(e["eta_low"], e["eta_high"]) & (e["probability"] > 0)
            width = e["eta_high"][row] - e["eta_low"][row]
            y = -np.log(e["probability"][row] / width) / t
            if y.size:
                right.plot(0.5 * (e["eta_low"][row] + e["eta_high"][row]), y - y.min(), "o", ms=3,
                           color=colour[t], label=f"-ln p(eta)/t - min, t = {t:g}")
        for (label, x), style in zip(marks.items(), ("--", ":")):
            right.axvline(x, color="k", ls=style, lw=1)
        right.set(xscale="symlog", yscale="log", xticks=ticks, xticklabels=[str(x) for x in ticks],
                  xlabel="efficiency eta (symlog)", ylabel="rate",
                  title="efficiency rate function")
        right.grid(alpha=0.3, lw=0.5)
        right.legend(fontsize=8)
    fig.tight_layout()
    out = d / "efficiency.png"
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", type=Path, help="output folder of qar sample --ft")
    a = p.parse_args()
    print(theorem(a.dir))
    if (a.dir / "efficiency.csv").is_file():
        print(efficiency(a.dir))
    else:
        print(f"no {a.dir / 'efficiency.csv'} (the process has no reservoirs c and w): efficiency not drawn")


if __name__ == "__main__":
    main()
