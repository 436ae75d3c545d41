package org.haven.prevention;

import java.time.LocalDate;
import java.util.Map;

/**
 * Where survivors were recruited, as counts only: the port through which targeting reads case data without touching
 * the cases module's tables. Implemented by {@code CaseRecruitment} over {@code org.haven.cases.CaseStatistics};
 * when no implementation is present, targeting shows outreach only and says that recruitment data is unavailable.
 */
public interface RecruitmentSource {

    /**
     * Distinct survivors by gazetteer code of the place of recruitment (any level: village, commune, district,
     * province or another country's code), for recruitment that started between {@code from} and {@code to}
     * inclusive. Unsuppressed: the caller suppresses small counts before showing anything.
     */
    Map<String, Long> recruitmentCountsByPlace(LocalDate from, LocalDate to);
}
