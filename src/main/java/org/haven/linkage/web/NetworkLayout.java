package org.haven.linkage.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.linkage.OffenderNetwork.Kind;
import org.haven.linkage.OffenderNetwork.Network;
import org.haven.linkage.OffenderNetwork.Node;

/**
 * Server-side layout of the network for an inline SVG (no script, no external request): each connected group on its
 * own circle — people on an inner ring, phones, places and proceedings on an outer one — groups flowed left to right
 * in rows. At most {@value #MAX_GROUPS} groups and {@value #MAX_NODES} nodes are drawn; the tables list everything.
 */
final class NetworkLayout {

    static final int WIDTH = 960;
    static final int MAX_GROUPS = 40;
    static final int MAX_NODES = 800;

    record Dot(double x, double y, double r, String fill, String label, String title) {
    }

    record Line(double x1, double y1, double x2, double y2) {
    }

    /** {@code partial} when not every group fits: then {@code drawnGroups} of {@code groups} and {@code drawnNodes} of {@code nodes} are drawn. */
    record Drawing(int width, int height, List<Dot> dots, List<Line> lines, boolean partial, int drawnGroups,
            int groups, int drawnNodes, int nodes) {
    }

    static Drawing draw(Network n) {
        Map<Integer, List<Node>> groups = new LinkedHashMap<>();
        for (Node node : n.nodes()) {
            groups.computeIfAbsent(node.group(), k -> new ArrayList<>()).add(node);
        }
        Map<String, double[]> at = new HashMap<>();
        List<Dot> dots = new ArrayList<>();
        double x = 0;
        double y = 0;
        double rowHeight = 0;
        int drawn = 0;
        int groupCount = 0;
        boolean partial = false;
        for (List<Node> members : groups.values()) {
            if (groupCount >= MAX_GROUPS || drawn + members.size() > MAX_NODES) {
                partial = true;
                break;
            }
            groupCount++;
            List<Node> inner = members.stream().filter(m -> m.kind() == Kind.PERSON).toList();
            List<Node> outer = members.stream().filter(m -> m.kind() != Kind.PERSON).toList();
            double rOuter = Math.max(40, outer.size() * 9);
            double rInner = inner.size() <= 1 ? 0 : Math.max(20, Math.min(rOuter - 25, inner.size() * 8));
            double size = 2 * rOuter + 80;
            if (x + size > WIDTH && x > 0) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            double cx = x + size / 2;
            double cy = y + size / 2;
            ring(inner, rInner, cx, cy, at, dots);
            ring(outer, rOuter, cx, cy, at, dots);
            x += size;
            rowHeight = Math.max(rowHeight, size);
            drawn += members.size();
        }
        List<Line> lines = new ArrayList<>();
        for (var e : n.edges()) {
            double[] a = at.get(e.from());
            double[] b = at.get(e.to());
            if (a != null && b != null) {
                lines.add(new Line(a[0], a[1], b[0], b[1]));
            }
        }
        return new Drawing(WIDTH, (int) Math.max(80, y + rowHeight), dots, lines, partial, groupCount,
                groups.size(), drawn, n.nodes().size());
    }

    private static void ring(List<Node> nodes, double r, double cx, double cy, Map<String, double[]> at,
            List<Dot> dots) {
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            double angle = 2 * Math.PI * i / Math.max(1, nodes.size()) - Math.PI / 2;
            double px = Math.round((cx + r * Math.cos(angle)) * 10) / 10.0;
            double py = Math.round((cy + r * Math.sin(angle)) * 10) / 10.0;
            at.put(node.id(), new double[] {px, py});
            double radius = node.kind() == Kind.PERSON ? 5 + Math.min(8, node.degree()) : 5;
            dots.add(new Dot(px, py, radius, fill(node.kind()), node.kind() == Kind.PERSON ? node.label() : null,
                    node.label()));
        }
    }

    static String fill(Kind kind) {
        switch (kind) {
            case PERSON:
                return "#b3261e";
            case PHONE:
                return "#1d4ed8";
            case PLACE:
                return "#15803d";
            default:
                return "#6b7280";
        }
    }

    private NetworkLayout() {
    }
}
