#pragma once

// An alert in words, for mail (docs/alerts.md "E-mail"): English, Persian or Arabic, the
// figures in the language's digits. The web pages have their own translations (web/src/i18n).

#include <string>

#include "alerts/alert_evaluator.h"

namespace markaz::alerts {

/// "Alert: service level of sales 62 % (below 80 %)"; "Cleared: ..." when it cleared.
/// `language`: "en", "fa" or "ar" (others: English).
std::string alert_subject(const AlertChange& change, const std::string& language);

/// The subject's sentence, the rule, and when (UTC), one per line.
std::string alert_body(const AlertChange& change, const std::string& language);

/// `text` with its ASCII digits as Persian ("fa") or Arabic-Indic ("ar") digits.
std::string localized_digits(const std::string& text, const std::string& language);

}  // namespace markaz::alerts
