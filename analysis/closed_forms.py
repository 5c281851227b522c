"""Closed forms of the paper's appendices, for drawing next to the exact output.

(G4), (G5): current and noise of the reduced three-level model for beta_w -> 0 (App. G);
(D2): current of the two-reservoir (cold + work) transport through the lowest two levels (App. D).
The effective rates come from the same matrix elements as the full model, j(j+1) = N/2 (N/2 + 1)
(shared/model.md: eq. (G2) misprints N/2 (N/2 - 1)); `misprint=True` uses the printed (G2) instead.
Units: Omega = 1.
"""
import numpy as np


def lorentzian(w, eps, delta, gbar=1.0):
    """Spectral density (5) at frequency w > 0."""
    return 4 * gbar * eps * delta**2 * w / (((w - eps) ** 2 + delta**2) * ((w + eps) ** 2 + delta**2))


def bose(beta, w):
    return 1.0 / np.expm1(beta * w)


def jj(N, misprint=False):
    N = np.asarray(N, dtype=float)
    return N / 2 * (N / 2 - 1) if misprint else N / 2 * (N / 2 + 1)


def geff(N, p, misprint=False):
    """Effective rates Geff_c, Geff_h of App. G (model.md) at the resonant gaps 2 and 6."""
    J = jj(N, misprint)
    gc = lorentzian(2.0, p["epsC"], p["deltaC"], p["gammaC"]) / 4 * (J - 0.75)
    gh = lorentzian(6.0, p["epsH"], p["deltaH"], p["gammaH"]) / (16 * np.asarray(N, float) ** 2) * (J - 0.75) * (J - 3.75)
    return gc, gh


def g4_current(N, p, misprint=False):
    gc, gh = geff(N, p, misprint)
    nc, nh = bose(p["betaC"], 2.0), bose(p["betaH"], 6.0)
    return 2 * gc * gh * (nc - nh) / (gc * (1 + 3 * nc) + gh * (1 + 3 * nh))


def g5_noise(N, p, misprint=False):
    gc, gh = geff(N, p, misprint)
    nc, nh = bose(p["betaC"], 2.0), bose(p["betaH"], 6.0)
    a = ((gc * (1 + 3 * nc)) ** 2 + (gh * (1 + 3 * nh)) ** 2) * (nc + nh + 2 * nc * nh)
    b = nc * (1 + nc) + nh * (1 + nh) + 12 * nc * nh + 15 * nc * nh * (nc + nh) + 18 * nc**2 * nh**2
    return 4 * gc * gh * (a + 2 * gc * gh * b) / (gc * (1 + 3 * nc) + gh * (1 + 3 * nh)) ** 3


def d2_current(N, p):
    """(D2): cold and work reservoirs both driving 1/2 <-> 3/2 (gap 2)."""
    J = jj(N)
    gc = lorentzian(2.0, p["epsC"], p["deltaC"], p["gammaC"]) / 4 * (J - 0.75)
    gw = lorentzian(2.0, p["epsW"], p["deltaW"], p["gammaW"]) / 4 * (J - 0.75)
    nc, nw = bose(p["betaC"], 2.0), bose(p["betaW"], 2.0)
    return -2 * gc * gw * (nw - nc) / (gc * (1 + 2 * nc) + gw * (1 + 2 * nw))


def params(table: dict, i: int = 0) -> dict:
    """The model parameters of row i of a sweep table (as read by qarcsv.read)."""
    return {k: float(table[k][i]) for k in ("betaC", "betaH", "betaW", "epsC", "epsH", "epsW",
                                            "deltaC", "deltaH", "deltaW", "gammaC", "gammaH", "gammaW")}
