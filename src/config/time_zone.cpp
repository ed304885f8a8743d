#include "config/time_zone.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>

namespace markaz::config {
namespace {

/// A big-endian signed integer of `bytes` bytes at `p`.
std::int64_t big_endian(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        v = (v << 8) | p[i];
    }
    if (bytes < 8 && (v >> (8 * bytes - 1)) != 0) {
        v |= ~std::uint64_t{0} << (8 * bytes);  // sign-extend
    }
    return static_cast<std::int64_t>(v);
}

struct Counts {
    std::int64_t isutc, isstd, leap, time, type, chars;
    /// The bytes of the data block after the header, with `time_bytes`-byte times.
    std::int64_t data_bytes(int time_bytes) const {
        return time * time_bytes + time + type * 6 + chars + leap * (time_bytes + 4) + isstd +
               isutc;
    }
};

std::optional<Counts> header_at(std::string_view bytes, std::size_t at) {
    if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif") {
        return std::nullopt;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + at + 20;
    Counts c{big_endian(p, 4),      big_endian(p + 4, 4),  big_endian(p + 8, 4),
             big_endian(p + 12, 4), big_endian(p + 16, 4), big_endian(p + 20, 4)};
    const bool sane = c.isutc >= 0 && c.isstd >= 0 && c.leap >= 0 && c.time >= 0 && c.type >= 1 &&
                      c.chars >= 0 && c.time < 100000 && c.type < 256;
    return sane ? std::optional(c) : std::nullopt;
}

}  // namespace

Result<reports::ZoneOffsets> parse_tzif(std::string_view bytes) {
    const auto v1 = header_at(bytes, 0);
    if (!v1 || bytes[4] < '2') {
        return fail(Errc::InvalidArgument, "not a TZif file of version 2 or later");
    }
    const std::size_t v2_at = 44 + static_cast<std::size_t>(v1->data_bytes(4));
    const auto v2 = header_at(bytes, v2_at);
    if (!v2 || bytes.size() < v2_at + 44 + static_cast<std::size_t>(v2->data_bytes(8))) {
        return fail(Errc::InvalidArgument, "a TZif file cut short");
    }
    const auto* times = reinterpret_cast<const unsigned char*>(bytes.data()) + v2_at + 44;
    const unsigned char* indexes = times + v2->time * 8;
    const unsigned char* types = indexes + v2->time;
    auto offset_of = [&](std::int64_t type) {
        return std::chrono::minutes{big_endian(types + type * 6, 4) / 60};
    };
    std::vector<reports::ZoneOffsets::Change> changes;
    for (std::int64_t i = 0; i < v2->time; ++i) {
        if (indexes[i] >= v2->type) {
            return fail(Errc::InvalidArgument, "a TZif transition names no local time type");
        }
        const WallTime at{std::chrono::seconds{big_endian(times + i * 8, 8)}};
        if (!changes.empty() && at < changes.back().at) {
            return fail(Errc::InvalidArgument, "TZif transitions out of order");
        }
        changes.push_back({at, offset_of(indexes[i])});
    }
    // Before the first transition: the first type that is not summer time (RFC 8536 3.2),
    // else type 0.
    std::int64_t first = 0;
    for (std::int64_t t = 0; t < v2->type; ++t) {
        if (types[t * 6 + 4] == 0) {
            first = t;
            break;
        }
    }
    return reports::ZoneOffsets(offset_of(first), std::move(changes));
}

Result<reports::ZoneOffsets> load_time_zone(std::string_view name, const std::string& zoneinfo) {
    const bool well_formed =
        !name.empty() && name.front() != '/' && name.find("..") == std::string_view::npos &&
        std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '/' || c == '_' || c == '-' || c == '+';
        });
    const std::string unknown =
        "unknown time zone '" + std::string(name) + "' (expected an IANA name like Asia/Tehran)";
    if (!well_formed) {
        return fail(Errc::InvalidArgument, unknown);
    }
    std::ifstream in(zoneinfo + "/" + std::string(name), std::ios::binary);
    if (!in) {
        return fail(Errc::InvalidArgument, unknown);
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    auto zone = parse_tzif(bytes);
    if (!zone) {
        return fail(Errc::InvalidArgument,
                    "time zone '" + std::string(name) + "': " + zone.error().message);
    }
    return zone;
}

}  // namespace markaz::config
