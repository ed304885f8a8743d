#include "media/port_pool.h"

namespace markaz::media {

PortPool::PortPool(std::uint16_t first, std::uint16_t last) {
    for (std::uint32_t port = first + (first & 1u); port + 1 <= last; port += 2) {
        free_.push_back(static_cast<std::uint16_t>(port));
    }
}

std::optional<std::uint16_t> PortPool::acquire() {
    std::lock_guard lock{mutex_};
    if (head_ == free_.size()) {
        return std::nullopt;
    }
    std::uint16_t port = free_[head_++];
    if (head_ > 1024 && head_ * 2 > free_.size()) {
        free_.erase(free_.begin(), free_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    return port;
}

void PortPool::release(std::uint16_t port) {
    std::lock_guard lock{mutex_};
    free_.push_back(port);
}

std::size_t PortPool::available() const {
    std::lock_guard lock{mutex_};
    return free_.size() - head_;
}

}  // namespace markaz::media
