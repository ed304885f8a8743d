#pragma once

// A table as an Excel workbook (.xlsx) for managers' exports (QA reports now, the historical
// reports of docs/metrics.md next): a bold header row kept in view, numbers as numbers, text as
// text (never a formula, whatever it says), right to left for Persian and Arabic readers.
// Written with libxlsxwriter.

#include <string>
#include <variant>
#include <vector>

#include "common/result.h"

namespace markaz::api {

/// One cell: empty, text or a number.
using XlsxCell = std::variant<std::monostate, std::string, double>;

struct XlsxTable {
    std::string sheet;  ///< the worksheet's name (at most 31 characters; cut if longer)
    std::vector<std::string> header;
    std::vector<std::vector<XlsxCell>> rows;
    bool right_to_left = false;
};

/// The workbook's bytes. Internal when it cannot be written (a full temporary folder).
Result<std::string> xlsx_bytes(const XlsxTable& table);

}  // namespace markaz::api
