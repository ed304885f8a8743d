#pragma once

// A report's table as a download (docs/api.md): CSV (RFC 4180, UTF-8, cells that would run as
// formulas made text) or an Excel workbook (api/xlsx_table.h), named `name`.csv / .xlsx. The
// QA reports and the historical reports answer their format=csv|xlsx with it.

#include "api/endpoint.h"
#include "api/xlsx_table.h"

namespace markaz::api {

/// `format`: "csv" or "xlsx" (the caller has checked). The sheet is right to left for a reader
/// of Persian or Arabic.
HttpResponse table_reply(const RequestContext& c, XlsxTable table, const std::string& format,
                         const std::string& name);

}  // namespace markaz::api
