#include "media/telephone_event.h"

#include <string_view>

namespace markaz::media {

std::optional<TelephoneEvent> parse_telephone_event(
    std::span<const std::uint8_t> payload) noexcept {
    if (payload.size() < kTelephoneEventBytes) {
        return std::nullopt;
    }
    TelephoneEvent event;
    event.event = payload[0];
    event.end = (payload[1] & 0x80) != 0;
    event.volume = payload[1] & 0x3F;
    event.duration = static_cast<std::uint16_t>((payload[2] << 8) | payload[3]);
    return event;
}

std::size_t write_telephone_event(const TelephoneEvent& event,
                                  std::span<std::uint8_t> out) noexcept {
    if (out.size() < kTelephoneEventBytes) {
        return 0;
    }
    out[0] = event.event;
    out[1] = static_cast<std::uint8_t>((event.end ? 0x80 : 0) | (event.volume & 0x3F));
    out[2] = static_cast<std::uint8_t>(event.duration >> 8);
    out[3] = static_cast<std::uint8_t>(event.duration);
    return kTelephoneEventBytes;
}

}  // namespace markaz::media
