// libFuzzer target: a datagram on an RTP port, from anyone. The RTP header (with CSRCs,
// extensions and padding) and an RFC 4733 telephone-event payload are read or refused.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/rtp_packet.h"
#include "media/telephone_event.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace markaz::media;
    const std::span<const std::uint8_t> datagram(data, size);
    if (auto packet = parse_rtp(datagram)) {
        (void)parse_telephone_event(packet->payload);
    }
    (void)parse_telephone_event(datagram);
    return 0;
}
