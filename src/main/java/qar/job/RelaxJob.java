package qar.job;

import java.util.List;
import java.util.stream.IntStream;
import qar.exact.Relaxation;
import qar.model.Bath;
import qar.model.JumpProcess;
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
    }

    /**
     * One size.
     *
     * @param n                 N
     * @param levels            the number of levels
     * @param relativeEntropy   S at each of the request's times
     * @param thermalisationTime t_th, or NaN if S stays above the threshold up to the last time
     * @param uniformizationRate the largest escape rate (the stiffness scale)
     */
    public record Size(int n, int levels, double[] relativeEntropy, double thermalisationTime, double uniformizationRate) {
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
        return new Size(n, p.dimension(), relax.relativeEntropy(r.times()),
                relax.thermalisationTime(r.threshold(), r.times()), relax.uniformizationRate());
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
