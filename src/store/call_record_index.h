#pragma once

// The API's reading of the call records (api::CallRecords) on the store's SQLite file, on a
// connection of its own: WAL lets it search while the call flow writes.

#include <memory>
#include <mutex>
#include <string>

#include "api/call_records.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class CallRecordIndex final : public api::CallRecords {
public:
    /// Opens the database at `path`, bringing its schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<CallRecordIndex>> open(const std::string& path);

    Result<api::RecordPage> search(const api::RecordQuery& query) override;
    Result<std::optional<api::CallRecordEntry>> find(const std::string& id) override;
    Result<void> set_legal_hold(const std::string& id, bool on) override;
    Result<std::vector<qa::Candidate>> unevaluated(const api::RecordQuery& query, int max) override;

private:
    explicit CallRecordIndex(SqliteDb db) : db_(std::move(db)) {}
    std::mutex mutex_;  ///< one statement at a time on the connection
    SqliteDb db_;
};

}  // namespace markaz::store
