#include "api/byte_range.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace markaz::api {

namespace {

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

ByteRangeAnswer answer_range(std::string_view header, std::uint64_t size, std::uint64_t max_part) {
    using Kind = ByteRangeAnswer::Kind;
    constexpr std::string_view kUnit = "bytes=";
    if (!header.starts_with(kUnit) || max_part == 0) {
        return {};
    }
    std::string_view spec = header.substr(kUnit.size());
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) {
        return {};
    }
    const std::string_view from_text = spec.substr(0, dash);
    const std::string_view to_text = spec.substr(dash + 1);
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (from_text.empty()) {  // the last n bytes
        auto suffix = number(to_text);
        if (!suffix) {
            return {};
        }
        if (*suffix == 0 || size == 0) {
            return {Kind::Unsatisfiable, 0, 0};
        }
        first = size - std::min(*suffix, size);
        last = size - 1;
    } else {
        auto from = number(from_text);
        std::optional<std::uint64_t> to =
            to_text.empty() ? std::optional(size - 1) : number(to_text);
        if (!from || !to) {
            return {};
        }
        if (*from >= size) {
            return {Kind::Unsatisfiable, 0, 0};
        }
        if (*to < *from) {
            return {};
        }
        first = *from;
        last = std::min(*to, size - 1);
    }
    last = std::min(last, first + max_part - 1);
    return {Kind::Part, first, last};
}

}  // namespace markaz::api
