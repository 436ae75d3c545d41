package org.haven.prosecution.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.haven.prosecution.internal.Notifier;
import org.haven.security.CurrentUser;
import org.haven.shared.web.HomePanel;
import org.springframework.stereotype.Component;

/** Home-page panel: unread prosecution notifications (hearings of one's survivors, non-punishment alerts). */
@Component
class NotificationPanel implements HomePanel {

    private final Notifier notifier;

    NotificationPanel(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String titleKey() {
        return "prosecution.panel.title";
    }

    /*
     * A whole template rather than "template :: selector": home.html inserts ~{${panel.fragment}}, which takes the
     * string as a template name (a selector would need ~{__${panel.fragment}__}).
     */
    @Override
    public String fragment() {
        return "prosecution/notifications-panel";
    }

    @Override
    public boolean visibleTo(Collection<String> authorities) {
        return authorities.contains("CASE_READ") || authorities.contains("PROCEEDING_READ");
    }

    @Override
    public Map<String, Object> model() {
        CurrentUser user = CurrentUser.require();
        List<Notifier.Note> notes = notifier.unread(user.userId(), user.organisationId(), user.roleNames(), 10);
        return Map.of("notes", notes);
    }
}
