package dev.guanxi.crm.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. Lists never count a large table per page view: {@code total} is exact up to
 * {@link #COUNT_CAP} matching rows, beyond that it is {@code COUNT_CAP} with {@code totalCapped} set ("10,000+").
 * Lists that page by key give {@code next}: an opaque cursor for the page after this one (null on the last page and
 * on lists paged by number only).
 */
public record PageResult<T>(List<T> items, int page, int size, boolean hasNext, long total, boolean totalCapped,
                            String next) {

    public PageResult(List<T> items, int page, int size, boolean hasNext, long total, boolean totalCapped) {
        this(items, page, size, hasNext, total, totalCapped, null);
    }

    public static final int COUNT_CAP = 10_000;
    /** The total when it was not counted (a page view that loads the count separately). */
    public static final long UNKNOWN = -1;

    public boolean totalKnown() {
        return total >= 0;
    }

    /** Rejects a page number below 1 or a page size outside 1..200 as invalid input (400). */
    public static void checkRequest(int page, int size) {
        if (page < 1) {
            throw new InvalidInputException("page", "validation.page");
        }
        if (size < 1 || size > 200) {
            throw new InvalidInputException("size", "validation.page-size");
        }
    }

    /**
     * A page from a query that read up to {@code size + 1} rows: the extra row only tells that more follow. The
     * total is what was seen (plus one when more follow), flagged as a lower bound.
     */
    public static <T> PageResult<T> fromProbe(List<T> rows, int page, int size) {
        boolean hasNext = rows.size() > size;
        List<T> items = hasNext ? rows.subList(0, size) : rows;
        long seen = (long) (page - 1) * size + items.size();
        return new PageResult<>(List.copyOf(items), page, size, hasNext, hasNext ? seen + 1 : seen, hasNext);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public long lastPage() {
        if (!totalKnown()) {
            return hasNext ? page + 1 : page;
        }
        return Math.max(1, (total + size - 1) / size);
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, hasNext, total, totalCapped, next);
    }
}
