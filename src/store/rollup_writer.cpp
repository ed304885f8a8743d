#include "store/rollup_writer.h"

#include <nlohmann/json.hpp>

#include "store/json_fields.h"
#include "store/rollup_rows.h"

namespace markaz::store {
namespace {

/// Quarter hours of UTC from the epoch (reports/periods.h kSlot).
constexpr Duration kQuarterHour = std::chrono::minutes{15};

std::int64_t ms(WallTime at) {
    return at.time_since_epoch().count();
}

std::string agents_json(const std::map<AgentId, stats::AgentTrack>& agents) {
    Json out = Json::object();
    for (const auto& [id, a] : agents) {
        Json queues = Json::array();
        for (const QueueId& q : a.queues) {
            queues.push_back(q.str());
        }
        out[id.str()] = Json{{"state", acd::kAgentStateNames.name(a.state)},
                             {"since_ms", ms(a.since)},
                             {"reason", a.reason},
                             {"queues", std::move(queues)},
                             {"busy_queue", a.busy_queue ? Json(a.busy_queue->str()) : Json()}};
    }
    return out.dump();
}

Result<std::map<AgentId, stats::AgentTrack>> agents_from(const std::string& text) {
    const Json in = Json::parse(text, nullptr, false);
    if (!in.is_object()) {
        return fail(Errc::Internal, "report_progress.agents is not a JSON object");
    }
    std::map<AgentId, stats::AgentTrack> out;
    try {
        for (const auto& [id, a] : in.items()) {
            stats::AgentTrack t;
            const auto state = acd::kAgentStateNames.parse(a.at("state").get<std::string>());
            if (!state) {
                return fail(Errc::Internal, "report_progress.agents." + id + ": unknown state");
            }
            t.state = *state;
            t.since = WallTime{Duration{a.at("since_ms").get<std::int64_t>()}};
            t.reason = a.at("reason").get<std::string>();
            for (const Json& q : a.at("queues")) {
                t.queues.emplace_back(q.get<std::string>());
            }
            if (a.at("busy_queue").is_string()) {
                t.busy_queue = QueueId(a.at("busy_queue").get<std::string>());
            }
            out.emplace(AgentId(id), std::move(t));
        }
    } catch (const Json::exception& e) {
        return fail(Errc::Internal, std::string("report_progress.agents: ") + e.what());
    }
    return out;
}

bool is_zero(const stats::KpiCounters& c) {
    return c == stats::KpiCounters{};
}

}  // namespace

RollupWriter::RollupWriter(SqliteDb db, stats::StatsConfig config)
    : db_(std::move(db)), folder_(config.queues), timeline_(WallTime{}, kQuarterHour) {}

Result<std::unique_ptr<RollupWriter>> RollupWriter::open(const std::string& path,
                                                         SqliteStore& events,
                                                         stats::StatsConfig config) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    std::unique_ptr<RollupWriter> writer(new RollupWriter(std::move(*db), std::move(config)));
    auto progress = writer->db_.prepare("SELECT seq, floor_ms, agents FROM report_progress");
    if (!progress) {
        return writer->db_.context(progress.error(), "cannot read the reports' progress");
    }
    auto row = progress->step();
    if (!row) {
        return writer->db_.context(row.error(), "cannot read the reports' progress");
    }
    if (*row) {
        auto agents = agents_from(progress->text(2));
        if (!agents) {
            return fail(Errc::Internal, path + ": " + agents.error().message);
        }
        writer->folder_.restore_agents(std::move(*agents));
        writer->seq_ = progress->int64(0);
        writer->floor_ = writer->timeline_.index_of(WallTime{Duration{progress->int64(1)}});
        writer->timeline_.drop_before(*writer->floor_);
    }
    // Rows after the checkpoint were the quarter hour in progress: made again from the events.
    Result<void> folded;
    auto read =
        events.for_each_event_after(writer->seq_, [&](std::int64_t seq, const acd::Event& event) {
            if (folded) {
                folded = writer->fold(seq, event);
            }
        });
    if (!read) {
        return fail(read.error());
    }
    if (!folded) {
        return fail(folded.error());
    }
    return writer;
}

Result<void> RollupWriter::apply(const std::vector<acd::Event>& events, std::int64_t last_seq) {
    std::int64_t seq = last_seq - static_cast<std::int64_t>(events.size());
    for (const acd::Event& event : events) {
        if (auto folded = fold(++seq, event); !folded) {
            return folded;
        }
    }
    return {};
}

Result<void> RollupWriter::fold(std::int64_t seq, const acd::Event& event) {
    if (seq <= seq_) {
        return {};  // folded already (caught up at open())
    }
    const std::int64_t slot = timeline_.index_of(event.at);
    if (!floor_) {
        floor_ = slot;
        timeline_.drop_before(slot);
    } else if (slot > *floor_) {
        if (auto closed = close_before(timeline_.start_of(slot)); !closed) {
            return closed;
        }
    }
    folder_.apply(event, timeline_);
    seq_ = seq;
    return {};
}

Result<void> RollupWriter::close_before(WallTime until) {
    const std::int64_t end = timeline_.index_of(until);
    // Agents' states still open count up to the end of the last quarter hour written; the
    // rest of each such span lands after the new floor when it closes.
    folder_.add_open_spans(until, timeline_);
    const std::int64_t first = *floor_;
    auto written = db_.transaction([&]() -> Result<void> {
        if (auto rows = write_buckets(timeline_, first, end); !rows) {
            return rows;
        }
        auto progress = db_.prepare(
            "INSERT INTO report_progress (id, seq, floor_ms, agents) VALUES (1, ?1, ?2, ?3) "
            "ON CONFLICT (id) DO UPDATE SET seq = ?1, floor_ms = ?2, agents = ?3");
        if (!progress) {
            return fail(progress.error());
        }
        const std::string agents = agents_json(folder_.agents());
        progress->bind(1, seq_).bind(2, ms(until)).bind(3, std::string_view(agents));
        return progress->run();
    });
    if (!written) {
        return db_.context(written.error(), "cannot write the reports' rollups");
    }
    timeline_.drop_before(end);
    floor_ = end;
    return {};
}

Result<void> RollupWriter::write_buckets(const stats::Timeline& timeline, std::int64_t first,
                                         std::int64_t end) {
    auto clear = db_.prepare("DELETE FROM report_rollups WHERE slot_ms >= ?1");
    if (!clear) {
        return fail(clear.error());
    }
    if (auto cleared = clear->bind(1, ms(timeline.start_of(first))).run(); !cleared) {
        return cleared;
    }
    auto insert = db_.prepare("INSERT INTO report_rollups (scope, slot_ms, " + kRollupColumns +
                              ") VALUES (?1, ?2" +
                              [] {
                                  std::string marks;
                                  for (int i = 0; i < kRollupColumnCount; ++i) {
                                      marks += ", ?" + std::to_string(i + 3);
                                  }
                                  return marks;
                              }() +
                              ")");
    if (!insert) {
        return fail(insert.error());
    }
    auto put = [&](const std::string& scope, WallTime slot,
                   const stats::KpiCounters& counters) -> Result<void> {
        if (is_zero(counters)) {
            return {};
        }
        insert->reset();
        insert->bind(1, std::string_view(scope)).bind(2, ms(slot));
        bind_counters(*insert, 3, counters);
        return insert->run();
    };
    for (auto b = timeline.buckets().lower_bound(first);
         b != timeline.buckets().end() && b->first < end; ++b) {
        const WallTime slot = timeline.start_of(b->first);
        Result<void> ok = put("", slot, b->second.total);
        for (const auto& [queue, counters] : b->second.queues) {
            ok = ok ? put("q:" + queue.str(), slot, counters) : ok;
        }
        for (const auto& [agent, counters] : b->second.agents) {
            ok = ok ? put("a:" + agent.str(), slot, counters) : ok;
        }
        if (!ok) {
            return ok;
        }
    }
    return {};
}

Result<void> RollupWriter::write_open(WallTime now) {
    if (!floor_) {
        return {};
    }
    stats::Timeline open = timeline_;
    folder_.add_open_spans(now, open);
    const std::int64_t end = open.index_of(now) + 1;
    auto written =
        db_.transaction([&]() -> Result<void> { return write_buckets(open, *floor_, end); });
    if (!written) {
        return db_.context(written.error(), "cannot write the reports' rollups");
    }
    return {};
}

}  // namespace markaz::store
