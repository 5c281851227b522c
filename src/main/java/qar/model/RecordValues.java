package qar.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Value semantics for records that hold arrays: a record's own equals, hashCode and toString compare,
 * hash and print an array component by identity ("[D@1b6d3586"), so two equal results compare
 * unequal. Records with an array component delegate the three to these, which read the components
 * through their accessors and treat arrays by content (nested arrays too). Not for hot paths.
 */
public final class RecordValues {
    private RecordValues() {
    }

    /** Whether {@code other} is a record of the same class whose components equal {@code r}'s by content. */
    public static boolean equal(Record r, Object other) {
        if (r == other) {
            return true;
        }
        if (other == null || other.getClass() != r.getClass()) {
            return false;
        }
        return Arrays.deepEquals(components(r), components((Record) other));
    }

    /** A hash of the components, arrays by content. */
    public static int hash(Record r) {
        return Arrays.deepHashCode(components(r));
    }

    /** As a record prints itself, {@code Name[a=1, b=[1.0, 2.0]]}, arrays by content. */
    public static String text(Record r) {
        RecordComponent[] rc = r.getClass().getRecordComponents();
        Object[] values = components(r);
        StringJoiner j = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        for (int i = 0; i < rc.length; i++) {
            String v = Arrays.deepToString(new Object[] {values[i]});
            j.add(rc[i].getName() + "=" + v.substring(1, v.length() - 1));
        }
        return j.toString();
    }

    private static Object[] components(Record r) {
        RecordComponent[] rc = r.getClass().getRecordComponents();
        Object[] out = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            Method accessor = rc[i].getAccessor();
            try {
                // records of other packages may be package-private
                accessor.setAccessible(true);
                out[i] = accessor.invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + rc[i].getName() + " of " + r.getClass().getName(), e);
            }
        }
        return out;
    }
}
