package org.haven.security;

import java.util.List;

/**
 * One page of a list: the items, the zero-based page number, the page size and the total number of items.
 */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    public ListPage {
        items = List.copyOf(items);
    }

    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    /** Clamps a requested page size to 1..100 (lists are always paginated). */
    public static int clampSize(int size) {
        return Math.max(1, Math.min(size, 100));
    }
}
