#include "api/server_counters.h"

namespace markaz::api {

void ServerCounters::count_response(unsigned status) {
    std::lock_guard lock(mutex_);
    ++responses_[status];
}

std::map<unsigned, std::uint64_t> ServerCounters::responses() const {
    std::lock_guard lock(mutex_);
    return responses_;
}

}  // namespace markaz::api
