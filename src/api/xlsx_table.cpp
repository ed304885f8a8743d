#include "api/xlsx_table.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>

#include "common/overloaded.h"

namespace markaz::api {
namespace {

/// A temporary file's name, made and removed here (libxlsxwriter writes only to a file).
class TemporaryPath {
public:
    TemporaryPath() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "markaz-xlsx-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd >= 0) {
            ::close(fd);
            path_ = pattern;
        }
    }
    ~TemporaryPath() {
        if (!path_.empty()) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }
    TemporaryPath(const TemporaryPath&) = delete;
    TemporaryPath& operator=(const TemporaryPath&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

Result<std::string> xlsx_bytes(const XlsxTable& table) {
    TemporaryPath file;
    if (file.path().empty()) {
        return fail(Errc::Internal, "cannot make a temporary file for the workbook");
    }
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (book == nullptr) {
        return fail(Errc::Internal, "cannot start the workbook");
    }
    const std::string sheet_name = table.sheet.substr(0, 31);
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    if (table.right_to_left) {
        worksheet_right_to_left(sheet);
    }
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_set_column(sheet, 0,
                         static_cast<lxw_col_t>(std::max<std::size_t>(table.header.size(), 1) - 1),
                         16, nullptr);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            std::visit(overloaded{[](std::monostate) {},
                                  [&](const std::string& text) {
                                      worksheet_write_string(sheet, row, col, text.c_str(),
                                                             nullptr);
                                  },
                                  [&](double number) {
                                      worksheet_write_number(sheet, row, col, number, nullptr);
                                  }},
                       table.rows[r][c]);
        }
    }
    if (workbook_close(book) != LXW_NO_ERROR) {
        return fail(Errc::Internal, "cannot write the workbook");
    }
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace markaz::api
