package qar.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The further analyses' hooks: a probe that asks for every jump sees each one the energy tally
 * counts, its group parts travel through bytes after the built-in tallies, and the bytes of a
 * campaign without probes end where they always did.
 */
class ProbeTest {
    private static final JumpProcess P = Refrigerator.process(ModelParameters.defaults().withN(5));

    /** Counts the jumps it is shown, per group. */
    private static final class Counter implements Probe {
        static final class Part implements GroupPart {
            long jumps;

            @Override
            public void combine(GroupPart other) {
                jumps += ((Part) other).jumps;
            }

            @Override
            public void write(DataOutput out) throws IOException {
                out.writeLong(jumps);
            }

            static Part read(DataInput in) throws IOException {
                Part p = new Part();
                p.jumps = in.readLong();
                return p;
            }
        }

        @Override
        public GroupPart tally() {
            return new Part();
        }

        @Override
        public GroupPart.Reader reader() {
            return Part::read;
        }

        @Override
        public Recorder recorder(EnergyTally energy) {
            return new Recorder() {
                private Part target;

                @Override
                public void bind(GroupPart tally) {
                    target = (Part) tally;
                }

                @Override
                public void start(int level) {
                }

                @Override
                public void stop(double time, int level) {
                }

                @Override
                public boolean jumps() {
                    return true;
                }

                @Override
                public void jump(double time, int from, int to, int channel) {
                    target.jumps++;
                }
            };
        }
    }

    private static Campaign.Result run(Recording recording, Engine engine) throws InterruptedException {
        double[] pi = ExactSolver.stationaryState(P);
        Campaign c = Campaign.of(P, pi, 20, 128, recording, engine);
        return c.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(9L), 2, null, null);
    }

    @Test
    void aProbeThatAsksForJumpsSeesEveryJump() throws Exception {
        Campaign.Result r = run(new Recording(List.of(), new double[] {2}, List.of(new Counter())),
                GillespieEngine.of(P));
        for (GroupTally g : r.groups()) {
            long counted = 0;
            for (long j : g.moments().jumps()) {
                counted += j;
            }
            assertEquals(counted, ((Counter.Part) g.part(1)).jumps);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            g.write(new DataOutputStream(bytes));
            GroupTally back = GroupTally.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    List.of(Counter.Part::read));
            assertEquals(counted, ((Counter.Part) back.part(1)).jumps);
            // without its reader the part is left over: the campaign's analyses must be known to read it
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            GroupTally.read(in);
            assertEquals(8, in.available());
        }
        // the same replicas without the probe: the same energies, bit for bit
        Campaign.Result plain = run(new Recording(List.of(), new double[] {2}), GillespieEngine.of(P));
        for (int g = 0; g < plain.groups().size(); g++) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            plain.groups().get(g).write(new DataOutputStream(a));
            r.groups().get(g).write(new DataOutputStream(b));
            byte[] withProbe = b.toByteArray();
            assertEquals(a.size() + 8, withProbe.length);
            assertEquals(java.util.Arrays.toString(a.toByteArray()),
                    java.util.Arrays.toString(java.util.Arrays.copyOf(withProbe, a.size())));
        }
    }

    /** A probe that needs every jump refuses the aggregated engine's bulk flips rather than miscount. */
    @Test
    void bulkFlipsAreRefusedByAProbeThatNeedsEachJump() {
        Engine aggregated = EngineChoice.AGGREGATED.choose(P, List.of()).engine();
        assertThrows(Exception.class, () -> run(new Recording(List.of(), new double[0],
                List.of(new Counter())), aggregated));
    }
}
