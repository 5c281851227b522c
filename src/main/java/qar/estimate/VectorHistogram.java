package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of integer vectors (the quanta exchanged with every reservoir in one window). Sparse: a
 * hash map from vector to count, with a reusable probe key so that counting a vector already seen
 * allocates nothing; the zero vector, the commonest in short windows, has its own counter. Exact,
 * so combining is lossless. Not thread-safe.
 */
public final class VectorHistogram {
    private final int dimension;
    private final HashMap<Key, long[]> counts = new HashMap<>();
    private final Key probe;
    private long zeros;
    private long total;

    private VectorHistogram(int dimension) {
        this.dimension = dimension;
        probe = new Key(new long[dimension]);
    }

    public static VectorHistogram create(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        return new VectorHistogram(dimension);
    }

    public void accept(long[] v) {
        add(v, 1);
    }

    private void add(long[] v, long n) {
        total += n;
        boolean zero = true;
        for (int i = 0; i < dimension; i++) {
            zero &= v[i] == 0;
        }
        if (zero) {
            zeros += n;
            return;
        }
        System.arraycopy(v, 0, probe.v, 0, dimension);
        probe.rehash();
        long[] c = counts.get(probe);
        if (c == null) {
            counts.put(new Key(Arrays.copyOf(v, dimension)), new long[] {n});
        } else {
            c[0] += n;
        }
    }

    public VectorHistogram combine(VectorHistogram other) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("dimensions differ");
        }
        zeros += other.zeros;
        total += other.zeros;
        for (Map.Entry<Key, long[]> e : other.counts.entrySet()) {
            add(e.getKey().v, e.getValue()[0]);
        }
        return this;
    }

    /** Writes the exact state (see {@link #read}): the nonzero vectors in lexicographic order. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(dimension);
        out.writeLong(zeros);
        out.writeLong(total);
        Map<long[], Long> e = entries();
        out.writeInt(e.size());
        for (Map.Entry<long[], Long> x : e.entrySet()) {
            for (long v : x.getKey()) {
                out.writeLong(v);
            }
            out.writeLong(x.getValue());
        }
    }

    /** The histogram {@link #write} wrote. */
    public static VectorHistogram read(DataInput in) throws IOException {
        int d = in.readInt();
        if (d < 1 || d > 1 << 16) {
            throw new IOException("bad dimension " + d);
        }
        VectorHistogram h = new VectorHistogram(d);
        h.zeros = in.readLong();
        long total = in.readLong();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("bad number of vectors " + n);
        }
        for (int k = 0; k < n; k++) {
            long[] v = new long[d];
            for (int i = 0; i < d; i++) {
                v[i] = in.readLong();
            }
            h.counts.put(new Key(v), new long[] {in.readLong()});
        }
        h.total = total;
        return h;
    }

    public int dimension() {
        return dimension;
    }

    public long total() {
        return total;
    }

    public long count(long[] v) {
        boolean zero = true;
        for (long x : v) {
            zero &= x == 0;
        }
        if (zero) {
            return zeros;
        }
        long[] c = counts.get(new Key(v.clone()));
        return c == null ? 0 : c[0];
    }

    /** The nonzero vectors seen, in lexicographic order, with their counts. */
    public Map<long[], Long> entries() {
        TreeMap<long[], Long> out = new TreeMap<>(Arrays::compare);
        for (Map.Entry<Key, long[]> e : counts.entrySet()) {
            out.put(e.getKey().v.clone(), e.getValue()[0]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VectorHistogram h) || h.dimension != dimension || h.zeros != zeros || h.total != total
                || h.counts.size() != counts.size()) {
            return false;
        }
        for (Map.Entry<Key, long[]> e : counts.entrySet()) {
            long[] c = h.counts.get(e.getKey());
            if (c == null || c[0] != e.getValue()[0]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) * 31 + counts.size();
    }

    /** A vector as a map key; only the probe is ever changed, and only while it is not in the map. */
    private static final class Key {
        final long[] v;
        private int hash;

        Key(long[] v) {
            this.v = v;
            rehash();
        }

        void rehash() {
            hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.v, v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
