#pragma once

// A historical report as a page to print (docs/reports.md "PDF"): a title, the periods' bars
// (SVG, no script), a table of the figures people read with the total, in the reader's language
// and digits, right to left for Persian and Arabic. Pure: the PDF is made from it elsewhere
// (pdf::html_to_pdf through ApiOptions::render_pdf).

#include <string>
#include <vector>

#include "api/users.h"
#include "reports/period_sums.h"
#include "reports/periods.h"
#include "stats/kpi.h"

namespace markaz::api {

/// A queue or an agent beside the report, its total over the range.
struct RankedRow {
    std::string id;
    stats::KpiCounters counters;
    acd::ServiceLevelFormula formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
};

/// How the chart of the periods is drawn: SVG in the page (a PDF, a browser), or an image the
/// page names by Content-ID, sent beside it (an e-mail: mail readers show no SVG).
enum class ChartForm { Svg, MailImage };
/// The Content-ID of the chart in ChartForm::MailImage.
inline constexpr const char* kChartContentId = "chart@markaz";

struct ReportDocument {
    std::string scope_kind;  ///< "centre", "queue", "agent", "team"
    std::string scope_id;
    std::vector<reports::Period> periods;
    std::vector<stats::KpiCounters> sums;  ///< one per period
    acd::ServiceLevelFormula formula = acd::ServiceLevelFormula::AnsweredAndAbandoned;
    Language language = Language::En;
    std::string time_zone;
    WallTime made;
    reports::Grain grain = reports::Grain::Day;
    reports::Calendar calendar = reports::Calendar::Gregorian;
    std::vector<RankedRow> queues;  ///< the centre's report: its queues, most answered first
    std::vector<RankedRow> agents;  ///< the centre's and a queue's: the agents, likewise
    /// The range by local weekday and hour, for the heatmap.
    reports::WeekHours week_hours{std::chrono::Monday};
};

std::string report_html(const ReportDocument& document, ChartForm chart = ChartForm::Svg);
/// "Report — queue sales · 1405-09-15 – 1405-09-21" in the document's language and digits: a
/// mail's subject.
std::string report_title(const ReportDocument& document);
/// The totals as lines of text ("Offered: ۱۲۰"), for mail readers that show no HTML.
std::string report_text(const ReportDocument& document);

/// The chart alone, as a page sized to it: what becomes the image of ChartForm::MailImage.
std::string report_chart_html(const ReportDocument& document);
/// The chart's size in CSS pixels.
inline constexpr int kChartWidth = 700;
inline constexpr int kChartHeight = 180;

}  // namespace markaz::api
