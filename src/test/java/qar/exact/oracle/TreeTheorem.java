package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Stationary state and mean currents of a small jump process in exact rational arithmetic, by the
 * Markov chain tree theorem: pi_i is proportional to the sum, over the spanning trees directed
 * into i, of the product of their rates. Every double is a dyadic rational m 2^e, so every
 * product and sum here is exact (a {@link BigInteger} mantissa with a binary exponent); only the
 * final quotients are rounded, to 40 digits. Shares nothing with the GTH code. For up to about
 * 7 levels (it enumerates (d-1)^(d-1) parent choices per root).
 */
public final class TreeTheorem {
    private static final MathContext MC = new MathContext(40);

    /** Unnormalised tree weights per level, and their sum. */
    private final Dyadic[] weight;
    private final Dyadic total;
    private final JumpProcess process;

    private TreeTheorem(JumpProcess process, Dyadic[] weight, Dyadic total) {
        this.process = process;
        this.weight = weight;
        this.total = total;
    }

    public static TreeTheorem of(JumpProcess p) {
        int d = p.dimension();
        Dyadic[][] rate = new Dyadic[d][d];
        for (Channel ch : p.channels()) {
            Dyadic r = Dyadic.of(ch.rate());
            rate[ch.from()][ch.to()] = rate[ch.from()][ch.to()] == null ? r : rate[ch.from()][ch.to()].add(r);
        }
        Dyadic[] w = new Dyadic[d];
        Dyadic sum = Dyadic.ZERO;
        for (int root = 0; root < d; root++) {
            w[root] = trees(rate, root);
            sum = sum.add(w[root]);
        }
        if (sum.m.signum() == 0) {
            throw new IllegalArgumentException("no spanning tree: the chain is not irreducible");
        }
        return new TreeTheorem(p, w, sum);
    }

    /** pi_i to 40 digits. */
    public BigDecimal population(int i) {
        return weight[i].divide(total);
    }

    /** sum_c weight_c pi_from(c) r_c, exactly up to the final division. */
    public BigDecimal mean(double[] channelWeight) {
        Dyadic num = Dyadic.ZERO;
        List<Channel> chs = process.channels();
        for (int c = 0; c < chs.size(); c++) {
            if (channelWeight[c] != 0) {
                num = num.add(weight[chs.get(c).from()].multiply(Dyadic.of(chs.get(c).rate()))
                        .multiply(Dyadic.of(channelWeight[c])));
            }
        }
        return num.divide(total);
    }

    /** Sum over the in-trees of root of the product of rates (every other level picks one parent). */
    private static Dyadic trees(Dyadic[][] rate, int root) {
        int d = rate.length;
        int[] parent = new int[d];
        return choose(rate, root, parent, 0);
    }

    private static Dyadic choose(Dyadic[][] rate, int root, int[] parent, int level) {
        int d = rate.length;
        if (level == d) {
            return isTree(parent, root) ? product(rate, parent, root) : Dyadic.ZERO;
        }
        if (level == root) {
            return choose(rate, root, parent, level + 1);
        }
        Dyadic sum = Dyadic.ZERO;
        for (int j = 0; j < d; j++) {
            if (j != level && rate[level][j] != null) {
                parent[level] = j;
                sum = sum.add(choose(rate, root, parent, level + 1));
            }
        }
        return sum;
    }

    private static boolean isTree(int[] parent, int root) {
        int d = parent.length;
        for (int i = 0; i < d; i++) {
            int x = i;
            for (int steps = 0; x != root; steps++) {
                if (steps > d) {
                    return false;
                }
                x = parent[x];
            }
        }
        return true;
    }

    private static Dyadic product(Dyadic[][] rate, int[] parent, int root) {
        Dyadic p = Dyadic.ONE;
        for (int i = 0; i < parent.length; i++) {
            if (i != root) {
                p = p.multiply(rate[i][parent[i]]);
            }
        }
        return p;
    }

    /** m 2^e, exact. */
    private record Dyadic(BigInteger m, int e) {
        static final Dyadic ZERO = new Dyadic(BigInteger.ZERO, 0);
        static final Dyadic ONE = new Dyadic(BigInteger.ONE, 0);

        static Dyadic of(double x) {
            if (x == 0) {
                return ZERO;
            }
            long bits = Double.doubleToLongBits(Math.abs(x));
            int exp = (int) ((bits >> 52) & 0x7ff);
            long mant = bits & ((1L << 52) - 1);
            if (exp == 0) {
                exp = 1;
            } else {
                mant |= 1L << 52;
            }
            BigInteger m = BigInteger.valueOf(x < 0 ? -mant : mant);
            return new Dyadic(m, exp - 1075);
        }

        Dyadic multiply(Dyadic o) {
            return new Dyadic(m.multiply(o.m), e + o.e);
        }

        Dyadic add(Dyadic o) {
            if (m.signum() == 0) {
                return o;
            }
            if (o.m.signum() == 0) {
                return this;
            }
            int lo = Math.min(e, o.e);
            return new Dyadic(m.shiftLeft(e - lo).add(o.m.shiftLeft(o.e - lo)), lo);
        }

        /** this / o to 40 digits. */
        BigDecimal divide(Dyadic o) {
            BigInteger x = m;
            BigInteger y = o.m;
            if (e >= o.e) {
                x = x.shiftLeft(e - o.e);
            } else {
                y = y.shiftLeft(o.e - e);
            }
            return new BigDecimal(x).divide(new BigDecimal(y), MC);
        }
    }
}
