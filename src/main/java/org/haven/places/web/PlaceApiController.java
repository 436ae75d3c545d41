package org.haven.places.web;

import java.util.List;

import org.haven.places.Gazetteer;
import org.haven.places.Level;
import org.haven.places.Place;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/places}: gazetteer search and lookup for signed-in users and API clients. */
@RestController
@RequestMapping("/api/v1/places")
class PlaceApiController {

    record PlacePage(List<Place> items, int page, int size, boolean hasMore) {
    }

    record PlaceDetail(Place place, List<Place> ancestors, List<Place> children) {
    }

    private final Gazetteer gazetteer;

    PlaceApiController(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    @GetMapping
    PlacePage search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String level,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Level lvl = parseLevel(level);
        if (page < 0 || size < 1 || size > 100) {
            throw InvalidInput.of("size", "places.paging", "page >= 0 and size 1-100");
        }
        // One extra row tells whether a next page exists without counting every match.
        List<Place> found = gazetteer.search(q, lvl, page * size, size + 1);
        boolean more = found.size() > size;
        return new PlacePage(more ? found.subList(0, size) : found, page, size, more);
    }

    @GetMapping("/{code}")
    PlaceDetail get(@PathVariable String code) {
        Place place = gazetteer.find(code).orElseThrow(() -> new NotFound("place"));
        return new PlaceDetail(place, gazetteer.ancestors(code), gazetteer.children(code));
    }

    static Level parseLevel(String level) {
        try {
            return Level.parseOrNull(level);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("level", "places.level", "level must be one of country, province, district, commune, village");
        }
    }
}
