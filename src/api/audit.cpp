#include "api/audit.h"

namespace markaz::api {

AuditLog::AuditLog(std::size_t capacity, Sink sink)
    : capacity_(capacity == 0 ? 1 : capacity), sink_(std::move(sink)) {}

std::int64_t AuditLog::record(AuditEntry entry) {
    Sink sink;
    {
        std::lock_guard lock(mutex_);
        entry.id = next_id_++;
        if (entry.detail.empty()) {
            entry.detail = "{}";
        }
        entries_.push_back(entry);
        if (entries_.size() > capacity_) {
            entries_.pop_front();
        }
        sink = sink_;
    }
    if (sink) {
        sink(entry);
    }
    return entry.id;
}

std::vector<AuditEntry> AuditLog::list(std::size_t limit,
                                       std::optional<std::int64_t> before) const {
    std::lock_guard lock(mutex_);
    std::vector<AuditEntry> out;
    for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < limit; ++it) {
        if (!before || it->id < *before) {
            out.push_back(*it);
        }
    }
    return out;
}

void AuditLog::set_sink(Sink sink) {
    std::lock_guard lock(mutex_);
    sink_ = std::move(sink);
}

}  // namespace markaz::api
