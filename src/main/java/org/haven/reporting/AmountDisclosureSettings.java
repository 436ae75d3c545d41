package org.haven.reporting;

import org.haven.reporting.disclosure.DominanceRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dominance rule for published amounts ({@code haven.reporting.dominance.*}), see {@link DominanceRule}.
 *
 * @param n     how many of the largest contributions are compared (default 2)
 * @param share the largest share of a sum they may make up before it is withheld (default 0.85)
 */
@ConfigurationProperties("haven.reporting.dominance")
public record AmountDisclosureSettings(@DefaultValue("2") int n, @DefaultValue("0.85") double share) {

    public AmountDisclosureSettings {
        new DominanceRule(n, share); // validates
    }

    public DominanceRule rule() {
        return new DominanceRule(n, share);
    }
}
