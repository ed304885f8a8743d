#include "api/audit.h"

#include <algorithm>

#include "api/account_records.h"

namespace markaz::api {

AuditLog::AuditLog(std::size_t capacity, Sink sink)
    : capacity_(capacity == 0 ? 1 : capacity), sink_(std::move(sink)) {}

Result<void> AuditLog::keep_in(AccountRecords& records) {
    auto last = records.last_audit_id();
    if (!last) {
        return fail(last.error());
    }
    std::lock_guard lock(mutex_);
    records_ = &records;
    next_id_ = std::max(next_id_, *last + 1);
    return {};
}

std::int64_t AuditLog::record(AuditEntry entry) {
    Sink sink;
    {
        std::lock_guard lock(mutex_);
        entry.id = next_id_++;
        if (entry.detail.empty()) {
            entry.detail = "{}";
        }
        // Under the lock: entries are kept in the order of their ids.
        entry.kept = !records_ || records_->append_audit(entry).has_value();
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
    if (records_) {
        if (auto page = records_->audit_page(limit, before)) {
            return std::move(*page);
        }
        // The records cannot be read now: the latest entries from memory are better than none.
    }
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
