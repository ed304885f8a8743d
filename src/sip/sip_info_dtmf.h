#pragma once

#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace markaz::sip {

/// A key pressed on a phone that sends its digits in SIP INFO requests.
struct SipInfoDigit {
    char digit = '0';      ///< one of "0123456789*#ABCD"
    Duration duration{0};  ///< how long the key was held; 0 when the phone did not say
    friend bool operator==(const SipInfoDigit&, const SipInfoDigit&) = default;
};

/// Reads a SIP INFO DTMF body. `application/dtmf-relay` (the de-facto Cisco format:
/// "Signal=5\r\nDuration=160\r\n", the duration in ms) and `application/dtmf` (the digit
/// alone) are understood; the event codes 10..15 some phones send for '*', '#', 'A'..'D' are
/// mapped. Parameters after ';' in the content type are ignored. An unknown type or a body
/// without a digit is an error naming it.
Result<SipInfoDigit> parse_sip_info_dtmf(std::string_view content_type, std::string_view body);

}  // namespace markaz::sip
