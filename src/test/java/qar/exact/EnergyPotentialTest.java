package qar.exact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/** Whether a reservoir's count is a function of the level, decided exactly on small and long chains. */
class EnergyPotentialTest {
    private static final List<Reservoir> TWO = List.of(new Reservoir("a", 1.0), new Reservoir("b", 1.0));

    /** A ring 0 -> 1 -> 2 -> 0 whose jumps carry q01, q12 through reservoir 0 and the last one through {@code last}. */
    private static JumpProcess ring(int last) {
        return JumpProcess.of(3, 1.0, TWO, List.of(new Channel(0, 1, 0, 1.0, 2), new Channel(1, 0, 0, 1.0, -2),
                new Channel(1, 2, 0, 1.0, 3), new Channel(2, 1, 0, 1.0, -3),
                new Channel(2, 0, last, 1.0, -5), new Channel(0, 2, last, 1.0, 5)));
    }

    @Test
    void aRingClosedByTheSameReservoirIsBoundedAndByAnotherIsNot() {
        // all jumps through reservoir 0: its count is E(level), bounded; reservoir 1 moves nothing
        assertTrue(EnergyPotential.bounded(ring(0), 0));
        assertTrue(EnergyPotential.bounded(ring(0), 1));
        // closing the ring through reservoir 1: going round moves 5 quanta from 1 to 0, unbounded for both
        assertFalse(EnergyPotential.bounded(ring(1), 0));
        assertFalse(EnergyPotential.bounded(ring(1), 1));
    }

    @Test
    void aChannelOfRateZeroDoesNotCount() {
        JumpProcess p = JumpProcess.of(3, 1.0, TWO, List.of(new Channel(0, 1, 0, 1.0, 2), new Channel(1, 0, 0, 1.0, -2),
                new Channel(1, 2, 0, 1.0, 3), new Channel(2, 1, 0, 1.0, -3),
                new Channel(2, 0, 1, 0.0, -5), new Channel(0, 2, 1, 1.0, 5)));
        assertFalse(EnergyPotential.bounded(p, 0)); // 0 -> 2 through b still closes the loop
        JumpProcess q = JumpProcess.of(3, 1.0, TWO, List.of(new Channel(0, 1, 0, 1.0, 2), new Channel(1, 0, 0, 1.0, -2),
                new Channel(1, 2, 0, 1.0, 3), new Channel(2, 1, 0, 1.0, -3),
                new Channel(2, 0, 1, 0.0, -5), new Channel(0, 2, 1, 0.0, 5)));
        assertTrue(EnergyPotential.bounded(q, 0));
    }

    /** A long chain, its channels listed from both ends so that sets merge deep: the one inconsistent jump is found. */
    @Test
    void aLongChainIsDecidedExactly() {
        int d = 200_001;
        List<Channel> ch = new ArrayList<>();
        for (int i = 0; i + 1 < d; i++) {
            int a = i % 2 == 0 ? i / 2 : d - 2 - i / 2;
            ch.add(new Channel(a, a + 1, 0, 1.0, a + 1L));
            ch.add(new Channel(a + 1, a, 0, 1.0, -(a + 1L)));
        }
        assertTrue(EnergyPotential.bounded(JumpProcess.of(d, 1.0, TWO, ch), 0));
        // a shortcut whose quanta differ by one from the path's sum 2 + 3 + ... + 11
        ch.add(new Channel(1, 11, 0, 1.0, 64));
        assertFalse(EnergyPotential.bounded(JumpProcess.of(d, 1.0, TWO, ch), 0));
        ch.set(ch.size() - 1, new Channel(1, 11, 0, 1.0, 65));
        assertTrue(EnergyPotential.bounded(JumpProcess.of(d, 1.0, TWO, ch), 0));
    }
}
