package org.haven.prosecution.web;

import java.util.ArrayList;
import java.util.List;

import org.haven.prosecution.Attrition;

/**
 * Geometry of the funnel chart, computed on the server so the page needs no script and no chart library: one
 * horizontal bar per step, width proportional to the count (suppressed cells drawn as a hatched stub).
 */
final class FunnelChart {

    static final int WIDTH = 600;
    static final int ROW = 34;

    /** One bar: y offset, width in px, the count (null when suppressed), message key of the step. */
    record Bar(String step, int y, int width, Integer count, boolean suppressed) {
    }

    static List<Bar> bars(Attrition.Funnel funnel) {
        List<Integer> steps = funnel.steps();
        int max = Math.max(1, steps.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Integer c = steps.get(i);
            int w = c == null ? 12 : (int) Math.round((double) c / max * WIDTH);
            bars.add(new Bar(Attrition.STEPS.get(i), i * ROW, Math.max(w, c == null || c == 0 ? w : 2), c, c == null));
        }
        return bars;
    }

    private FunnelChart() {
    }
}
