package qar.sample;

import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/** Two levels: 0 -> 1 at rate a counted by reservoir "u" (+1), 1 -> 0 at rate b counted by "d" (-1). */
final class Telegraph {
    private Telegraph() {
    }

    static JumpProcess of(double a, double b) {
        return JumpProcess.of(2, 1.0, List.of(new Reservoir("u", Double.NaN), new Reservoir("d", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 1, b, -1)));
    }

    static double[] stationary(double a, double b) {
        return new double[] {b / (a + b), a / (a + b)};
    }
}
