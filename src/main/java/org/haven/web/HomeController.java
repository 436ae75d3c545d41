package org.haven.web;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.haven.security.CurrentUser;
import org.haven.shared.web.HomePanel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in home page: a greeting, the user's organisation and roles, and the panels their roles see. */
@Controller
class HomeController {

    record ShownPanel(String titleKey, String fragment, Map<String, Object> data) {
    }

    private final List<HomePanel> panels;

    HomeController(List<HomePanel> panels) {
        this.panels = panels.stream().sorted(Comparator.comparingInt(HomePanel::order)).toList();
    }

    @GetMapping("/")
    String home(Model model) {
        CurrentUser user = CurrentUser.require();
        Collection<String> authorities = LayoutModel.authorities();
        model.addAttribute("user", user);
        model.addAttribute("panels", panels.stream().filter(p -> p.visibleTo(authorities))
                .map(p -> new ShownPanel(p.titleKey(), p.fragment(), p.model())).toList());
        return "home";
    }
}
