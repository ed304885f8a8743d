#pragma once

// Scorecards and evaluations (api::Quality) on the store's SQLite file, on a connection of its
// own like the record index. Every change is committed (synchronous=FULL) before it returns,
// so a submitted evaluation or an agent's acknowledgement survives kill -9.

#include <memory>
#include <mutex>
#include <string>

#include "api/quality.h"
#include "store/sqlite_db.h"

namespace markaz::store {

class QualityBook final : public api::Quality {
public:
    /// Opens the database at `path`, bringing its schema up to date.
    [[nodiscard]] static Result<std::unique_ptr<QualityBook>> open(const std::string& path);

    Result<std::vector<qa::Scorecard>> scorecards(bool with_retired) override;
    Result<std::optional<qa::Scorecard>> scorecard(const std::string& id,
                                                   std::optional<int> version) override;
    Result<qa::Scorecard> add_scorecard(qa::Scorecard card) override;
    Result<qa::Scorecard> revise_scorecard(qa::Scorecard card) override;
    Result<void> retire_scorecard(const std::string& id) override;

    Result<qa::Evaluation> add_evaluation(qa::Evaluation evaluation) override;
    Result<void> replace_evaluation(const qa::Evaluation& evaluation,
                                    qa::EvaluationState was) override;
    Result<std::optional<qa::Evaluation>> evaluation(std::int64_t id) override;
    Result<api::EvaluationPage> evaluations(const api::EvaluationQuery& query) override;

private:
    explicit QualityBook(SqliteDb db) : db_(std::move(db)) {}
    Result<std::optional<qa::Scorecard>> read_scorecard(const std::string& id,
                                                        std::optional<int> version);
    Result<void> insert_scorecard(const qa::Scorecard& card);

    std::mutex mutex_;  ///< one statement at a time on the connection
    SqliteDb db_;
};

}  // namespace markaz::store
