#pragma once

// A page of HTML printed to PDF by Debian's Chromium, headless (docs/reports.md "PDF"): the one
// engine that shapes Persian and Arabic and lays out right to left as the browser pages do.
// Blocking (about 2 s): call it off the core loop.

#include <string>

#include "common/result.h"
#include "common/time.h"

namespace markaz::pdf {

struct PdfSettings {
    std::string chromium = "chromium";  ///< the browser to run (looked up in PATH)
    Duration timeout = std::chrono::seconds{30};
};

/// The PDF of `html`, a whole document that loads nothing from elsewhere. Unavailable when
/// Chromium cannot be run or does not finish in time (the message says which).
Result<std::string> html_to_pdf(const std::string& html, const PdfSettings& settings = {});

/// A PNG of the top `width` × `height` CSS pixels of `html` as the browser shows it: a chart
/// for mail readers, which show no SVG.
Result<std::string> html_to_png(const std::string& html, int width, int height,
                                const PdfSettings& settings = {});

}  // namespace markaz::pdf
