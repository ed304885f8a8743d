#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace markaz::media {

/// Hands out RTP ports from the configured range: even numbers, the odd one above each kept
/// for RTCP (RFC 3550 §11). A port goes to the back of the line when released, so a port just
/// freed is not reused at once (late packets of the old call would land in the new one).
/// Thread: any (the SIP thread allocates, media workers release).
class PortPool {
public:
    /// Ports [first, last]; `first` is rounded up to even.
    PortPool(std::uint16_t first, std::uint16_t last);

    std::optional<std::uint16_t> acquire();
    void release(std::uint16_t port);
    std::size_t available() const;

private:
    mutable std::mutex mutex_;
    std::vector<std::uint16_t> free_;  // used as a queue: acquire from the front
    std::size_t head_ = 0;
};

}  // namespace markaz::media
