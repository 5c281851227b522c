package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/**
 * A chain with one reservoir: the energy it exchanges is minus the system's energy change, a
 * bounded function of the level, so every long-time cumulant is exactly 0. On a stiff such chain
 * (rates 1e-294 .. 1e292) qar refused with "kappa_4 of reservoir c overflows the double range";
 * now it prints 0, as for a reservoir switched off.
 */
class BoundedCountCliTest {
    private static final String STIFF_ONE_RESERVOIR = "{\"reservoirs\":[{\"name\":\"c\",\"beta\":1.0}],"
            + "\"levels\":[{\"name\":\"0\",\"energy\":0},{\"name\":\"1\",\"energy\":1},{\"name\":\"2\",\"energy\":2},"
            + "{\"name\":\"3\",\"energy\":3},{\"name\":\"4\",\"energy\":4}],\"channels\":["
            + ch("0", "1", "3.0443991663989463e+94") + "," + ch("0", "3", "3.2829619864179756e-294") + ","
            + ch("0", "4", "2.6846253514429633e-136") + "," + ch("1", "0", "2.2677324948577778e+114") + ","
            + ch("1", "2", "8.2040566773232475e+34") + "," + ch("1", "4", "1.0786366057098482e-36") + ","
            + ch("2", "0", "3.835207955778037e+243") + "," + ch("2", "1", "1.9591906759142765e+191") + ","
            + ch("2", "3", "1.4699496396976918e+112") + "," + ch("2", "4", "5.8690779441507716e-58") + ","
            + ch("3", "1", "2.956771159171004e-264") + "," + ch("3", "2", "226751.33707256307") + ","
            + ch("3", "4", "1.9071912402338368e+292") + "," + ch("4", "1", "8.3939688353800895e-47") + ","
            + ch("4", "2", "3.3451570755542026e-113") + "," + ch("4", "3", "1.301598356002138e-202") + "]}";

    private static String ch(String from, String to, String rate) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reservoir\":\"c\",\"rate\":" + rate + "}";
    }

    @Test
    void aStiffOneReservoirChainHasExactlyZeroStatistics(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("one.json");
        Files.writeString(f, STIFF_ONE_RESERVOIR);
        QarCliTest.Result r = QarCliTest.run("exact", "--process", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode c = Json.MAPPER.readTree(r.out()).get("reservoirs").get("c");
        for (int n = 0; n < 4; n++) {
            assertEquals(0.0, c.get("cumulants").get(n).asDouble(), 0.0, "kappa_" + (n + 1));
            assertEquals(0.0, c.get("resolution").get(n).asDouble(), 0.0, "resolution of kappa_" + (n + 1));
        }
        assertEquals(0.0, Json.MAPPER.readTree(r.out()).get("entropyProduction").asDouble(-1), 0.0);
        QarCliTest.Result text = QarCliTest.run("exact", "--process", f.toString());
        assertTrue(text.out().contains("\n  c                               0                      0                0                0\n"),
                text.out());
    }
}
