#include "alerts/alert_text.h"

#include <array>
#include <cmath>

namespace markaz::alerts {
namespace {

enum Lang { En, Fa, Ar };

Lang lang_of(const std::string& language) {
    return language == "fa" ? Fa : language == "ar" ? Ar : En;
}

/// A measure's words: what is measured, and the bad side, in each language.
struct Words {
    std::array<const char*, 3> what;  ///< "%s" stands for the subject
    std::array<const char*, 3> bad_side;
};

Words words_of(Measure m) {
    switch (m) {
        case Measure::ServiceLevel:
            return {{"service level of %s", "سطح خدمت %s", "مستوى الخدمة في %s"},
                    {"below", "کمتر از", "أقل من"}};
        case Measure::AbandonRate:
            return {{"abandon rate of %s", "نرخ رهاشده %s", "معدل التخلي في %s"},
                    {"above", "بیشتر از", "أكثر من"}};
        case Measure::Waiting:
            return {{"callers waiting in %s", "تماس‌گیرندگان منتظر %s",
                     "المتصلون المنتظرون في %s"},
                    {"above", "بیشتر از", "أكثر من"}};
        case Measure::LongestWait:
            return {{"longest wait in %s", "طولانی‌ترین انتظار %s",
                     "أطول انتظار في %s"},
                    {"above", "بیشتر از", "أكثر من"}};
        case Measure::AgentsAvailable:
            return {{"agents available in %s", "کارشناسان آزاد %s", "الموظفون المتاحون في %s"},
                    {"below", "کمتر از", "أقل من"}};
        case Measure::AgentPaused:
            return {{"break of %s", "استراحت %s", "استراحة %s"}, {"over", "بیشتر از", "أكثر من"}};
        case Measure::BreaksToday:
            return {{"breaks today of %s", "استراحت امروز %s", "استراحات اليوم لـ %s"},
                    {"over", "بیشتر از", "أكثر من"}};
        case Measure::QaScore:
            return {{"QA score of %s", "امتیاز کیفیت %s", "درجة الجودة لـ %s"},
                    {"below", "کمتر از", "أقل من"}};
        case Measure::TrunkUnreachable:
            return {{"trunk %s unreachable", "ترانک %s در دسترس نیست", "الخط %s غير متاح"},
                    {"", "", ""}};
    }
    return {{"%s", "%s", "%s"}, {"", "", ""}};
}

/// A figure in the rule's unit: a share as "62 %", a time as m:ss, a count as it is.
std::string figure(Measure m, double value) {
    if (m == Measure::ServiceLevel || m == Measure::AbandonRate) {
        return std::to_string(static_cast<long>(std::lround(value * 100))) + "%";
    }
    if (m == Measure::QaScore) {
        return std::to_string(static_cast<long>(std::lround(value))) + "%";
    }
    if (m == Measure::LongestWait || m == Measure::AgentPaused || m == Measure::BreaksToday) {
        const long s = std::lround(value);
        const std::string ss = std::to_string(s % 60);
        return std::to_string(s / 60) + ":" + (ss.size() < 2 ? "0" + ss : ss);
    }
    return std::to_string(static_cast<long>(std::lround(value)));
}

std::string localized(const std::string& text, Lang l);

/// The sentence in language `l`, its figures in that language's digits; the subject (a queue,
/// an agent such as a1007, a trunk) as it is named.
std::string sentence(const AlertChange& c, Lang l) {
    static const std::array<const char*, 3> kCentre{"the centre", "مرکز", "المركز"};
    const Words w = words_of(c.measure);
    std::string what = w.what[l];
    what.replace(what.find("%s"), 2, c.subject.empty() ? kCentre[l] : c.subject);
    if (c.measure == Measure::TrunkUnreachable) {
        return what;  // no figure and no threshold: it answers or it does not
    }
    return what + " " + localized(figure(c.measure, c.value), l) + " (" + w.bad_side[l] + " " +
           localized(figure(c.measure, c.threshold), l) + ")";
}

std::string localized(const std::string& text, Lang l) {
    if (l == En) {
        return text;
    }
    // Persian ۰-۹ (U+06F0..), Arabic-Indic ٠-٩ (U+0660..): two UTF-8 bytes each.
    const unsigned char lead = 0xDB - (l == Ar ? 2 : 0);
    const unsigned char base = l == Ar ? 0xA0 : 0xB0;
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            out += static_cast<char>(lead);
            out += static_cast<char>(base + (c - '0'));
        } else if (c == '%' && l != En) {
            out += "٪";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string localized_digits(const std::string& text, const std::string& language) {
    return localized(text, lang_of(language));
}

std::string alert_subject(const AlertChange& change, const std::string& language) {
    static const std::array<const char*, 3> kRaised{"Alert: ", "هشدار: ", "تنبيه: "};
    static const std::array<const char*, 3> kCleared{"Cleared: ", "رفع شد: ", "زال: "};
    const Lang l = lang_of(language);
    const auto& head = change.kind == AlertChange::Kind::Raised ? kRaised : kCleared;
    return "[Markaz] " + std::string(head[l]) + sentence(change, l);
}

std::string alert_body(const AlertChange& change, const std::string& language) {
    static const std::array<const char*, 3> kRule{"Rule: ", "قاعده: ", "القاعدة: "};
    static const std::array<const char*, 3> kAt{"At: ", "زمان: ", "الوقت: "};
    const Lang l = lang_of(language);
    return sentence(change, l) + "\n" + kRule[l] + change.rule + "\n" + kAt[l] +
           utc_text(change.at, "%Y-%m-%d %H:%M:%S UTC") + "\n";
}

}  // namespace markaz::alerts
