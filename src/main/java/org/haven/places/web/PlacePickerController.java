package org.haven.places.web;

import org.haven.places.Gazetteer;
import org.haven.shared.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Search results for the place picker ({@code templates/places/picker.html}, {@code static/js/places.js}): an HTML
 * fragment of options. Public, because the anonymous tip form uses the picker; gazetteer data is public.
 */
@Controller
class PlacePickerController {

    private static final int RESULTS = 12;

    private final Gazetteer gazetteer;

    PlacePickerController(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    @GetMapping("/places/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String level,
            Model model) {
        // Bounded input: a picker query is a place name, not a document.
        String query = q.length() > 100 ? q.substring(0, 100) : q;
        org.haven.places.Level lvl;
        try {
            lvl = org.haven.places.Level.parseOrNull(level);
        } catch (IllegalArgumentException e) {
            lvl = null; // a picker with a mistyped level still searches every level
        }
        model.addAttribute("places", gazetteer.search(query, lvl, RESULTS));
        model.addAttribute("query", query);
        return "places/picker :: results";
    }

    @Configuration(proxyBeanMethods = false)
    static class Paths {
        @Bean
        PublicPaths placesPublicPaths() {
            return PublicPaths.of("/places/search");
        }
    }
}
