#pragma once

// A historical report as a page to print (docs/reports.md "PDF"): a title, the periods' bars
// (SVG, no script), a table of the figures people read with the total, in the reader's language
// and digits, right to left for Persian and Arabic. Pure: the PDF is made from it elsewhere
// (pdf::html_to_pdf through ApiOptions::render_pdf).

#include <string>
#include <vector>

#include "api/users.h"
#include "reports/periods.h"
#include "stats/kpi.h"

namespace markaz::api {

struct ReportDocument {
    std::string scope_kind;  ///< "centre", "queue", "agent"
    std::string scope_id;
    std::vector<reports::Period> periods;
    std::vector<stats::KpiCounters> sums;  ///< one per period
    acd::ServiceLevelFormula formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    Language language = Language::En;
    std::string time_zone;
    WallTime made;
};

std::string report_html(const ReportDocument& document);

}  // namespace markaz::api
