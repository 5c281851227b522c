package qar.job;

import java.util.Locale;
import qar.exact.UnresolvableModelException;

import java.util.List;
import java.util.stream.IntStream;
import qar.exact.Relaxation;
import qar.model.Bath;
import qar.model.JumpProcess;
import qar.model.RecordValues;
import qar.model.SingleBath;

/**
 * App. C, Fig. 7: for each N the working fluid starts in the thermal state at beta_i, touches one
 * reservoir (inverse temperature beta_f, its spectral density) through Jx, and relaxes; the relative
 * entropy S(rho(t) || rho_beta_f) on a time grid and the thermalisation time t_th, the first t with
 * S <= threshold (the paper's 1e-6). Reads no options and touches no files.
 */
public final class RelaxJob {

    private RelaxJob() {
    }

    /**
     * @param ns        the sizes N, each >= 2
     * @param omega     Omega
     * @param bath      the reservoir: beta_f, spectral density and Gbar
     * @param betaI     inverse temperature of the initial thermal state
     * @param times     ascending output times, > 0
     * @param threshold S at which the fluid counts as thermalised
     */
    public record Request(List<Integer> ns, double omega, Bath bath, double betaI, double[] times, double threshold) {
        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    /**
     * One size.
     *
     * @param n                 N
     * @param levels            the number of levels
     * @param relativeEntropy   S at each of the request's times
     * @param thermalisationTime t_th, or NaN if S stays above the threshold up to the last time
     * @param uniformizationRate the largest escape rate (the stiffness scale)
     * @param resolution        at each time, the largest S that rounding makes of an exact 0: an S at or
     *                          below it (and every later one, S falls) is reported as 0
     */
    public record Size(int n, int levels, double[] relativeEntropy, double thermalisationTime, double uniformizationRate,
                       double[] resolution) {
        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    /** @param exponent the least-squares slope of ln t_th against ln N over the sizes with a t_th > 0 (NaN below two) */
    public record Result(Request request, List<Size> sizes, double exponent, double seconds) {
    }

    /** Every size on its own (in parallel over the sizes; each result is independent of the others). */
    public static Result run(Request r) {
        long start = System.nanoTime();
        List<Size> sizes = IntStream.range(0, r.ns().size()).parallel().mapToObj(k -> size(r, r.ns().get(k))).toList();
        return new Result(r, sizes, exponent(sizes), (System.nanoTime() - start) * 1e-9);
    }

    static Size size(Request r, int n) {
        JumpProcess p = SingleBath.process(n, r.omega(), r.bath());
        Relaxation relax = Relaxation.of(p, SingleBath.thermal(n, r.omega(), r.betaI()),
                SingleBath.logThermal(n, r.omega(), r.bath().beta()));
        double[] s = relax.relativeEntropy(r.times());
        double[] floor = new double[s.length];
        boolean zero = false;
        for (int k = 0; k < s.length; k++) {
            floor[k] = relax.entropyResolution(r.times()[k]);
            zero |= s[k] <= floor[k];
            if (zero) {
                s[k] = 0;
            }
        }
        double tth = relax.thermalisationTime(r.threshold(), r.times());
        // S <= threshold undecidable: crossed only within the rounding, or never crossed but rounded to 0
        double at = Double.isNaN(tth) ? r.times()[s.length - 1] : tth;
        if ((tth > 0 || zero) && !(relax.entropyResolution(at) < r.threshold())) {
            throw new UnresolvableModelException(String.format(Locale.ROOT, "--threshold %s is within the rounding"
                    + " of S at N = %d (S below %.1e at t = %.3g is zero for every purpose); raise --threshold",
                    r.threshold(), n, relax.entropyResolution(at), at));
        }
        return new Size(n, p.dimension(), s, tth, relax.uniformizationRate(), floor);
    }

    /** Slope of ln t_th against ln N by least squares. */
    static double exponent(List<Size> sizes) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (Size s : sizes) {
            if (s.thermalisationTime() > 0) {
                double x = Math.log(s.n());
                double y = Math.log(s.thermalisationTime());
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        double den = m * sxx - sx * sx;
        return m < 2 || den == 0 ? Double.NaN : (m * sxy - sx * sy) / den;
    }
}
