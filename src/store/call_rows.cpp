#include "store/call_rows.h"

#include <map>

#include <nlohmann/json.hpp>

namespace markaz::store {

std::string json_list(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump();
}
std::vector<std::string> list_of(const std::string& text) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_array() ? parsed.get<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string transfers_json(const std::vector<Transfer>& transfers) {
    nlohmann::json out = nlohmann::json::array();
    for (const Transfer& t : transfers) {
        out.push_back({{"agent", t.agent},
                       {"queue", t.queue},
                       {"to_queue", t.to_queue},
                       {"at_ms", epoch_ms(t.at)},
                       {"talk_ms", t.talk.count()},
                       {"hold_ms", t.hold.count()},
                       {"to_agent", t.to_agent},
                       {"attended", t.attended},
                       {"to_number", t.to_number}});
    }
    return out.dump();
}
std::vector<Transfer> transfers_of(const std::string& text) {
    std::vector<Transfer> out;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) {
        return out;
    }
    for (const auto& t : parsed) {
        if (!t.is_object() || !t.value("agent", nlohmann::json()).is_string() ||
            !t.value("at_ms", nlohmann::json()).is_number_integer()) {
            continue;
        }
        out.push_back(Transfer{t.value("agent", ""), t.value("queue", ""), t.value("to_queue", ""),
                               wall_from_ms(t.value("at_ms", std::int64_t{0})),
                               Duration{t.value("talk_ms", std::int64_t{0})},
                               Duration{t.value("hold_ms", std::int64_t{0})},
                               t.value("to_agent", ""), t.value("attended", false),
                               t.value("to_number", "")});
    }
    return out;
}

std::string monitors_json(const std::vector<MonitorPeriod>& monitors) {
    nlohmann::json out = nlohmann::json::array();
    for (const MonitorPeriod& m : monitors) {
        out.push_back({{"user", m.user},
                       {"extension", m.extension},
                       {"mode", m.mode},
                       {"from_ms", epoch_ms(m.from)},
                       {"to_ms", epoch_ms(m.to)}});
    }
    return out.dump();
}

std::string pauses_json(const std::vector<RecordingPause>& pauses) {
    nlohmann::json out = nlohmann::json::array();
    for (const RecordingPause& p : pauses) {
        out.push_back({{"by", p.by}, {"from_ms", epoch_ms(p.from)}, {"to_ms", epoch_ms(p.to)}});
    }
    return out.dump();
}

std::vector<RecordingPause> pauses_of(const std::string& text) {
    std::vector<RecordingPause> out;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) {
        return out;
    }
    for (const auto& p : parsed) {
        if (!p.is_object() || !p.value("from_ms", nlohmann::json()).is_number_integer() ||
            !p.value("to_ms", nlohmann::json()).is_number_integer()) {
            continue;
        }
        out.push_back(RecordingPause{p.value("by", ""),
                                     wall_from_ms(p.value("from_ms", std::int64_t{0})),
                                     wall_from_ms(p.value("to_ms", std::int64_t{0}))});
    }
    return out;
}

std::vector<MonitorPeriod> monitors_of(const std::string& text) {
    std::vector<MonitorPeriod> out;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) {
        return out;
    }
    for (const auto& m : parsed) {
        if (!m.is_object() || !m.value("from_ms", nlohmann::json()).is_number_integer() ||
            !m.value("to_ms", nlohmann::json()).is_number_integer()) {
            continue;
        }
        out.push_back(MonitorPeriod{m.value("user", ""), m.value("extension", ""),
                                    m.value("mode", ""),
                                    wall_from_ms(m.value("from_ms", std::int64_t{0})),
                                    wall_from_ms(m.value("to_ms", std::int64_t{0}))});
    }
    return out;
}

CallRecord call_from_row(const SqliteStatement& row) {
    CallRecord r;
    r.id = row.text(0);
    r.started = wall_from_ms(row.int64(1));
    r.ended = wall_from_ms(row.int64(2));
    r.caller = row.text(3);
    r.dialled = row.text(4);
    r.ivr_path = list_of(row.text(5));
    r.digits = row.text(6);
    auto variables = nlohmann::json::parse(row.text(7), nullptr, false);
    if (variables.is_object()) {
        r.variables = variables.get<std::map<std::string, std::string>>();
    }
    r.queues = list_of(row.text(8));
    if (!row.is_null(9)) {
        r.joined = wall_from_ms(row.int64(9));
    }
    if (!row.is_null(10)) {
        r.wait = Duration{row.int64(10)};
    }
    if (!row.is_null(11)) {
        r.position = static_cast<int>(row.int64(11));
    }
    r.agents_offered = list_of(row.text(12));
    r.agent = row.text(13);
    r.talk = Duration{row.int64(14)};
    r.hold = Duration{row.int64(15)};
    if (!row.is_null(16)) {
        r.wrap = Duration{row.int64(16)};
    }
    r.disposition = kDispositionNames.parse(row.text(17)).value_or(Disposition::Ivr);
    r.hangup_side = row.text(18);
    r.hangup_cause = row.text(19);
    r.recording = row.text(20);
    r.transfers = transfers_of(row.text(21));
    r.monitors = monitors_of(row.text(22));
    r.recording_pauses = pauses_of(row.text(23));
    return r;
}

}  // namespace markaz::store
