#include "api/connection_limits.h"

namespace markaz::api {

ConnectionLimits::Slot::~Slot() {
    if (limits_) {
        limits_->release(address_);
    }
}

std::optional<ConnectionLimits::Slot> ConnectionLimits::admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    const bool exempt = caps_.exempt.contains(address);
    auto it = by_address_.find(address);
    const int from_address = it == by_address_.end() ? 0 : it->second;
    if (open_ >= caps_.total || (!exempt && from_address >= caps_.per_address)) {
        return std::nullopt;
    }
    ++open_;
    ++by_address_[address];
    return Slot(*this, address);
}

void ConnectionLimits::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    --open_;
    if (auto it = by_address_.find(address); it != by_address_.end() && --it->second == 0) {
        by_address_.erase(it);
    }
}

int ConnectionLimits::open() const {
    std::lock_guard lock(mutex_);
    return open_;
}

}  // namespace markaz::api
