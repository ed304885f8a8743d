#include "store/quality_book.h"

#include "api/quality_json.h"
#include "store/call_rows.h"
#include "store/migrations.h"

namespace markaz::store {
namespace {

using api::Json;

constexpr const char* kScorecardColumns =
    "id, version, name, pass_mark, sections, created_by, created_ms, retired";

/// An evaluation's columns after its id: what bind_evaluation() writes.
constexpr const char* kEvaluationContent =
    "call, agent, queues, call_started_ms, scorecard, scorecard_version, evaluator, state, "
    "answers, comments, summary, score, passed, critical_failed, section_scores, created_ms, "
    "updated_ms, submitted_ms, agent_reply, resolution";
/// Every column, as evaluation_of() reads them.
const std::string kEvaluationColumns = std::string("id, ") + kEvaluationContent;
/// Read after kEvaluationColumns (column 21): the name of the evaluation's scorecard version.
constexpr const char* kScorecardName =
    ", (SELECT name FROM scorecards s WHERE s.id = evaluations.scorecard AND "
    "s.version = evaluations.scorecard_version)";

/// JSON the store wrote itself; null for anything else (a damaged row reads as empty).
Json parsed(const std::string& text) {
    return Json::parse(text, nullptr, false);
}

qa::Scorecard scorecard_of(const SqliteStatement& row) {
    qa::Scorecard card;
    card.id = row.text(0);
    card.version = static_cast<int>(row.int64(1));
    card.name = row.text(2);
    card.pass_mark = static_cast<int>(row.int64(3));
    if (auto sections = api::parse_sections(parsed(row.text(4)))) {
        card.sections = std::move(*sections);
    }
    card.created_by = row.text(5);
    card.created = wall_from_ms(row.int64(6));
    card.retired = row.int64(7) != 0;
    return card;
}

qa::Evaluation evaluation_of(const SqliteStatement& row) {
    qa::Evaluation e;
    e.id = row.int64(0);
    e.call = row.text(1);
    e.agent = row.text(2);
    e.queues = list_of(row.text(3));
    e.call_started = wall_from_ms(row.int64(4));
    e.scorecard = row.text(5);
    e.scorecard_version = static_cast<int>(row.int64(6));
    e.evaluator = row.text(7);
    e.state = qa::kEvaluationStateNames.parse(row.text(8)).value_or(qa::EvaluationState::Draft);
    if (auto answers = api::parse_answers(parsed(row.text(9)))) {
        e.answers = std::move(*answers);
    }
    if (auto comments = api::parse_comments(parsed(row.text(10)), std::int64_t{1} << 50)) {
        e.comments = std::move(*comments);
    }
    e.summary = row.text(11);
    if (!row.is_null(12)) {
        e.score.percent = row.real(12);
    }
    e.score.passed = row.int64(13) != 0;
    e.score.critical_failed = row.int64(14) != 0;
    e.score.sections = api::parse_section_scores(parsed(row.text(15)));
    e.created = wall_from_ms(row.int64(16));
    e.updated = wall_from_ms(row.int64(17));
    if (!row.is_null(18)) {
        e.submitted = wall_from_ms(row.int64(18));
    }
    if (!row.is_null(19)) {
        e.agent_reply = api::parse_reply(parsed(row.text(19)));
    }
    if (!row.is_null(20)) {
        e.resolution = api::parse_reply(parsed(row.text(20)));
    }
    e.scorecard_name = row.text(21);
    return e;
}

std::optional<std::string> reply_text(const std::optional<qa::Reply>& reply) {
    if (!reply) {
        return std::nullopt;
    }
    return api::reply_json(reply).dump();
}

/// Binds an evaluation's content to ?2..?21, in kEvaluationContent's order.
void bind_evaluation(SqliteStatement& stmt, const qa::Evaluation& e) {
    auto optional_text = [&stmt](int index, const std::optional<std::string>& text) {
        if (text) {
            stmt.bind(index, *text);
        } else {
            stmt.bind(index, std::nullopt);
        }
    };
    stmt.bind(2, e.call)
        .bind(3, e.agent)
        .bind(4, json_list(e.queues))
        .bind(5, epoch_ms(e.call_started))
        .bind(6, e.scorecard)
        .bind(7, std::int64_t{e.scorecard_version})
        .bind(8, e.evaluator)
        .bind(9, qa::kEvaluationStateNames.name(e.state))
        .bind(10, api::answers_json(e.answers).dump())
        .bind(11, api::comments_json(e.comments).dump())
        .bind(12, e.summary)
        .bind(14, std::int64_t{e.score.passed ? 1 : 0})
        .bind(15, std::int64_t{e.score.critical_failed ? 1 : 0})
        .bind(16, api::section_scores_json(e.score.sections).dump())
        .bind(17, epoch_ms(e.created))
        .bind(18, epoch_ms(e.updated));
    if (e.score.percent) {
        stmt.bind(13, *e.score.percent);
    } else {
        stmt.bind(13, std::nullopt);
    }
    stmt.bind(19, e.submitted ? std::optional(epoch_ms(*e.submitted)) : std::nullopt);
    optional_text(20, reply_text(e.agent_reply));
    optional_text(21, reply_text(e.resolution));
}

// A list's conditions, each a bound parameter numbered the same in every list.
std::string where_of(const api::EvaluationQuery& q) {
    std::string where = " FROM evaluations WHERE 1";
    if (q.agent) {
        where += " AND agent = ?1";
    }
    if (q.call) {
        where += " AND call = ?2";
    }
    if (q.scorecard) {
        where += " AND scorecard = ?3";
    }
    if (q.evaluator) {
        where += " AND evaluator = ?4";
    }
    if (q.state) {
        where += " AND state = ?5";
    }
    if (q.from) {
        where += " AND call_started_ms >= ?6";
    }
    if (q.to) {
        where += " AND call_started_ms < ?7";
    }
    if (!q.include_drafts) {
        where += " AND state != 'draft'";
    }
    if (q.within_queues) {
        where +=
            " AND EXISTS (SELECT 1 FROM json_each(evaluations.queues) WHERE value IN "
            "(SELECT value FROM json_each(?8)))";
    }
    return where;
}

void bind_query(SqliteStatement& stmt, const api::EvaluationQuery& q) {
    const std::pair<int, const std::optional<std::string>*> texts[] = {
        {1, &q.agent}, {2, &q.call}, {3, &q.scorecard}, {4, &q.evaluator}};
    for (const auto& [index, text] : texts) {
        if (*text) {
            stmt.bind(index, **text);
        }
    }
    if (q.state) {
        stmt.bind(5, qa::kEvaluationStateNames.name(*q.state));
    }
    if (q.from) {
        stmt.bind(6, epoch_ms(*q.from));
    }
    if (q.to) {
        stmt.bind(7, epoch_ms(*q.to));
    }
    if (q.within_queues) {
        stmt.bind(8, json_list(*q.within_queues));
    }
}

}  // namespace

Result<std::unique_ptr<QualityBook>> QualityBook::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<QualityBook>(new QualityBook(std::move(*db)));
}

Result<std::vector<qa::Scorecard>> QualityBook::scorecards(bool with_retired) {
    std::lock_guard lock(mutex_);
    // The newest version of each id.
    auto stmt = db_.prepare(std::string("SELECT ") + kScorecardColumns +
                            " FROM scorecards s WHERE version = (SELECT MAX(version) FROM "
                            "scorecards WHERE id = s.id) AND (?1 OR retired = 0) ORDER BY id");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read the scorecards");
    }
    stmt->bind(1, std::int64_t{with_retired ? 1 : 0});
    std::vector<qa::Scorecard> cards;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot read the scorecards");
        }
        if (!*row) {
            return cards;
        }
        cards.push_back(scorecard_of(*stmt));
    }
}

Result<std::optional<qa::Scorecard>> QualityBook::read_scorecard(const std::string& id,
                                                                 std::optional<int> version) {
    auto stmt = db_.prepare(std::string("SELECT ") + kScorecardColumns +
                            " FROM scorecards WHERE id = ?1 AND (?2 IS NULL OR version = ?2) "
                            "ORDER BY version DESC LIMIT 1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot read scorecard " + id);
    }
    stmt->bind(1, id).bind(2, version ? std::optional<std::int64_t>(*version) : std::nullopt);
    auto row = stmt->step();
    if (!row) {
        return db_.context(row.error(), "cannot read scorecard " + id);
    }
    return *row ? std::optional(scorecard_of(*stmt)) : std::nullopt;
}

Result<std::optional<qa::Scorecard>> QualityBook::scorecard(const std::string& id,
                                                            std::optional<int> version) {
    std::lock_guard lock(mutex_);
    return read_scorecard(id, version);
}

Result<void> QualityBook::insert_scorecard(const qa::Scorecard& card) {
    auto stmt = db_.prepare(std::string("INSERT INTO scorecards (") + kScorecardColumns +
                            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, card.id)
        .bind(2, std::int64_t{card.version})
        .bind(3, card.name)
        .bind(4, std::int64_t{card.pass_mark})
        .bind(5, api::sections_json(card.sections).dump())
        .bind(6, card.created_by)
        .bind(7, epoch_ms(card.created));
    return stmt->run();
}

Result<qa::Scorecard> QualityBook::add_scorecard(qa::Scorecard card) {
    std::lock_guard lock(mutex_);
    card.version = 1;
    card.retired = false;
    auto done = db_.transaction([&]() -> Result<void> {
        auto existing = read_scorecard(card.id, std::nullopt);
        if (!existing) {
            return fail(existing.error());
        }
        if (*existing) {
            return fail(Errc::Conflict, "scorecard '" + card.id + "' exists already" +
                                            ((*existing)->retired ? " (retired)" : ""));
        }
        return insert_scorecard(card);
    });
    if (!done) {
        return done.error().code == Errc::Conflict
                   ? fail(done.error())
                   : db_.context(done.error(), "cannot save scorecard " + card.id);
    }
    return card;
}

Result<qa::Scorecard> QualityBook::revise_scorecard(qa::Scorecard card) {
    std::lock_guard lock(mutex_);
    auto done = db_.transaction([&]() -> Result<void> {
        auto newest = read_scorecard(card.id, std::nullopt);
        if (!newest) {
            return fail(newest.error());
        }
        if (!*newest) {
            return fail(Errc::NotFound, "no scorecard '" + card.id + "'");
        }
        if ((*newest)->retired) {
            return fail(Errc::Conflict, "scorecard '" + card.id + "' is retired");
        }
        card.version = (*newest)->version + 1;
        return insert_scorecard(card);
    });
    if (!done) {
        const Errc code = done.error().code;
        return code == Errc::Conflict || code == Errc::NotFound
                   ? fail(done.error())
                   : db_.context(done.error(), "cannot save scorecard " + card.id);
    }
    return card;
}

Result<void> QualityBook::retire_scorecard(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("UPDATE scorecards SET retired = 1 WHERE id = ?1");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot retire scorecard " + id);
    }
    stmt->bind(1, id);
    if (auto ok = stmt->run(); !ok) {
        return db_.context(ok.error(), "cannot retire scorecard " + id);
    }
    if (db_.changes() == 0) {
        return fail(Errc::NotFound, "no scorecard '" + id + "'");
    }
    return {};
}

Result<qa::Evaluation> QualityBook::add_evaluation(qa::Evaluation evaluation) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare(
        std::string("INSERT INTO evaluations (") + kEvaluationContent +
        ") VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20, ?21) RETURNING id");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot save the evaluation");
    }
    bind_evaluation(*stmt, evaluation);
    auto row = stmt->step();
    if (!row || !*row) {
        return db_.context(row ? Error{Errc::Internal, "no id returned"} : row.error(),
                           "cannot save the evaluation");
    }
    evaluation.id = stmt->int64(0);
    // RETURNING hands the row over before the statement is done; finish it to commit.
    if (auto done = stmt->run(); !done) {
        return db_.context(done.error(), "cannot save the evaluation");
    }
    return evaluation;
}

Result<void> QualityBook::replace_evaluation(const qa::Evaluation& evaluation,
                                             qa::EvaluationState was) {
    std::lock_guard lock(mutex_);
    std::string sql = "UPDATE evaluations SET (";
    sql += kEvaluationContent;
    sql +=
        ") = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
        "?20, ?21) WHERE id = ?1 AND state = ?22";
    auto stmt = db_.prepare(sql);
    const std::string what = "cannot save evaluation " + std::to_string(evaluation.id);
    if (!stmt) {
        return db_.context(stmt.error(), what);
    }
    stmt->bind(1, evaluation.id).bind(22, qa::kEvaluationStateNames.name(was));
    bind_evaluation(*stmt, evaluation);
    if (auto ok = stmt->run(); !ok) {
        return db_.context(ok.error(), what);
    }
    if (db_.changes() == 0) {
        return fail(Errc::Conflict, "evaluation " + std::to_string(evaluation.id) +
                                        " was changed by someone else meanwhile; read it again");
    }
    return {};
}

Result<std::optional<qa::Evaluation>> QualityBook::evaluation(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto stmt = db_.prepare("SELECT " + kEvaluationColumns + kScorecardName +
                            " FROM evaluations WHERE id = ?1");
    const std::string what = "cannot read evaluation " + std::to_string(id);
    if (!stmt) {
        return db_.context(stmt.error(), what);
    }
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) {
        return db_.context(row.error(), what);
    }
    return *row ? std::optional(evaluation_of(*stmt)) : std::nullopt;
}

Result<api::EvaluationPage> QualityBook::evaluations(const api::EvaluationQuery& query) {
    std::lock_guard lock(mutex_);
    const std::string where = where_of(query);
    api::EvaluationPage page;
    auto count = db_.prepare("SELECT COUNT(*)" + where);
    if (!count) {
        return db_.context(count.error(), "cannot list the evaluations");
    }
    bind_query(*count, query);
    if (auto row = count->step(); !row) {
        return db_.context(row.error(), "cannot list the evaluations");
    } else if (*row) {
        page.total = count->int64(0);
    }
    auto stmt = db_.prepare("SELECT " + kEvaluationColumns + kScorecardName + where +
                            " ORDER BY updated_ms DESC, id DESC LIMIT ?9 OFFSET ?10");
    if (!stmt) {
        return db_.context(stmt.error(), "cannot list the evaluations");
    }
    bind_query(*stmt, query);
    stmt->bind(9, std::int64_t{query.limit}).bind(10, std::int64_t{query.offset});
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return db_.context(row.error(), "cannot list the evaluations");
        }
        if (!*row) {
            return page;
        }
        page.evaluations.push_back(evaluation_of(*stmt));
    }
}

}  // namespace markaz::store
