package qar.model;

import java.util.ArrayList;
import java.util.List;

/**
 * App. C: the working fluid (H = Omega Jz^2, N spins, odd or even) coupled to one reservoir through
 * the dipole Jx, the rate equation (C1). The same levels and matrix elements as {@link Refrigerator}
 * (for even N the level m = 0 couples with j(j+1)/2, which (C1) read literally halves on the gain
 * side); one reservoir named {@code b}; energies in quanta of Omega.
 */
public final class SingleBath {
    public static final String NAME = "b";

    private SingleBath() {
    }

    /**
     * @param n     number of spins, at least 2
     * @param omega Omega, > 0
     * @param bath  the reservoir (its beta is the final inverse temperature beta_f)
     * @throws InvalidParameterException where a gap or a down-rate is not a positive finite double
     */
    public static JumpProcess process(int n, double omega, Bath bath) {
        if (n < 2 || n > ModelParameters.MAX_N) {
            throw new InvalidParameterException("N", n, "must be an integer from 2 to " + ModelParameters.MAX_N);
        }
        if (!Double.isFinite(omega) || omega <= 0) {
            throw new InvalidParameterException("omega", omega, "must be finite and > 0");
        }
        if (!(bath.gamma() > 0) || !Double.isFinite(bath.gamma()) || !(bath.beta() > 0) || !Double.isFinite(bath.beta())) {
            throw new InvalidParameterException("gamma", bath.gamma(), "must be finite and > 0, with beta finite and > 0");
        }
        int d = Refrigerator.levels(n);
        List<Channel> out = new ArrayList<>(2 * d);
        for (int i = 0; i + 1 < d; i++) {
            long q = Refrigerator.gap(n, i + 1, i);
            double w = q * omega;
            double a = Refrigerator.jxSquared(n, i);
            double down = bath.rateFactor(w) * a;
            if (!(down > 0) || !Double.isFinite(down)) {
                throw new InvalidParameterException("N", n, "the rate of the jump " + (i + 1) + " -> " + i
                        + " (gap " + q + " Omega) is not a positive double: " + down);
            }
            out.add(new Channel(i + 1, i, 0, down, -q));
            out.add(new Channel(i, i + 1, 0, bath.rateFactor(-w) * a, q));
        }
        return JumpProcess.of(d, omega, List.of(new Reservoir(NAME, bath.beta())), out);
    }

    /**
     * The thermal state exp(-beta E) / Z over the levels of N spins, E = Omega a^2 (odd N) or
     * Omega m^2 (even N); computed from the ground level up, so nothing overflows (a tail may underflow).
     */
    public static double[] thermal(int n, double omega, double beta) {
        double[] p = logThermal(n, omega, beta);
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(p[i]);
        }
        return p;
    }

    /** ln of {@link #thermal}: -beta E_i - ln Z, exact where the thermal state itself underflows. */
    public static double[] logThermal(int n, double omega, double beta) {
        int d = Refrigerator.levels(n);
        double[] p = new double[d];
        double z = 0;
        for (int i = 0; i < d; i++) {
            p[i] = -beta * omega * Refrigerator.gap(n, i, 0);
            z += Math.exp(p[i]); // the ground level gives 1: no overflow, z >= 1
        }
        double lnZ = Math.log(z);
        for (int i = 0; i < d; i++) {
            p[i] -= lnZ;
        }
        return p;
    }
}
