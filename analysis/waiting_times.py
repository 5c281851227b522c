#!/usr/bin/env python3
"""Waiting-time distributions between watched jumps, from `qar exact|sample --out DIR`.

Reads DIR/waiting_times.csv (watched,tau,exactDensity,exactCdf[,sampledDensity,sampledCdf,stderr]) and
writes, per watched label, DIR/waiting_<label>.png: the density on log-log axes (exact line, sampled
points with standard errors) and the cumulative distribution (exact line, sampled points).
Needs Debian's python3-matplotlib and python3-numpy; run with /usr/bin/python3.
"""
import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from qarcsv import errorbars, finite, read, select, slug  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", type=Path, help="output folder of qar exact/sample")
    p.add_argument("--watched", action="append", help="only this label (repeatable), e.g. c or c:3/2-1/2")
    a = p.parse_args()
    path = a.dir / "waiting_times.csv"
    d = read(path, labels=["watched"], numbers=["tau", "exactDensity", "exactCdf"],
             optional=["sampledDensity", "sampledCdf", "stderr"])
    for label in select(d["watched"], a.watched, "watched label", path):
        row = d["watched"] == label
        tau = d["tau"][row]
        fig, (dens, cdf) = plt.subplots(1, 2, figsize=(10, 4))
        ok = finite(tau, d["exactDensity"][row]) & (tau > 0) & (d["exactDensity"][row] > 0)
        dens.plot(tau[ok], d["exactDensity"][row][ok], "k-", label="exact")
        ok = finite(tau, d["exactCdf"][row]) & (tau > 0)
        cdf.plot(tau[ok], d["exactCdf"][row][ok], "k-", label="exact")
        if "sampledDensity" in d:
            y = d["sampledDensity"][row]
            ok = finite(tau, y) & (tau > 0) & (y > 0)
            err = d["stderr"][row][ok] if "stderr" in d else None
            errorbars(dens, tau[ok], y[ok], err, color="C3", label="sampled")
        if "sampledCdf" in d:
            y = d["sampledCdf"][row]
            ok = finite(tau, y) & (tau > 0)
            cdf.plot(tau[ok], y[ok], "o", ms=3, color="C3", label="sampled")
        dens.set(xscale="log", yscale="log", xlabel="waiting time tau", ylabel="density w(tau)")
        cdf.set(xscale="log", ylim=(-0.02, 1.02), xlabel="waiting time tau", ylabel="P(waiting time <= tau)")
        for ax in (dens, cdf):
            ax.legend()
            ax.grid(alpha=0.3, which="both", lw=0.5)
        fig.suptitle(f"waiting times between watched jumps: {label}")
        fig.tight_layout()
        out = a.dir / f"waiting_{slug(label)}.png"
        fig.savefig(out, dpi=120)
        plt.close(fig)
        print(out)


if __name__ == "__main__":
    main()
