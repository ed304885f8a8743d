#include "api/table_reply.h"

#include <sstream>

#include "common/csv.h"

namespace markaz::api {
namespace {

std::string csv_of(const XlsxTable& table) {
    std::ostringstream out;
    auto line = [&out](const auto& cells, auto&& text_of) {
        bool first = true;
        for (const auto& cell : cells) {
            out << (first ? "" : ",") << text_of(cell);
            first = false;
        }
        out << "\r\n";
    };
    line(table.header, [](const std::string& h) { return csv_field(h); });
    for (const auto& row : table.rows) {
        line(row, [](const XlsxCell& cell) -> std::string {
            if (const auto* text = std::get_if<std::string>(&cell)) {
                return csv_field(*text);
            }
            if (const auto* number = std::get_if<double>(&cell)) {
                std::ostringstream n;
                n << *number;
                return n.str();
            }
            return "";
        });
    }
    return out.str();
}

}  // namespace

HttpResponse table_reply(const RequestContext& c, XlsxTable table, const std::string& format,
                         const std::string& name) {
    HttpResponse response;
    response.status = 200;
    if (format == "csv") {
        response.body = csv_of(table);
        response.add_header("Content-Type", "text/csv; charset=utf-8");
    } else {
        table.right_to_left = c.user().language != Language::En;
        auto bytes = xlsx_bytes(table);
        if (!bytes) {
            return error_response(ApiError::internal());
        }
        response.body = std::move(*bytes);
        response.add_header("Content-Type",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    response.add_header("Content-Disposition",
                        "attachment; filename=\"" + name + "." + format + "\"");
    return response;
}

}  // namespace markaz::api
