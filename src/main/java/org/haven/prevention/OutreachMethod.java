package org.haven.prevention;

/** How an outreach activity reached its audience. */
public enum OutreachMethod {
    DRAMA, ART, SCHOOL_SESSION, COMMUNITY_MEETING, TRAINING, RADIO_TV, SOCIAL_MEDIA, OTHER
}
