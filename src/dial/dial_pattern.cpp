#include "dial/dial_pattern.h"

#include <algorithm>

namespace markaz::dial {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string digits_from(char first) {
    std::string out;
    for (char c = first; c <= '9'; ++c) {
        out += c;
    }
    return out;
}

Failure bad(std::string_view text, std::size_t at, std::string_view why) {
    return fail(Errc::InvalidArgument, "'" + std::string(text) + "': " + std::string(why) +
                                           " at character " + std::to_string(at + 1));
}

}  // namespace

Result<DialPattern> DialPattern::parse(std::string_view text) {
    DialPattern out;
    out.text_ = std::string(text);
    if (text.empty()) {
        return fail(Errc::InvalidArgument, "a pattern may not be empty");
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' || c == '!') {
            if (i + 1 != text.size()) {
                return bad(text, i, std::string("'") + c + "' may only end a pattern");
            }
            out.tail_ = c == '.' ? Tail::OneOrMore : Tail::ZeroOrMore;
        } else if (is_digit(c) || c == '+' || c == '*' || c == '#') {
            out.places_.push_back({std::string(1, c)});
        } else if (c == 'X' || c == 'x') {
            out.places_.push_back({digits_from('0')});
        } else if (c == 'Z' || c == 'z') {
            out.places_.push_back({digits_from('1')});
        } else if (c == 'N' || c == 'n') {
            out.places_.push_back({digits_from('2')});
        } else if (c == '[') {
            const auto close = text.find(']', i);
            if (close == std::string_view::npos) {
                return bad(text, i, "'[' is not closed");
            }
            std::string allowed;
            for (std::size_t j = i + 1; j < close; ++j) {
                if (!is_digit(text[j])) {
                    return bad(text, j, "a set holds digits and ranges like 1-5");
                }
                if (j + 2 < close && text[j + 1] == '-') {
                    if (!is_digit(text[j + 2]) || text[j + 2] < text[j]) {
                        return bad(text, j, "a range runs from a digit up to a digit");
                    }
                    for (char d = text[j]; d <= text[j + 2]; ++d) {
                        allowed += d;
                    }
                    j += 2;
                } else {
                    allowed += text[j];
                }
            }
            if (allowed.empty()) {
                return bad(text, i, "'[]' allows nothing");
            }
            out.places_.push_back({allowed});
            i = close;
        } else {
            return bad(text, i,
                       std::string("'") + c +
                           "' is not a digit, + * #, X, Z, N, a [set], or a final . or !");
        }
    }
    return out;
}

bool DialPattern::matches(std::string_view number) const {
    if (number.size() < places_.size()) {
        return false;
    }
    for (std::size_t i = 0; i < places_.size(); ++i) {
        if (places_[i].allowed.find(number[i]) == std::string::npos) {
            return false;
        }
    }
    const std::size_t rest = number.size() - places_.size();
    switch (tail_) {
        case Tail::None:
            return rest == 0;
        case Tail::OneOrMore:
            return rest > 0;
        case Tail::ZeroOrMore:
            return true;
    }
    return false;
}

bool any_matches(const std::vector<DialPattern>& patterns, std::string_view number) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [number](const DialPattern& p) { return p.matches(number); });
}

}  // namespace markaz::dial
