package qar.sample;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import qar.model.JumpProcess;

/**
 * Exact stochastic simulation (Gillespie's direct method) of a {@link JumpProcess}.
 *
 * <p>Per level, the outgoing channels are sorted by decreasing rate and stored as cumulative
 * probabilities, so the usual jump is found by the first comparison (at the defaults 99.5 % of jumps
 * are the work reservoir's 3/2 <-> 5/2 flips). Waiting times are exponential variates from
 * commons-rng's ziggurat sampler divided by the escape rate. The tables are immutable and shared
 * by all threads; each trajectory gets its own generator.
 */
public final class GillespieEngine implements Engine {
    /** Measured cost of one jump on one thread: 6.0 ... 8.3 ns (src/site/markdown/performance.md); the larger, rounded up. */
    public static final double NANOS_PER_JUMP = 8;

    private final JumpProcess process;
    /** offset[b] .. offset[b+1]-1: the slots of level b's channels. */
    private final int[] offset;
    private final double[] cumulative;
    private final int[] channel;
    private final int[] target;
    private final double[] meanWait;

    private GillespieEngine(JumpProcess process) {
        this.process = process;
        JumpTable table = JumpTable.of(process, null);
        offset = table.offset();
        cumulative = table.cumulative();
        channel = table.channel();
        target = table.target();
        meanWait = table.meanWaits();
    }

    public static GillespieEngine of(JumpProcess process) {
        return new GillespieEngine(process);
    }

    @Override
    public JumpProcess process() {
        return process;
    }

    @Override
    public String name() {
        return "direct";
    }

    /** Every jump is a step: sum_a pi_a escape_a. */
    @Override
    public double stepRate(double[] stationary) {
        return process.jumpRate(stationary);
    }

    @Override
    public double nanosPerStep() {
        return NANOS_PER_JUMP;
    }

    @Override
    public boolean timesEachJump(boolean[] channels) {
        return true;
    }

    /**
     * Runs one trajectory of length {@code duration} from {@code level}. A trajectory that reaches
     * an absorbing level stays there until the end.
     *
     * @return the number of jumps (each one engine step)
     */
    @Override
    public long run(UniformRandomProvider rng, int level, double duration, JumpObserver observer) {
        Engine.checkRun(duration, level, meanWait.length);
        ContinuousSampler exponential = ZigguratSampler.Exponential.of(rng);
        final double[] cum = cumulative;
        final int[] ch = channel;
        final int[] to = target;
        final int[] off = offset;
        final double[] wait = meanWait;
        observer.start(level);
        int s = level;
        double t = 0;
        long jumps = 0;
        // the next time the observer wants to see the state (a window edge), or the end: one
        // comparison per jump whatever the observer asks for
        double stop = Math.min(duration, observer.nextStop());
        outer:
        while (true) {
            t += exponential.sample() * wait[s];
            // !(t < stop) also holds at an absorbing level, where 0 * infinity is NaN
            while (!(t < stop)) {
                if (!(stop < duration)) {
                    break outer;
                }
                observer.mark(stop, s);
                stop = Math.min(duration, observer.nextStop());
            }
            double u = rng.nextDouble();
            int k = off[s];
            while (u >= cum[k]) {
                k++;
            }
            int next = to[k];
            observer.jump(t, s, next, ch[k]);
            s = next;
            jumps++;
        }
        observer.stop(duration, s);
        return jumps;
    }
}
