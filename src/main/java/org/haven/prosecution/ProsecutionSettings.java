package org.haven.prosecution;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the prosecution module ({@code haven.prosecution.*}).
 *
 * @param smallCellThreshold counts from 1 to this minus one are suppressed for aggregate-only viewers (CTDC uses 11)
 */
@ConfigurationProperties("haven.prosecution")
public record ProsecutionSettings(@DefaultValue("11") int smallCellThreshold) {
}
