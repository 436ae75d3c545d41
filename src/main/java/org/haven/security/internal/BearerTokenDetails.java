package org.haven.security.internal;

import java.io.Serializable;
import java.util.UUID;

/** Authentication details of a bearer-authenticated API request: which token it used. */
public record BearerTokenDetails(UUID tokenId) implements Serializable {
}
