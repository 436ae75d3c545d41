package org.haven.prevention;

import java.time.LocalDate;
import java.util.Map;

import org.haven.cases.CaseStatistics;
import org.springframework.stereotype.Component;

/** {@link RecruitmentSource} over the cases module's published aggregate (counts only; no case tables read here). */
@Component
class CaseRecruitment implements RecruitmentSource {

    private final CaseStatistics statistics;

    CaseRecruitment(CaseStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public Map<String, Long> recruitmentCountsByPlace(LocalDate from, LocalDate to) {
        return statistics.recruitmentCountsByPlace(from, to);
    }
}
