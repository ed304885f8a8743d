#include "config/shifts_yaml.h"

#include <algorithm>
#include <set>

#include "reports/report_schedule.h"

namespace markaz::config {
namespace {

bool read_time(YamlReader& reader, const YAML::Node& map, const std::string& path, const char* key,
               std::chrono::minutes& out) {
    std::string text;
    if (!reader.require(map, path, key) || !reader.read(map, path, key, text)) {
        return false;
    }
    auto parsed = reports::parse_time_of_day(text);
    if (!parsed) {
        return reader.fail_at(*YamlReader::find(map, key), path + "." + key,
                              parsed.error().message);
    }
    out = *parsed;
    return true;
}

}  // namespace

bool read_shifts(YamlReader& reader, const YAML::Node& root, const acd::RouterConfig& router,
                 std::vector<reports::Shift>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "shifts") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "shifts")) {
        return false;
    }
    std::set<std::string> placed;
    for (std::size_t i = 0; i < node->size(); ++i) {
        const YAML::Node item = (*node)[i];
        const std::string path = "shifts[" + std::to_string(i) + "]";
        if (!reader.check_map(item, path, {"name", "start", "end", "days", "grace", "agents"}) ||
            !reader.require(item, path, "name") || !reader.require(item, path, "days") ||
            !reader.require(item, path, "agents")) {
            return false;
        }
        reports::Shift shift;
        std::vector<std::string> days;
        Duration grace{};
        if (!reader.read(item, path, "name", shift.name) ||
            !read_time(reader, item, path, "start", shift.start) ||
            !read_time(reader, item, path, "end", shift.end) ||
            !reader.read(item, path, "days", days) || !reader.read(item, path, "grace", grace) ||
            !reader.read(item, path, "agents", shift.agents)) {
            return false;
        }
        shift.grace = std::chrono::duration_cast<std::chrono::minutes>(grace);
        for (const std::string& day : days) {
            auto weekday = reports::parse_weekday(day);
            if (!weekday) {
                return reader.fail_at(*YamlReader::find(item, "days"), path + ".days",
                                      "'" + day + "' " + weekday.error().message);
            }
            shift.days[static_cast<std::size_t>(*weekday)] = true;
        }
        for (const std::string& agent : shift.agents) {
            const bool known =
                std::any_of(router.agents.begin(), router.agents.end(),
                            [&](const acd::AgentConfig& a) { return a.id.str() == agent; });
            const YAML::Node at = *YamlReader::find(item, "agents");
            if (!known) {
                return reader.fail_at(at, path + ".agents", "no agent '" + agent + "'");
            }
            if (!placed.insert(agent).second) {
                return reader.fail_at(at, path + ".agents",
                                      "agent '" + agent + "' is in another shift already");
            }
        }
        out.push_back(std::move(shift));
    }
    return true;
}

}  // namespace markaz::config
