package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.descriptive.DoubleStatistics;

/**
 * The exact state of a commons-statistics {@link DoubleStatistics} of mean, variance, skewness and
 * kurtosis, written and restored bit for bit, so that a tally travels between processes and later
 * combines exactly as the original would. commons-statistics 1.1 offers no state accessors: the
 * state is the count and the primitive fields of the moment chain (FirstMoment ..
 * SumOfFourthDeviations), read by reflection. A library upgrade that changes them is caught by
 * the shard and resume tests ({@code ShardTest}, {@code ResumeTest}), not silently.
 */
final class StatisticsState {
    private StatisticsState() {
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("commons-statistics changed: no field " + name + " in " + c, e);
        }
    }

    private static final Field COUNT = field(DoubleStatistics.class, "count");
    private static final Field MOMENT = field(DoubleStatistics.class, "moment");
    private static final String[] UNUSED = {"min", "max", "sum", "product", "sumOfSquares", "sumOfLogs"};

    /** The moment object's primitive fields, from FirstMoment down, in declaration order. */
    private static List<Field> momentFields(Object moment) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = moment.getClass(); c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Object moment(DoubleStatistics s) throws IllegalAccessException {
        for (String name : UNUSED) {
            if (field(DoubleStatistics.class, name).get(s) != null) {
                throw new IllegalStateException("statistic " + name + " is kept but not written");
            }
        }
        return MOMENT.get(s);
    }

    static void write(DoubleStatistics s, DataOutput out) throws IOException {
        try {
            Object m = moment(s);
            out.writeLong(COUNT.getLong(s));
            List<Field> fields = momentFields(m);
            out.writeInt(fields.size());
            for (Field f : fields) {
                if (f.getType() == long.class) {
                    out.writeLong(f.getLong(m));
                } else if (f.getType() == double.class) {
                    out.writeLong(Double.doubleToRawLongBits(f.getDouble(m)));
                } else {
                    throw new IllegalStateException("commons-statistics changed: field " + f);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restores into {@code s}, a fresh statistics of the same kind. */
    static void read(DoubleStatistics s, DataInput in) throws IOException {
        try {
            Object m = moment(s);
            COUNT.setLong(s, in.readLong());
            List<Field> fields = momentFields(m);
            int n = in.readInt();
            if (n != fields.size()) {
                throw new IOException("moment state of " + n + " fields, expected " + fields.size());
            }
            for (Field f : fields) {
                long bits = in.readLong();
                if (f.getType() == long.class) {
                    f.setLong(m, bits);
                } else {
                    f.setDouble(m, Double.longBitsToDouble(bits));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
