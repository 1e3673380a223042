package dev.guanxi.crm.analytics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Frequent itemsets by FP-Growth (Han, Pei and Yin 2000): two passes over the baskets build a compressed prefix tree
 * (items ordered by descending frequency), then the itemsets are grown recursively from conditional trees without
 * candidate generation. Items are int ids (for example product ids); an item repeated within a basket counts once.
 *
 * <p>Support follows arules: an itemset is frequent when count / baskets ≥ minSupport (the minimum count is
 * ⌈minSupport · baskets⌉, computed with a tolerance of 1e-9 against floating-point error).
 */
public final class FrequentItemsets {

    /** An itemset (ids ascending) and the number of baskets containing it. */
    public record Itemset(int[] items, int count) {

        /** count / transactions. */
        public double support(int transactions) {
            return (double) count / transactions;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Itemset other && count == other.count && Arrays.equals(items, other.items);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(items) + count;
        }

        @Override
        public String toString() {
            return Arrays.toString(items) + "×" + count;
        }
    }

    /**
     * The frequent itemsets of a run.
     *
     * @param itemsets     all frequent itemsets (of every length up to the maximum), in no particular order
     * @param transactions number of baskets mined (empty baskets included)
     * @param minCount     the minimum count that minSupport came to
     */
    public record Result(List<Itemset> itemsets, int transactions, int minCount) {
    }

    private FrequentItemsets() {
    }

    /** All frequent itemsets, of any length. */
    public static Result mine(List<int[]> baskets, double minSupport) {
        return mine(baskets, minSupport, Integer.MAX_VALUE);
    }

    /**
     * The frequent itemsets of at most {@code maxLength} items.
     *
     * @throws IllegalArgumentException if minSupport is not in (0, 1], maxLength &lt; 1 or a basket is null
     */
    public static Result mine(List<int[]> baskets, double minSupport, int maxLength) {
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new IllegalArgumentException("minimum support must be in (0, 1], was " + minSupport);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum itemset length must be at least 1, was " + maxLength);
        }
        int n = baskets.size();
        int minCount = Math.max(1, (int) Math.ceil(minSupport * n - 1e-9));
        // pass 1: item frequencies (ids compacted to 0..m-1)
        Map<Integer, Integer> compact = new HashMap<>();
        List<Integer> ids = new ArrayList<>();
        int[] counts = new int[16];
        int[][] encoded = new int[n][];
        for (int t = 0; t < n; t++) {
            int[] basket = baskets.get(t);
            if (basket == null) {
                throw new IllegalArgumentException("basket " + t + " is null");
            }
            int[] codes = new int[basket.length];
            int size = 0;
            for (int item : basket) {
                Integer code = compact.get(item);
                if (code == null) {
                    code = ids.size();
                    compact.put(item, code);
                    ids.add(item);
                    if (code == counts.length) {
                        counts = Arrays.copyOf(counts, counts.length * 2);
                    }
                }
                codes[size++] = code;
            }
            Arrays.sort(codes);
            int unique = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || codes[i] != codes[i - 1]) {
                    codes[unique++] = codes[i];
                    counts[codes[i]]++;
                }
            }
            encoded[t] = unique == codes.length ? codes : Arrays.copyOf(codes, unique);
        }
        // rank frequent items by descending count (ties by id, for determinism)
        int m = ids.size();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        final int[] c = counts;
        Arrays.sort(order, (x, y) -> c[x] != c[y] ? Integer.compare(c[y], c[x]) : Integer.compare(ids.get(x), ids.get(y)));
        int[] rankOf = new int[m];
        Arrays.fill(rankOf, -1);
        int frequent = 0;
        while (frequent < m && counts[order[frequent]] >= minCount) {
            rankOf[order[frequent]] = frequent;
            frequent++;
        }
        int[] itemOfRank = new int[frequent];
        for (int r = 0; r < frequent; r++) {
            itemOfRank[r] = ids.get(order[r]);
        }
        // pass 2: the FP-tree over ranks
        Tree tree = new Tree(frequent, 1024);
        int[] path = new int[Math.max(1, frequent)];
        for (int[] codes : encoded) {
            int length = 0;
            for (int code : codes) {
                if (rankOf[code] >= 0) {
                    path[length++] = rankOf[code];
                }
            }
            Arrays.sort(path, 0, length);
            tree.insert(path, length, 1);
        }
        int[] identity = new int[frequent];
        for (int i = 0; i < frequent; i++) {
            identity[i] = i;
        }
        List<Itemset> out = new ArrayList<>();
        new Miner(minCount, maxLength, itemOfRank, out).grow(tree, identity, new int[Math.min(frequent, maxLength) + 1], 0);
        return new Result(out, n, minCount);
    }

    /** FP-tree in parallel arrays; node 0 is the root. Local item indexes increase from the root downwards. */
    private static final class Tree {
        int size = 1;
        int[] item;
        int[] count;
        int[] parent;
        int[] next;
        int[] firstChild;
        int[] sibling;
        final int[] head;
        final int[] itemCount;
        /** Children of the root by item, so that inserting does not scan a wide root. */
        final int[] rootChild;

        Tree(int items, int capacity) {
            item = new int[capacity];
            count = new int[capacity];
            parent = new int[capacity];
            next = new int[capacity];
            firstChild = new int[capacity];
            sibling = new int[capacity];
            head = new int[items];
            itemCount = new int[items];
            rootChild = new int[items];
            Arrays.fill(head, -1);
            Arrays.fill(rootChild, -1);
            firstChild[0] = -1;
        }

        void insert(int[] path, int length, int weight) {
            int node = 0;
            for (int k = 0; k < length; k++) {
                int it = path[k];
                int child = node == 0 ? rootChild[it] : findChild(node, it);
                if (child < 0) {
                    child = add(node, it);
                    if (node == 0) {
                        rootChild[it] = child;
                    }
                }
                count[child] += weight;
                itemCount[it] += weight;
                node = child;
            }
        }

        private int findChild(int node, int it) {
            for (int child = firstChild[node]; child >= 0; child = sibling[child]) {
                if (item[child] == it) {
                    return child;
                }
            }
            return -1;
        }

        private int add(int parentNode, int it) {
            if (size == item.length) {
                int capacity = size * 2;
                item = Arrays.copyOf(item, capacity);
                count = Arrays.copyOf(count, capacity);
                parent = Arrays.copyOf(parent, capacity);
                next = Arrays.copyOf(next, capacity);
                firstChild = Arrays.copyOf(firstChild, capacity);
                sibling = Arrays.copyOf(sibling, capacity);
            }
            int node = size++;
            item[node] = it;
            count[node] = 0;
            parent[node] = parentNode;
            firstChild[node] = -1;
            sibling[node] = firstChild[parentNode];
            firstChild[parentNode] = node;
            next[node] = head[it];
            head[it] = node;
            return node;
        }
    }

    private record Miner(int minCount, int maxLength, int[] itemOfRank, List<Itemset> out) {

        /**
         * Emits suffix ∪ {i} for every item i of the tree and recurses into i's conditional tree.
         *
         * @param toRank local item index of {@code tree} → global rank
         * @param suffix global ranks of the current suffix in {@code suffix[0..depth)}
         */
        void grow(Tree tree, int[] toRank, int[] suffix, int depth) {
            int items = toRank.length;
            int[] localCount = new int[items];
            int[] path = new int[items];
            for (int i = items - 1; i >= 0; i--) {
                int support = tree.itemCount[i];
                if (support < minCount) {
                    continue;
                }
                suffix[depth] = toRank[i];
                emit(suffix, depth + 1, support);
                if (depth + 1 >= maxLength || i == 0) {
                    continue;
                }
                // conditional pattern base of i: prefix paths of its nodes, weighted by the node counts
                Arrays.fill(localCount, 0, i, 0);
                for (int node = tree.head[i]; node >= 0; node = tree.next[node]) {
                    int weight = tree.count[node];
                    for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) {
                        localCount[tree.item[p]] += weight;
                    }
                }
                int kept = 0;
                int[] newIndex = new int[i];
                for (int j = 0; j < i; j++) {
                    newIndex[j] = localCount[j] >= minCount ? kept++ : -1;
                }
                if (kept == 0) {
                    continue;
                }
                int[] subToRank = new int[kept];
                for (int j = 0; j < i; j++) {
                    if (newIndex[j] >= 0) {
                        subToRank[newIndex[j]] = toRank[j];
                    }
                }
                Tree conditional = new Tree(kept, 64);
                for (int node = tree.head[i]; node >= 0; node = tree.next[node]) {
                    int length = 0;
                    for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) {
                        int local = newIndex[tree.item[p]];
                        if (local >= 0) {
                            path[length++] = local;
                        }
                    }
                    // collected leaf → root: reverse to root → leaf order
                    for (int a = 0, b = length - 1; a < b; a++, b--) {
                        int tmp = path[a];
                        path[a] = path[b];
                        path[b] = tmp;
                    }
                    conditional.insert(path, length, tree.count[node]);
                }
                grow(conditional, subToRank, suffix, depth + 1);
            }
        }

        private void emit(int[] suffix, int length, int support) {
            int[] items = new int[length];
            for (int k = 0; k < length; k++) {
                items[k] = itemOfRank[suffix[k]];
            }
            Arrays.sort(items);
            out.add(new Itemset(items, support));
        }
    }
}
