#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace markaz::media {

/// Hands out RTP ports from the configured range: even numbers, the odd one above each kept
/// for RTCP (RFC 3550 §11). Each port is drawn at random (from the kernel's CSPRNG), so that
/// nobody can tell from one call's port where the next call's audio will be. Only the older
/// half of the free ports is drawn from: a port just released waits, so that late packets of
/// the old call do not land in a new one.
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
    std::vector<std::uint16_t> free_;  ///< in the order they were released, oldest first
};

}  // namespace markaz::media
