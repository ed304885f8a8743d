// libFuzzer target: SDP as a caller or a carrier sends it (an INVITE's body, a 200's answer).
// Whatever the text, parse_sdp answers or refuses, and an offer it reads is negotiated.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sdp/sdp_negotiation.h"
#include "sdp/sdp_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace markaz::sdp;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto offer = parse_sdp(text);
    if (!offer) {
        return 0;
    }
    LocalMedia local;
    local.address = "127.0.0.1";
    local.port = 40000;
    local.session_id = 1;
    local.session_version = 1;
    if (auto answer = answer_offer(*offer, local)) {
        (void)format_sdp(answer->session);
    }
    (void)accept_answer(*offer, *offer);
    return 0;
}
