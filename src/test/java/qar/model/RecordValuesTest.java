package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import qar.sample.ReplicaResult;
import qar.sample.Watch;

/** Records that hold arrays compare, hash and print them by content. */
class RecordValuesTest {
    private record Nested(String name, double[][] grid) {
    }

    @Test
    void equalContentsInDistinctArraysAreEqual() {
        ReplicaResult a = new ReplicaResult(3, 1, 2, new long[] {4, -5}, new long[] {7, 8});
        ReplicaResult b = new ReplicaResult(3, 1, 2, new long[] {4, -5}, new long[] {7, 8});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new ReplicaResult(3, 1, 2, new long[] {4, -5}, new long[] {7, 9}));
        assertNotEquals(a, new ReplicaResult(4, 1, 2, new long[] {4, -5}, new long[] {7, 8}));
        assertNotEquals(a, null);
        assertEquals("ReplicaResult[index=3, startLevel=1, endLevel=2, energy=[4, -5], jumps=[7, 8]]", a.toString());
        assertEquals("Watch[label=c, channels=[true, false]]", new Watch("c", new boolean[] {true, false}).toString());
    }

    /** Nested arrays by content; doubles as Double.equals does (NaN equals NaN, 0.0 differs from -0.0). */
    @Test
    void nestedArraysAndSpecialDoubles() {
        Nested a = new Nested("x", new double[][] {{1, Double.NaN}, {0.0}});
        assertTrue(RecordValues.equal(a, new Nested("x", new double[][] {{1, Double.NaN}, {0.0}})));
        assertEquals(RecordValues.hash(a), RecordValues.hash(new Nested("x", new double[][] {{1, Double.NaN}, {0.0}})));
        assertTrue(!RecordValues.equal(a, new Nested("x", new double[][] {{1, Double.NaN}, {-0.0}})));
        assertEquals("Nested[name=x, grid=[[1.0, NaN], [0.0]]]", RecordValues.text(a));
    }

    /** Every record of qar with an array component declares equals, hashCode and toString (not the identity ones). */
    @Test
    void everyRecordWithAnArrayDeclaresItsValueMethods() throws Exception {
        Path root = Path.of(RecordValues.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (!c.isRecord() || Arrays.stream(c.getRecordComponents()).noneMatch(rc -> rc.getType().isArray())) {
                    continue;
                }
                checked++;
                // the implicit members a record gets are final; declared ones here are not
                if (Modifier.isFinal(c.getDeclaredMethod("equals", Object.class).getModifiers())
                        || Modifier.isFinal(c.getDeclaredMethod("hashCode").getModifiers())
                        || Modifier.isFinal(c.getDeclaredMethod("toString").getModifiers())) {
                    missing.add(name);
                }
            }
        }
        assertTrue(checked >= 20, "found the records: " + checked);
        assertEquals(List.of(), missing);
    }
}
