package org.haven.prevention.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.haven.places.Level;
import org.haven.prevention.Targeting;
import org.haven.shared.web.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Targeting: recruitment against outreach by area, with a ranked gap list, a server-drawn chart and CSV export. */
@Controller
@PreAuthorize("hasAuthority('OUTREACH_READ')")
class TargetingController {

    /** One row of the SVG chart, pre-computed so the template only places elements. */
    record ChartRow(String label, int y, int recruitedWidth, String recruitedText, int outreachWidth,
            String outreachText) {
    }

    static final int CHART_ROWS = 15;
    static final int BAR_MAX = 260;

    private final Targeting targeting;

    TargetingController(Targeting targeting) {
        this.targeting = targeting;
    }

    @GetMapping("/outreach/targeting")
    String page(@RequestParam(defaultValue = "PROVINCE") String level, @RequestParam(required = false) String within,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        LocalDate end = to == null ? org.haven.shared.HavenClock.today() : to;
        LocalDate start = from == null ? end.minusYears(3) : from;
        model.addAttribute("levels", List.of(Level.PROVINCE, Level.DISTRICT, Level.COMMUNE));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("within", within);
        try {
            Targeting.Report report = targeting.report(parse(level), within, start, end);
            model.addAttribute("report", report);
            model.addAttribute("chart", chart(report));
            model.addAttribute("chartHeight", 40 + 30 * Math.min(CHART_ROWS, report.gaps().size()));
        } catch (InvalidInput e) {
            model.addAttribute("error", e.errors().get(0).code());
            model.addAttribute("level", level);
        }
        return "prevention/targeting";
    }

    @GetMapping("/outreach/targeting.csv")
    ResponseEntity<String> csv(@RequestParam(defaultValue = "PROVINCE") String level,
            @RequestParam(required = false) String within,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Targeting.Report report = targeting.report(parse(level), within, from, to);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"targeting-" + report.level()
                        .name().toLowerCase() + "-" + from + "-" + to + ".csv\"")
                .body(targeting.csv(report));
    }

    private static Level parse(String level) {
        try {
            return Level.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("level", "targeting.error.level", "province, district or commune");
        }
    }

    /** The top gap areas: recruitment bar (suppressed counts drawn as a stub, labelled "<11") and activity bar. */
    static List<ChartRow> chart(Targeting.Report report) {
        List<Targeting.Area> top = report.gaps().stream().limit(CHART_ROWS).toList();
        long maxRecruited = Math.max(report.threshold(),
                top.stream().mapToLong(Targeting.Area::recruitedForRanking).max().orElse(1));
        long maxActivities = Math.max(1, report.areas().stream().mapToInt(Targeting.Area::activities).max().orElse(1));
        List<ChartRow> rows = new ArrayList<>();
        int y = 30;
        for (Targeting.Area a : top) {
            int rw = a.suppressed() ? 4 : (int) Math.max(2, BAR_MAX * a.recruitedForRanking() / maxRecruited);
            int ow = a.activities() == 0 ? 0 : (int) Math.max(2, BAR_MAX * a.activities() / maxActivities);
            rows.add(new ChartRow(a.name(), y, rw, a.recruitedShown(), ow, Integer.toString(a.activities())));
            y += 30;
        }
        return rows;
    }
}
