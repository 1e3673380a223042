package dev.guanxi.crm.analytics.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the shared validation data sets ({@code ../shared/datasets}, or {@code -Dguanxi.datasets=DIR}). */
final class Datasets {

    private Datasets() {
    }

    static Path file(String relative) {
        Path dir = Path.of(System.getProperty("guanxi.datasets", "../shared/datasets"));
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("validation data set missing: " + file.toAbsolutePath()
                    + " (set -Dguanxi.datasets=<shared/datasets>)");
        }
        return file;
    }

    static List<String> lines(String relative) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file(relative), StandardCharsets.UTF_8)) {
                String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cdnow_customers_summary_with_transactions.csv: columns ID, x, t_x, T, zbar (weeks, 2,357 customers). */
    record Cdnow(int[] id, double[] x, double[] tx, double[] age, double[] zbar) {
    }

    static Cdnow cdnow() {
        List<String> lines = lines("cdnow/cdnow_customers_summary_with_transactions.csv");
        int n = lines.size() - 1;
        Cdnow data = new Cdnow(new int[n], new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            data.id()[i] = Integer.parseInt(f[0]);
            data.x()[i] = Double.parseDouble(f[1]);
            data.tx()[i] = Double.parseDouble(f[2]);
            data.age()[i] = Double.parseDouble(f[3]);
            data.zbar()[i] = Double.parseDouble(f[4]);
        }
        return data;
    }

    /** Baskets as item ids, with the labels of the ids (id = index), items split on {@code separator}. */
    record Baskets(List<int[]> baskets, List<String> labels) {

        int id(String label) {
            int id = labels.indexOf(label);
            if (id < 0) {
                throw new IllegalArgumentException("unknown item " + label);
            }
            return id;
        }

        int[] ids(String... labels) {
            int[] ids = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                ids[i] = id(labels[i]);
            }
            java.util.Arrays.sort(ids);
            return ids;
        }
    }

    static Baskets baskets(String relative, String separator) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> labels = new ArrayList<>();
        List<int[]> baskets = new ArrayList<>();
        for (String line : lines(relative)) {
            String[] items = line.split(separator);
            int[] basket = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                basket[i] = ids.computeIfAbsent(items[i], label -> {
                    labels.add(label);
                    return labels.size() - 1;
                });
            }
            baskets.add(basket);
        }
        return new Baskets(baskets, labels);
    }
}
