#pragma once

// Who changed what, when, and from where: logins, state changes, configuration changes
// (docs/api.md "Audit log"). Kept for good in AccountRecords (the store) when given, and in
// memory as a ring of the latest entries; a sink sees every entry as it is recorded (the log).

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace markaz::api {

struct AuditEntry {
    std::int64_t id = 0;  ///< 1, 2, 3, ... in the order recorded
    WallTime at{};
    std::string username;  ///< who; for a failed login the name tried
    std::string address;   ///< the client's address
    std::string action;    ///< "login", "agent-state", "queue-update", ...
    std::string target;    ///< what: an agent, queue, call, user or token id
    std::string detail;    ///< a JSON object text: the request's fields, never a secret
    /// False when it could not be kept in the records (it is then only in the ring and the log).
    bool kept = true;
};

class AccountRecords;

/// Every audit entry when kept in AccountRecords, else the latest `capacity`. Thread: any. The
/// sink is called outside the lock, in recording order per thread; it must not call back into
/// the log.
class AuditLog {
public:
    using Sink = std::function<void(const AuditEntry&)>;

    explicit AuditLog(std::size_t capacity = 10000, Sink sink = {});

    /// From now on entries are kept in `records` (ids go on from the last one kept there) and
    /// listed from there, so that no flood of entries pushes older ones out. `records`
    /// outlives the log. Fails when the records cannot be read.
    [[nodiscard]] Result<void> keep_in(AccountRecords& records);

    /// Stamps `entry` with the next id and keeps it; returns the id.
    std::int64_t record(AuditEntry entry);

    /// Newest first: at most `limit` entries, only those with id < `before` when given.
    std::vector<AuditEntry> list(std::size_t limit, std::optional<std::int64_t> before) const;

    void set_sink(Sink sink);

private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<AuditEntry> entries_;  ///< oldest first
    std::int64_t next_id_ = 1;
    Sink sink_;
    AccountRecords* records_ = nullptr;
};

}  // namespace markaz::api
