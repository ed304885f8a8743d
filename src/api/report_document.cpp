#include "api/report_document.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "alerts/alert_text.h"

namespace markaz::api {
namespace {

enum Lang { En, Fa, Ar };

Lang lang_of(Language language) {
    return language == Language::Fa ? Fa : language == Language::Ar ? Ar : En;
}

std::string code_of(Lang l) {
    return l == Fa ? "fa" : l == Ar ? "ar" : "en";
}

/// Text for HTML: & < > " ' made entities (queue and agent names come from the configuration).
std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

struct Words {
    std::array<const char*, 3> text;
    const char* in(Lang l) const { return text[l]; }
};

const Words kCentreWord{{"the centre", "مرکز", "المركز"}};
const Words kQueueWord{{"queue", "صف", "قائمة"}};
const Words kAgentWord{{"agent", "کارشناس", "الموظف"}};
const Words kTeamWord{{"team of", "تیم", "فريق"}};
const Words kReportWord{{"Report", "گزارش", "تقرير"}};
const Words kTotalWord{{"Total", "جمع", "المجموع"}};
const Words kMadeWord{{"Made", "تهیه‌شده", "أُعدّ"}};
const Words kQueuesWord{{"Queues", "صف‌ها", "القوائم"}};
const Words kAgentsWord{{"Agents", "کارشناسان", "الموظفون"}};
const std::array<Words, 9> kColumns{{
    {{"Period", "دوره", "الفترة"}},
    {{"Offered", "ورودی", "الواردة"}},
    {{"Answered", "پاسخ داده", "المُجابة"}},
    {{"Abandoned", "رهاشده", "المتروكة"}},
    {{"Service level", "سطح خدمت", "مستوى الخدمة"}},
    {{"ASA", "میانگین انتظار", "متوسط الانتظار"}},
    {{"AHT", "میانگین رسیدگی", "متوسط المعالجة"}},
    {{"Abandon rate", "نرخ رهاشده", "معدل التخلي"}},
    {{"Occupancy", "اشغال", "الإشغال"}},
}};

std::string percent(const std::optional<double>& v) {
    return v ? std::to_string(std::lround(*v * 100)) + "%" : "–";
}

std::string clock(const std::optional<double>& seconds) {
    if (!seconds) {
        return "–";
    }
    const long s = std::lround(*seconds);
    const std::string ss = std::to_string(s % 60);
    return std::to_string(s / 60) + ":" + (ss.size() < 2 ? "0" + ss : ss);
}

std::string row(const std::string& label, const stats::KpiCounters& c,
                acd::ServiceLevelFormula formula, Lang l, const char* cell) {
    const stats::Kpis k = stats::compute_kpis(c, formula);
    const std::array<std::string, 9> cells{label,
                                           std::to_string(c.offered),
                                           std::to_string(c.answered),
                                           std::to_string(c.abandoned),
                                           percent(k.service_level),
                                           clock(k.asa_s),
                                           clock(k.aht_s),
                                           percent(k.abandon_rate),
                                           percent(k.occupancy)};
    std::string out = "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += std::string("<") + (i == 0 ? "th" : cell) + ">" +
               escaped(alerts::localized_digits(cells[i], code_of(l))) + "</" +
               (i == 0 ? "th" : cell) + ">";
    }
    return out + "</tr>\n";
}

/// Answered (dark) over offered (light) per period, as SVG bars: drawn by the page itself, so
/// the PDF needs no script.
std::string chart(const ReportDocument& d) {
    std::int64_t top = 1;
    for (const stats::KpiCounters& c : d.sums) {
        top = std::max(top, c.offered);
    }
    const double width = 680.0 / static_cast<double>(std::max<std::size_t>(d.sums.size(), 1));
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kChartWidth << "\" height=\""
        << kChartHeight << "\" role=\"img\">";
    for (std::size_t i = 0; i < d.sums.size(); ++i) {
        const double x = 10 + width * static_cast<double>(i);
        auto bar = [&](std::int64_t value, const char* colour) {
            const double h = 160.0 * static_cast<double>(value) / static_cast<double>(top);
            svg << "<rect x=\"" << x << "\" y=\"" << 170 - h << "\" width=\""
                << std::max(1.0, width * 0.8) << "\" height=\"" << h << "\" fill=\"" << colour
                << "\"/>";
        };
        bar(d.sums[i].offered, "#b9cfe6");
        bar(d.sums[i].answered, "#2f6da3");
    }
    svg << "</svg>";
    return svg.str();
}

std::string table_head(Lang l, const Words& first) {
    std::string out = "<table><thead><tr>";
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
        out += "<th>" + escaped((i == 0 ? first : kColumns[i]).in(l)) + "</th>";
    }
    return out + "</tr></thead><tbody>\n";
}

/// Queues or agents, one row each with their total over the range.
std::string ranked_table(const std::vector<RankedRow>& rows, const Words& title, Lang l) {
    if (rows.empty()) {
        return "";
    }
    std::string out = "<h2>" + escaped(title.in(l)) + "</h2>\n" + table_head(l, title);
    for (const RankedRow& r : rows) {
        out += row(r.id, r.counters, r.formula, l, "td");
    }
    return out + "</tbody></table>\n";
}

/// "Report — queue sales" in the document's language.
std::string heading(const ReportDocument& d, Lang l) {
    const Words& word = d.scope_kind == "queue"  ? kQueueWord
                        : d.scope_kind == "team" ? kTeamWord
                                                 : kAgentWord;
    const std::string who = d.scope_kind == "centre" ? std::string(kCentreWord.in(l))
                                                     : std::string(word.in(l)) + " " + d.scope_id;
    return std::string(kReportWord.in(l)) + " — " + who;
}

/// The first period's label to the last's, in the document's digits.
std::string span_of(const ReportDocument& d, Lang l) {
    if (d.periods.empty()) {
        return "";
    }
    // Intervals are named by their day ("1405-09-15 08:00"): the span is of days.
    auto day_of = [&](const std::string& label) {
        return d.grain == reports::Grain::Interval ? label.substr(0, label.find(' ')) : label;
    };
    const std::string first = day_of(d.periods.front().label);
    const std::string last = day_of(d.periods.back().label);
    return alerts::localized_digits(first == last ? first : first + " – " + last, code_of(l));
}

}  // namespace

std::string report_title(const ReportDocument& d) {
    const Lang l = lang_of(d.language);
    return heading(d, l) + " · " + span_of(d, l);
}

std::string report_text(const ReportDocument& d) {
    const Lang l = lang_of(d.language);
    stats::KpiCounters total;
    for (const stats::KpiCounters& c : d.sums) {
        total += c;
    }
    const stats::Kpis k = stats::compute_kpis(total, d.formula);
    const std::array<std::string, 9> values{span_of(d, l),
                                            std::to_string(total.offered),
                                            std::to_string(total.answered),
                                            std::to_string(total.abandoned),
                                            percent(k.service_level),
                                            clock(k.asa_s),
                                            clock(k.aht_s),
                                            percent(k.abandon_rate),
                                            percent(k.occupancy)};
    std::string out = heading(d, l) + "\n\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += std::string(kColumns[i].in(l)) + ": " +
               alerts::localized_digits(values[i], code_of(l)) + "\n";
    }
    return out;
}

std::string report_chart_html(const ReportDocument& d) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><style>html,body{margin:0;"
           "background:#fff}</style></head><body>" +
           chart(d) + "</body></html>\n";
}

std::string report_html(const ReportDocument& d, ChartForm form) {
    const Lang l = lang_of(d.language);
    const std::string lang = code_of(l);
    std::ostringstream html;
    html << "<!doctype html>\n<html lang=\"" << lang << "\" dir=\"" << (l == En ? "ltr" : "rtl")
         << "\"><head><meta charset=\"utf-8\"><title>" << escaped(kReportWord.in(l)) << "</title>"
         << "<style>body{font-family:'Vazirmatn','Noto Sans Arabic','DejaVu Sans',sans-serif;"
            "margin:24px;color:#1b2733}h1{font-size:20px}table{border-collapse:collapse;"
            "width:100%;font-size:12px}th,td{border:1px solid #c8d2dc;padding:4px 6px;"
            "text-align:start}thead th{background:#eef3f8}tfoot{font-weight:bold}"
            "h2{font-size:15px;margin-top:20px}p{color:#56636f;font-size:11px}</style></"
            "head><body>\n";
    html << "<h1>" << escaped(heading(d, l)) << "</h1>\n";
    html << "<p>" << escaped(span_of(d, l)) << " · "
         << escaped(d.time_zone.empty() ? "UTC" : d.time_zone) << "</p>\n";
    if (form == ChartForm::Svg) {
        html << chart(d) << "\n";
    } else {
        html << "<img src=\"cid:" << kChartContentId << "\" width=\"" << kChartWidth
             << "\" height=\"" << kChartHeight << "\" alt=\"\">\n";
    }
    html << table_head(l, kColumns[0]);
    stats::KpiCounters total;
    for (std::size_t i = 0; i < d.periods.size(); ++i) {
        html << row(d.periods[i].label, d.sums[i], d.formula, l, "td");
        total += d.sums[i];
    }
    html << "</tbody><tfoot>" << row(kTotalWord.in(l), total, d.formula, l, "td") << "</tfoot>";
    html << "</table>\n"
         << ranked_table(d.queues, kQueuesWord, l) << ranked_table(d.agents, kAgentsWord, l)
         << "<p>" << escaped(kMadeWord.in(l)) << " "
         << escaped(utc_text(d.made, "%Y-%m-%d %H:%M UTC")) << "</p></body></html>\n";
    return html.str();
}

}  // namespace markaz::api
