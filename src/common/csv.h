#pragma once

// One CSV field (RFC 4180), safe to open in a spreadsheet: call records and QA reports are
// exported for managers, and a name someone else typed must reach them as text.

#include <algorithm>
#include <string>
#include <string_view>

namespace markaz {

/// Whether a spreadsheet would run `text` as a formula: it starts with = + - @ (or a tab or
/// carriage return that some trim away first) and is not simply a number such as a caller's
/// "+98912..." or "-5".
inline bool opens_a_formula(const std::string& text) {
    if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string::npos) {
        return false;
    }
    const bool signed_number =
        (text.front() == '+' || text.front() == '-') && text.size() > 1 &&
        std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
    return !signed_number;
}

/// `raw` quoted when it holds a comma, quote or line break; a formula gets a leading apostrophe.
inline std::string csv_field(const std::string& raw) {
    // A caller's name comes from the caller (the SIP From header): "=HYPERLINK(...)" must reach
    // the manager's spreadsheet as text. OWASP's rule: a leading apostrophe.
    const std::string text = opens_a_formula(raw) ? "'" + raw : raw;
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

}  // namespace markaz
