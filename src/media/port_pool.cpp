#include "media/port_pool.h"

#include <sys/random.h>

namespace markaz::media {
namespace {

/// A uniform draw below `bound` (> 0) from the kernel's CSPRNG.
std::size_t draw_below(std::size_t bound) {
    std::uint64_t value = 0;
    // getrandom of 8 bytes from an initialised pool does not fail or return short.
    (void)getrandom(&value, sizeof value, 0);
    return static_cast<std::size_t>(value % bound);  // bias below 2^-40 for bounds under 2^24
}

}  // namespace

PortPool::PortPool(std::uint16_t first, std::uint16_t last) {
    for (std::uint32_t port = first + (first & 1u); port + 1 <= last; port += 2) {
        free_.push_back(static_cast<std::uint16_t>(port));
    }
}

std::optional<std::uint16_t> PortPool::acquire() {
    std::lock_guard lock{mutex_};
    if (free_.empty()) {
        return std::nullopt;
    }
    auto taken = free_.begin() + static_cast<std::ptrdiff_t>(draw_below((free_.size() + 1) / 2));
    std::uint16_t port = *taken;
    free_.erase(taken);  // at most a few thousand ports: moving them is cheap next to a call setup
    return port;
}

void PortPool::release(std::uint16_t port) {
    std::lock_guard lock{mutex_};
    free_.push_back(port);
}

std::size_t PortPool::available() const {
    std::lock_guard lock{mutex_};
    return free_.size();
}

}  // namespace markaz::media
