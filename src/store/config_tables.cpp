#include "store/config_tables.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "store/json_fields.h"

namespace markaz::store {
namespace {

// The settings of a callback policy, nested in a queue's settings.
template <class IO, class E>
requires Is<E, acd::CallbackPolicy>
void describe(IO& io, E& p) {
    auto& [enabled, mode, max_attempts, retry_interval] = p;
    io("enabled", enabled);
    io("mode", mode);
    io("max_attempts", max_attempts);
    io("retry_interval_ms", retry_interval);
}

// A queue's routing settings: every field but the name, which is the row's key. The
// structured binding breaks the build when QueueConfig gains a field the store does not keep.
template <class IO, class E>
requires Is<E, acd::QueueConfig>
void describe(IO& io, E& q) {
    auto& [id, strategy, weight, ring_timeout, retry_delay, wrap_up, max_wait, on_max_wait,
           max_length, join_empty, leave_empty, tier_wait, sl_threshold, sl_target, sl_formula,
           short_abandon, callback_threshold, callback, announce_every] = q;
    (void)id;
    io("strategy", strategy);
    io("weight", weight);
    io("ring_timeout_ms", ring_timeout);
    io("retry_delay_ms", retry_delay);
    io("wrap_up_ms", wrap_up);
    io("max_wait_ms", max_wait);
    io.object("on_max_wait", [&on_max_wait](auto& nested) { describe(nested, on_max_wait); });
    io("max_length", max_length);
    io("join_empty", join_empty);
    io("leave_empty", leave_empty);
    io("tier_wait_ms", tier_wait);
    io("sl_threshold_ms", sl_threshold);
    io("sl_target", sl_target);
    io("sl_formula", sl_formula);
    io("short_abandon_ms", short_abandon);
    io("callback_threshold_ms", callback_threshold);
    io.object("callback", [&callback](auto& nested) { describe(nested, callback); });
    io("announce_every_ms", announce_every);
}

std::int64_t ms(Duration d) {
    return d.count();
}

std::int64_t to_int64(std::size_t n) {
    return static_cast<std::int64_t>(n);
}

Result<void> clear_tables(SqliteDb& db) {
    // Children first; the foreign keys would cascade, but explicit order says what happens.
    return db.exec(
        "DELETE FROM agent_skills; DELETE FROM agent_queue; DELETE FROM agents; "
        "DELETE FROM queues; DELETE FROM pause_reasons;");
}

Result<void> write_pause_reasons(SqliteDb& db, const std::vector<std::string>& reasons) {
    auto insert = db.prepare("INSERT INTO pause_reasons (name, position) VALUES (?1, ?2)");
    if (!insert) {
        return fail(insert.error());
    }
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        insert->reset();
        insert->bind(1, reasons[i]).bind(2, to_int64(i));
        if (auto ok = insert->run(); !ok) {
            return fail(ok.error().code,
                        "pause_reasons[" + std::to_string(i) + "]: " + ok.error().message);
        }
    }
    return {};
}

Result<void> write_queues(SqliteDb& db, const std::vector<acd::QueueConfig>& queues) {
    auto insert = db.prepare("INSERT INTO queues (name, position, settings) VALUES (?1, ?2, ?3)");
    if (!insert) {
        return fail(insert.error());
    }
    for (std::size_t i = 0; i < queues.size(); ++i) {
        JsonWriter settings;
        describe(settings, queues[i]);
        insert->reset();
        insert->bind(1, queues[i].id.str())
            .bind(2, to_int64(i))
            .bind(3, std::move(settings).take().dump());
        if (auto ok = insert->run(); !ok) {
            return fail(ok.error().code,
                        "queues[" + std::to_string(i) + "]: " + ok.error().message);
        }
    }
    return {};
}

struct AgentStatements {
    SqliteStatement agent;
    SqliteStatement membership;
    SqliteStatement skill;
};

Result<void> write_agent(AgentStatements& s, const acd::AgentConfig& a, std::size_t position) {
    // The binding breaks the build when AgentConfig gains a field the store does not keep.
    const auto& [id, name, queues, skills, max_no_answer, no_answer_delay, reject_delay, busy_delay,
                 wrap_up, extension] = a;
    s.agent.reset();
    s.agent.bind(1, id.str())
        .bind(2, to_int64(position))
        .bind(3, name)
        .bind(4, std::int64_t{max_no_answer})
        .bind(5, ms(no_answer_delay))
        .bind(6, ms(reject_delay))
        .bind(7, ms(busy_delay))
        .bind(8, wrap_up ? std::optional<std::int64_t>(ms(*wrap_up)) : std::nullopt)
        .bind(9, extension);
    if (auto ok = s.agent.run(); !ok) {
        return ok;
    }
    for (std::size_t m = 0; m < queues.size(); ++m) {
        s.membership.reset();
        s.membership.bind(1, id.str())
            .bind(2, queues[m].queue.str())
            .bind(3, to_int64(m))
            .bind(4, std::int64_t{queues[m].penalty});
        if (auto ok = s.membership.run(); !ok) {
            return fail(ok.error().code,
                        "queues[" + std::to_string(m) + "]: " + ok.error().message);
        }
    }
    for (const auto& [skill, proficiency] : skills) {
        s.skill.reset();
        s.skill.bind(1, id.str()).bind(2, skill).bind(3, std::int64_t{proficiency});
        if (auto ok = s.skill.run(); !ok) {
            return fail(ok.error().code, "skills." + skill + ": " + ok.error().message);
        }
    }
    return {};
}

Result<void> write_agents(SqliteDb& db, const std::vector<acd::AgentConfig>& agents) {
    auto agent = db.prepare(
        "INSERT INTO agents (id, position, name, max_no_answer, no_answer_delay_ms, "
        "reject_delay_ms, busy_delay_ms, wrap_up_ms, extension) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    auto membership = db.prepare(
        "INSERT INTO agent_queue (agent, queue, position, penalty) VALUES (?1, ?2, ?3, ?4)");
    auto skill =
        db.prepare("INSERT INTO agent_skills (agent, skill, proficiency) VALUES (?1, ?2, ?3)");
    for (const auto* stmt : {&agent, &membership, &skill}) {
        if (!*stmt) {
            return fail(stmt->error());
        }
    }
    AgentStatements s{std::move(*agent), std::move(*membership), std::move(*skill)};
    for (std::size_t i = 0; i < agents.size(); ++i) {
        if (auto ok = write_agent(s, agents[i], i); !ok) {
            return fail(ok.error().code,
                        "agents[" + std::to_string(i) + "]: " + ok.error().message);
        }
    }
    return {};
}

Result<void> bump_revision(SqliteDb& db) {
    return db.exec(
        "INSERT INTO config_state (id, revision) VALUES (1, 1) "
        "ON CONFLICT (id) DO UPDATE SET revision = revision + 1");
}

/// Runs `sql` and calls `row(stmt)` for each row.
template <class F>
Result<void> each_row(SqliteDb& db, std::string_view sql, F&& row) {
    auto stmt = db.prepare(sql);
    if (!stmt) {
        return fail(stmt.error());
    }
    while (true) {
        auto has_row = stmt->step();
        if (!has_row) {
            return fail(has_row.error());
        }
        if (!*has_row) {
            return {};
        }
        if (auto ok = row(*stmt); !ok) {
            return ok;
        }
    }
}

Result<acd::QueueConfig> queue_of(const std::string& name, const std::string& settings) {
    Json object;
    try {
        object = Json::parse(settings);
    } catch (const Json::parse_error& e) {
        return fail(Errc::Internal, "queues[" + name + "].settings: not valid JSON: " + e.what());
    }
    acd::QueueConfig queue;
    queue.id = QueueId{name};
    JsonReader reader(object, "queues[" + name + "]");
    describe(reader, queue);
    if (!reader.ok()) {
        return fail(Errc::Internal, reader.error().message);
    }
    return queue;
}

Result<void> read_agents(SqliteDb& db, acd::RouterConfig& config) {
    std::map<std::string, std::size_t, std::less<>> index;
    auto agents = each_row(
        db,
        "SELECT id, name, max_no_answer, no_answer_delay_ms, reject_delay_ms, busy_delay_ms, "
        "wrap_up_ms, extension FROM agents ORDER BY position",
        [&](SqliteStatement& row) -> Result<void> {
            acd::AgentConfig& a = config.agents.emplace_back();
            a.id = AgentId{row.text(0)};
            a.name = row.text(1);
            a.max_no_answer = static_cast<int>(row.int64(2));
            a.no_answer_delay = Duration{row.int64(3)};
            a.reject_delay = Duration{row.int64(4)};
            a.busy_delay = Duration{row.int64(5)};
            if (!row.is_null(6)) {
                a.wrap_up = Duration{row.int64(6)};
            }
            a.extension = row.text(7);
            index[a.id.str()] = config.agents.size() - 1;
            return {};
        });
    if (!agents) {
        return agents;
    }
    // The foreign keys guarantee each row's agent exists.
    auto memberships =
        each_row(db, "SELECT agent, queue, penalty FROM agent_queue ORDER BY agent, position",
                 [&](SqliteStatement& row) -> Result<void> {
                     config.agents[index.at(row.text(0))].queues.push_back(
                         acd::Membership{QueueId{row.text(1)}, static_cast<int>(row.int64(2))});
                     return {};
                 });
    if (!memberships) {
        return memberships;
    }
    return each_row(db, "SELECT agent, skill, proficiency FROM agent_skills",
                    [&](SqliteStatement& row) -> Result<void> {
                        config.agents[index.at(row.text(0))].skills[row.text(1)] =
                            static_cast<int>(row.int64(2));
                        return {};
                    });
}

}  // namespace

Result<void> write_config(SqliteDb& db, const acd::RouterConfig& config) {
    const auto& [queues, agents, pause_reasons] = config;
    if (auto ok = clear_tables(db); !ok) {
        return ok;
    }
    if (auto ok = write_pause_reasons(db, pause_reasons); !ok) {
        return ok;
    }
    if (auto ok = write_queues(db, queues); !ok) {
        return ok;
    }
    if (auto ok = write_agents(db, agents); !ok) {
        return ok;
    }
    return bump_revision(db);
}

Result<acd::RouterConfig> read_config(SqliteDb& db) {
    bool saved = false;
    auto state = each_row(db, "SELECT revision FROM config_state WHERE id = 1",
                          [&](SqliteStatement&) -> Result<void> {
                              saved = true;
                              return {};
                          });
    if (!state) {
        return fail(state.error());
    }
    if (!saved) {
        return fail(Errc::NotFound, "no configuration has been saved in this database");
    }
    acd::RouterConfig config;
    config.pause_reasons.clear();
    auto reasons = each_row(db, "SELECT name FROM pause_reasons ORDER BY position",
                            [&](SqliteStatement& row) -> Result<void> {
                                config.pause_reasons.push_back(row.text(0));
                                return {};
                            });
    if (!reasons) {
        return fail(reasons.error());
    }
    auto queues = each_row(db, "SELECT name, settings FROM queues ORDER BY position",
                           [&](SqliteStatement& row) -> Result<void> {
                               auto queue = queue_of(row.text(0), row.text(1));
                               if (!queue) {
                                   return fail(queue.error());
                               }
                               config.queues.push_back(std::move(*queue));
                               return {};
                           });
    if (!queues) {
        return fail(queues.error());
    }
    if (auto agents = read_agents(db, config); !agents) {
        return fail(agents.error());
    }
    return config;
}

}  // namespace markaz::store
