package org.haven.security;

/** What a user wants to do to a record, as {@link AccessPolicy} is asked. */
public enum AccessAction {
    READ, CREATE, UPDATE, DELETE,
    /** Give another organisation access (referral, share). */
    SHARE,
    /** Take the record out of Haven (export, print). */
    EXPORT
}
