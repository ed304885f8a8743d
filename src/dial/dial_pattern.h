#pragma once

// A pattern of numbers, as PBX administrators write them (Asterisk's extension patterns
// without the leading underscore): "09XXXXXXXXX" is a mobile number in Iran, "0[1-8]XXXXXXXX"
// a landline, "00." anything international. Pure.
//
//   0-9 + * #   that character
//   X           any digit;  Z  1-9;  N  2-9
//   [15-7]      one of the digits listed (ranges allowed)
//   .           one or more characters more (last only)
//   !           zero or more characters more (last only)

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace markaz::dial {

class DialPattern {
public:
    /// The pattern `text`; InvalidArgument naming the character and where it is otherwise.
    static Result<DialPattern> parse(std::string_view text);

    /// Whether the whole of `number` matches.
    bool matches(std::string_view number) const;
    const std::string& text() const { return text_; }

private:
    /// One position: the characters allowed there.
    struct Place {
        std::string allowed;
    };
    enum class Tail { None, OneOrMore, ZeroOrMore };

    std::string text_;
    std::vector<Place> places_;
    Tail tail_ = Tail::None;
};

/// Whether any of `patterns` matches `number`.
bool any_matches(const std::vector<DialPattern>& patterns, std::string_view number);

}  // namespace markaz::dial
