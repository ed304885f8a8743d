#pragma once

// HTTP range requests (RFC 9110 §14) for the recordings: an audio element seeks by asking for
// the bytes it needs, so a long call plays without being downloaded first.

#include <cstdint>
#include <string_view>

namespace markaz::api {

struct ByteRangeAnswer {
    enum class Kind {
        Whole,          ///< no usable Range: 200 with the whole file
        Part,           ///< 206 with [first, last]
        Unsatisfiable,  ///< 416: the range starts at or past the end
    };
    Kind kind = Kind::Whole;
    std::uint64_t first = 0;
    std::uint64_t last = 0;  ///< inclusive
};

/// What to send of a `size`-byte file for the Range header `header` ("" when absent): one
/// range "bytes=a-b", "bytes=a-" or "bytes=-n", clipped to the file and to `max_part` bytes
/// (a client asking for more gets the first part and asks again, as audio elements do).
/// Anything else (another unit, several ranges, a malformed header) is ignored, as the RFC
/// allows: the whole file.
ByteRangeAnswer answer_range(std::string_view header, std::uint64_t size, std::uint64_t max_part);

}  // namespace markaz::api
