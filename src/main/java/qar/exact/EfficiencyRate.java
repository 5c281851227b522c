package qar.exact;

import java.util.function.DoubleUnaryOperator;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The large-deviation rate function of the efficiency eta_t = Q_c / Q_w (energies entering the
 * system from the cold and the work reservoir in a window of length t): P(eta_t ~ eta) ~
 * exp(-t J(eta)) with
 * <pre>  J(eta) = - min over gamma of lambda(s_c = gamma, s_w = -eta gamma, other s = 0),</pre>
 * lambda the scaled cumulant generating function ({@link GeneratingFunction}): the rate function
 * of Q_c - eta Q_w at 0 (Verley et al., Nat. Commun. 5, 4721 (2014)). J is 0 at the mean
 * efficiency and, by Gallavotti-Cohen, largest at Carnot.
 *
 * <p>lambda along the line is convex, 0 at gamma = 0 with slope I_c - eta I_w, so the minimiser
 * lies opposite that slope: bracketed by doubling from the Gaussian guess
 * |I_c - eta I_w| / (S_c + eta^2 S_w), then Brent's method ({@link Extremum}) to 1e-3 of gamma (the minimum value is
 * quadratic in that error, ~1e-6 relative). Pitfall: the search stays within
 * |gamma| (q_c + |eta| q_w) Omega &lt;= 600, where tilted rates stay finite; a minimum not bracketed
 * inside is NaN. Cost and values at the defaults: src/site/markdown/sampling.md, "Exact large-t
 * prediction". Immutable.
 */
public final class EfficiencyRate {
    private static final double MAX_EXPONENT = 600.0;
    private static final double TOLERANCE = 1e-3;
    private static final int MAX_EVALUATIONS = 200;

    private final GeneratingFunction cgf;
    private final int reservoirs;
    private final int cold;
    private final int work;
    private final double currentCold;
    private final double currentWork;
    private final double noiseCold;
    private final double noiseWork;
    private final double reach;
    private final double reachPerEta;

    private EfficiencyRate(JumpProcess p, ExactSolution sol, int cold, int work) {
        this.cgf = GeneratingFunction.of(p);
        this.reservoirs = p.reservoirs().size();
        this.cold = cold;
        this.work = work;
        this.currentCold = sol.reservoirs().get(cold).current();
        this.currentWork = sol.reservoirs().get(work).current();
        this.noiseCold = sol.reservoirs().get(cold).noise();
        this.noiseWork = sol.reservoirs().get(work).noise();
        long qc = 0;
        long qw = 0;
        for (Channel ch : p.channels()) {
            if (ch.reservoir() == cold) {
                qc = Math.max(qc, Math.abs(ch.energy()));
            } else if (ch.reservoir() == work) {
                qw = Math.max(qw, Math.abs(ch.energy()));
            }
        }
        this.reach = Math.max(qc, 1) * p.energyUnit();
        this.reachPerEta = Math.max(qw, 1) * p.energyUnit();
    }

    /** @param solution the exact solution of {@code process} (currents and noises, order >= 2) */
    public static EfficiencyRate of(JumpProcess process, ExactSolution solution, int cold, int work) {
        int r = process.reservoirs().size();
        if (cold < 0 || work < 0 || cold >= r || work >= r || cold == work) {
            throw new IllegalArgumentException("cold " + cold + " and work " + work + " must be distinct reservoirs");
        }
        return new EfficiencyRate(process, solution, cold, work);
    }

    /** lambda(s_c = gamma, s_w = -eta gamma). */
    public double lambda(double eta, double gamma) {
        double[] s = new double[reservoirs];
        s[cold] = gamma;
        s[work] = -eta * gamma;
        return cgf.lambda(s);
    }

    /** The mean efficiency I_c / I_w, where J vanishes. */
    public double mean() {
        return currentCold / currentWork;
    }

    /** J(eta) >= 0; NaN where the minimum is not bracketed within the reach of the tilts. */
    public double rate(double eta) {
        return minimise(eta)[1];
    }

    /** The minimiser gamma of lambda along the line of eta; NaN where not bracketed. */
    public double minimiser(double eta) {
        return minimise(eta)[0];
    }

    /** {gamma*, J(eta)}. */
    private double[] minimise(double eta) {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("efficiency must be finite, got " + eta);
        }
        double slope = currentCold - eta * currentWork;
        if (slope == 0) {
            return new double[] {0, 0};
        }
        double dir = slope > 0 ? -1 : 1;
        double cap = MAX_EXPONENT / (reach + Math.abs(eta) * reachPerEta);
        double curvature = noiseCold + eta * eta * noiseWork;
        DoubleUnaryOperator f = g -> {
            double l = lambda(eta, dir * g);
            return Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
        };
        // bracket the minimiser of f on g >= 0 (f(0) = 0, f decreasing at 0)
        double lo = 0;
        double mid = curvature > 0 ? Math.min(cap, Math.abs(slope) / curvature) : Math.min(cap, 1.0 / reach);
        double fmid = f.applyAsDouble(mid);
        for (int k = 0; k < 40 && !(fmid < 0); k++) {
            // the guess overshot: the minimum lies below it
            mid /= 8;
            fmid = f.applyAsDouble(mid);
        }
        if (!(fmid < 0)) {
            return new double[] {0, 0};
        }
        double hi;
        while (true) {
            hi = Math.min(cap, 2 * mid);
            double fhi = f.applyAsDouble(hi);
            if (!(fhi < fmid)) {
                break;
            }
            if (hi == cap) {
                return new double[] {Double.NaN, Double.NaN};
            }
            lo = mid;
            mid = hi;
            fmid = fhi;
        }
        Extremum m = Extremum.minimum(f, lo, hi, mid, TOLERANCE, Double.MIN_NORMAL, MAX_EVALUATIONS);
        return new double[] {dir * m.x(), Math.max(0.0, -m.value())};
    }
}
