#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace markaz {

/// The one table that names an enum's values for config, API, database and logs.
template <class E, std::size_t N>
struct EnumTable {
    std::array<std::pair<E, std::string_view>, N> entries;

    constexpr std::string_view name(E value) const {
        for (const auto& [v, n] : entries) {
            if (v == value) {
                return n;
            }
        }
        return "?";
    }
    constexpr std::optional<E> parse(std::string_view text) const {
        for (const auto& [v, n] : entries) {
            if (n == text) {
                return v;
            }
        }
        return std::nullopt;
    }
    /// "a, b, c": for error messages that list what is accepted.
    std::string names() const {
        std::string out;
        for (const auto& [v, n] : entries) {
            if (!out.empty()) {
                out += ", ";
            }
            out += n;
        }
        return out;
    }
};

}  // namespace markaz
