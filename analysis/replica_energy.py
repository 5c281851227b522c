#!/usr/bin/env python3
"""Histogram of the energy each replica exchanged with one reservoir, from a `qar sample --out DIR`
run, against the normal law with the exact finite-time mean and variance from summary.json.

Needs Debian's python3-matplotlib and python3-numpy (apt-get install python3-matplotlib).
Usage: /usr/bin/python3 analysis/replica_energy.py runs/out/DIR [c|h|w]  ->  DIR/energy_<res>.png
"""
import csv
import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    run = Path(sys.argv[1])
    res = sys.argv[2] if len(sys.argv) == 3 else "c"
    summary = json.loads((run / "summary.json").read_text())
    with open(run / "replicas.csv", newline="") as f:
        energy = np.array([int(row["energy_" + res]) for row in csv.DictReader(f)], dtype=float)
    omega = summary["model"]["omega"]
    t = summary["time"]
    stats = summary["reservoirs"][res]
    # exact finite-time mean and variance of the energy of one replica (units of Omega)
    mean = stats["current"]["exactFiniteTime"] * t / omega
    var = stats["noise"]["exactFiniteTime"] * t / omega ** 2
    fig, ax = plt.subplots(figsize=(6, 4))
    # energies live on a lattice (jumps carry whole gaps): bins are whole multiples of its step
    step = max(1, int(np.gcd.reduce(np.abs(energy - energy[0]).astype(np.int64))))
    width = step * max(1, math.ceil((energy.max() - energy.min()) / step / 60))
    bins = np.arange(energy.min() - width / 2, energy.max() + width, width)
    ax.hist(energy, bins=bins, density=True, alpha=0.6, label=f"{len(energy)} replicas")
    x = np.linspace(energy.min(), energy.max(), 400)
    ax.plot(x, np.exp(-(x - mean) ** 2 / (2 * var)) / math.sqrt(2 * math.pi * var), "k-",
            label="normal, exact mean and variance")
    ax.set_xlabel(f"energy from reservoir {res} per replica (quanta of Omega), T = {t:g}")
    ax.set_ylabel("density")
    ax.legend()
    fig.tight_layout()
    out = run / f"energy_{res}.png"
    fig.savefig(out, dpi=120)
    print(out)


if __name__ == "__main__":
    main()
