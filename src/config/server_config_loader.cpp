#include "config/server_config_loader.h"

#include <algorithm>
#include <filesystem>

#include "acd/router.h"
#include "config/alerts_yaml.h"
#include "config/dial_yaml.h"
#include "config/ivr_yaml.h"
#include "config/queue_yaml.h"
#include "config/shifts_yaml.h"
#include "config/time_zone.h"
#include "config/web_yaml.h"
#include "config/yaml_reader.h"

namespace markaz::config {
namespace {

/// `digest_algorithms: [MD5, SHA-256]`: challenges in order of preference, none twice.
bool read_digest_algorithms(YamlReader& reader, const YAML::Node& sip, sip::SipSettings& out) {
    auto node = reader.ok() ? YamlReader::find(sip, "digest_algorithms") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "sip.digest_algorithms")) {
        return false;
    }
    const YAML::Node& list = *node;
    if (list.size() == 0) {
        return reader.fail_at(list, "sip.digest_algorithms", "must name at least one algorithm");
    }
    std::vector<sip::DigestAlgorithm> algorithms;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = index_path("sip.digest_algorithms", i);
        auto algorithm = reader.enum_value(list[i], path, sip::kDigestAlgorithmNames);
        if (!algorithm) {
            return false;
        }
        if (std::find(algorithms.begin(), algorithms.end(), *algorithm) != algorithms.end()) {
            return reader.fail_at(list[i], path, "listed twice");
        }
        algorithms.push_back(*algorithm);
    }
    out.digest_algorithms = std::move(algorithms);
    return true;
}

bool read_extensions(YamlReader& reader, const YAML::Node& sip, sip::SipSettings& out) {
    auto node = YamlReader::find(sip, "extensions");
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "sip.extensions")) {
        return false;
    }
    const YAML::Node& list = *node;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = index_path("sip.extensions", i);
        // `class` is the extension's class of service, read with dial_rules (dial_yaml.h).
        if (!reader.check_map(list[i], path, {"number", "password", "class"}) ||
            !reader.require(list[i], path, "number") ||
            !reader.require(list[i], path, "password")) {
            return false;
        }
        sip::Extension extension;
        reader.read(list[i], path, "number", extension.number);
        reader.read(list[i], path, "password", extension.password);
        if (!reader.ok()) {
            return false;
        }
        const YAML::Node number = *YamlReader::find(list[i], "number");
        if (extension.number.empty() ||
            extension.number.find_first_not_of("0123456789*#+") != std::string::npos) {
            return reader.fail_at(number, field_path(path, "number"),
                                  "expected digits, got '" + extension.number + "'");
        }
        if (extension.password.size() < 8) {
            return reader.fail_at(*YamlReader::find(list[i], "password"),
                                  field_path(path, "password"), "must be at least 8 characters");
        }
        if (out.extensions.contains(extension.number)) {
            return reader.fail_at(number, field_path(path, "number"),
                                  "duplicate extension '" + extension.number + "'");
        }
        out.extensions[extension.number] = extension;
    }
    return true;
}

/// `trunks: [{name: carrier, allow: [10.0.0.5], strip: 0, add_prefix: "", dial_prefix: "9",
/// target: 10.0.0.5:5060, username: u, password: p}]`.
bool read_trunks(YamlReader& reader, const YAML::Node& sip, sip::SipSettings& out) {
    auto node = reader.ok() ? YamlReader::find(sip, "trunks") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "sip.trunks")) {
        return false;
    }
    const YAML::Node& list = *node;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = index_path("sip.trunks", i);
        if (!reader.check_map(list[i], path,
                              {"name", "allow", "strip", "add_prefix", "dial_prefix", "target",
                               "username", "password"}) ||
            !reader.require(list[i], path, "name")) {
            return false;
        }
        sip::Trunk trunk;
        reader.read(list[i], path, "name", trunk.name);
        reader.read(list[i], path, "allow", trunk.allow);
        reader.read(list[i], path, "strip", trunk.strip, 0, 32);
        reader.read(list[i], path, "add_prefix", trunk.add_prefix);
        reader.read(list[i], path, "dial_prefix", trunk.dial_prefix);
        reader.read(list[i], path, "target", trunk.target);
        reader.read(list[i], path, "username", trunk.username);
        reader.read(list[i], path, "password", trunk.password);
        if (!reader.ok()) {
            return false;
        }
        for (const auto& earlier : out.trunks) {
            if (earlier.name == trunk.name) {
                return reader.fail_at(*YamlReader::find(list[i], "name"), field_path(path, "name"),
                                      "duplicate trunk '" + trunk.name + "'");
            }
        }
        if (!trunk.target.empty() && trunk.target.find(':') == std::string::npos) {
            return reader.fail_at(*YamlReader::find(list[i], "target"), field_path(path, "target"),
                                  "expected host:port, got '" + trunk.target + "'");
        }
        if (!trunk.target.empty() && trunk.dial_prefix.empty()) {
            return reader.fail_at(*YamlReader::find(list[i], "target"),
                                  field_path(path, "dial_prefix"),
                                  "missing (which dialled numbers go to " + trunk.target + "?)");
        }
        if (trunk.allow.empty() && trunk.target.empty()) {
            return reader.fail_at(list[i], path,
                                  "a trunk needs allow (inbound) or target (outbound)");
        }
        out.trunks.push_back(std::move(trunk));
    }
    return true;
}

/// `stats: {time_zone: Asia/Tehran}` from the system's tz database; without it, reports cut
/// days at the fixed stats.utc_offset.
void load_zone(YamlReader& reader, const YAML::Node& root, ServerConfig& config) {
    if (!reader.ok() || config.stats.time_zone.empty()) {
        config.zone = reports::ZoneOffsets(config.stats.utc_offset);
        return;
    }
    auto zone = load_time_zone(config.stats.time_zone);
    if (!zone) {
        const YAML::Node node = *YamlReader::find(*YamlReader::find(root, "stats"), "time_zone");
        reader.fail_at(node, "stats.time_zone", zone.error().message);
        return;
    }
    config.zone = std::move(*zone);
}

/// `recordings_key: /etc/markaz/recordings.key`: the key that seals recordings (encryption at
/// rest), loaded here so a wrong one stops `check-config` and the start alike. A key kept
/// among the recordings it protects protects nothing.
void load_recordings_key(YamlReader& reader, const YAML::Node& root, ServerConfig& config) {
    const sip::SipSettings& out = config.sip;
    if (!reader.ok() || out.recordings_key.empty()) {
        return;
    }
    const YAML::Node node = *YamlReader::find(*YamlReader::find(root, "sip"), "recordings_key");
    namespace fs = std::filesystem;
    std::error_code ignored;
    const fs::path key = fs::weakly_canonical(out.recordings_key, ignored);
    const fs::path folder = fs::weakly_canonical(out.recordings_dir, ignored);
    const auto [end, _] = std::mismatch(folder.begin(), folder.end(), key.begin(), key.end());
    if (!out.recordings_dir.empty() && end == folder.end()) {
        reader.fail_at(node, "sip.recordings_key", "must be kept outside the recordings folder");
        return;
    }
    auto loaded = media::RecordingKey::load(out.recordings_key);
    if (!loaded) {
        reader.fail_at(node, "sip.recordings_key", loaded.error().message);
        return;
    }
    config.media.recording_key = std::make_shared<const media::RecordingKey>(std::move(*loaded));
}

bool read_sip(YamlReader& reader, const YAML::Node& root, sip::SipSettings& out) {
    auto node = YamlReader::find(root, "sip");
    if (!node) {
        return reader.ok();
    }
    const YAML::Node& sip = *node;
    if (!reader.check_map(
            sip, "sip",
            {"listen", "realm", "nonce_lifetime", "digest_algorithms", "extensions", "trunks",
             "registrations", "bans", "echo_number", "recordings", "loop_number", "loop_prompt",
             "music_on_hold", "tcp", "recordings_key", "trunk_ping", "barge_beep"})) {
        return false;
    }
    reader.read_listen(sip, "sip", out.address, out.port);
    reader.read(sip, "sip", "realm", out.realm);
    reader.read(sip, "sip", "echo_number", out.echo_number);
    reader.read(sip, "sip", "recordings", out.recordings_dir);
    reader.read(sip, "sip", "recordings_key", out.recordings_key);
    reader.read(sip, "sip", "loop_number", out.loop_number);
    reader.read(sip, "sip", "loop_prompt", out.loop_prompt);
    reader.read(sip, "sip", "music_on_hold", out.music_on_hold);
    reader.read(sip, "sip", "barge_beep", out.barge_beep);
    reader.read(sip, "sip", "nonce_lifetime", out.nonce_lifetime);
    read_digest_algorithms(reader, sip, out);
    read_extensions(reader, sip, out);
    read_trunks(reader, sip, out);
    if (auto reg = reader.ok() ? YamlReader::find(sip, "registrations") : std::nullopt) {
        if (reader.check_map(*reg, "sip.registrations",
                             {"min_expires", "max_expires", "max_contacts"})) {
            reader.read(*reg, "sip.registrations", "min_expires", out.registrations.min_expires);
            reader.read(*reg, "sip.registrations", "max_expires", out.registrations.max_expires);
            reader.read(*reg, "sip.registrations", "max_contacts", out.registrations.max_contacts);
            if (reader.ok() && out.registrations.min_expires > out.registrations.max_expires) {
                reader.fail_at(*reg, "sip.registrations.min_expires",
                               "must not be longer than max_expires");
            }
        }
    }
    if (auto tcp = reader.ok() ? YamlReader::find(sip, "tcp") : std::nullopt) {
        if (reader.check_map(*tcp, "sip.tcp", {"message_timeout", "idle"})) {
            reader.read(*tcp, "sip.tcp", "message_timeout", out.tcp_message_timeout);
            reader.read(*tcp, "sip.tcp", "idle", out.tcp_idle);
        }
    }
    if (auto ping = reader.ok() ? YamlReader::find(sip, "trunk_ping") : std::nullopt) {
        if (reader.check_map(*ping, "sip.trunk_ping", {"interval", "failures"})) {
            reader.read(*ping, "sip.trunk_ping", "interval", out.trunk_ping.interval);
            reader.read(*ping, "sip.trunk_ping", "failures", out.trunk_ping.failures, 1, 100);
            const Duration interval = out.trunk_ping.interval;
            if (reader.ok() && interval != Duration{} && interval < std::chrono::seconds{1}) {
                reader.fail_at(*ping, "sip.trunk_ping.interval",
                               "must be 0 (no pings) or 1s or more");
            }
        }
    }
    if (auto bans = reader.ok() ? YamlReader::find(sip, "bans") : std::nullopt) {
        if (reader.check_map(*bans, "sip.bans", {"max_failures", "window", "ban_time"})) {
            reader.read(*bans, "sip.bans", "max_failures", out.bans.max_failures, 1, 1000);
            reader.read(*bans, "sip.bans", "window", out.bans.window);
            reader.read(*bans, "sip.bans", "ban_time", out.bans.ban_time);
        }
    }
    return reader.ok();
}

/// `media: {address: 127.0.0.1, port_min: 20000, port_max: 29999, workers: 0}`.
bool read_media(YamlReader& reader, const YAML::Node& root, media::MediaSettings& out) {
    auto node = reader.ok() ? YamlReader::find(root, "media") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_map(*node, "media",
                          {"address", "port_min", "port_max", "workers", "rtp_timeout"})) {
        return false;
    }
    int port_min = out.port_min;
    int port_max = out.port_max;
    reader.read(*node, "media", "address", out.address);
    reader.read(*node, "media", "port_min", port_min, 1024, 65534);
    reader.read(*node, "media", "port_max", port_max, 1025, 65535);
    reader.read(*node, "media", "workers", out.workers, 0, 256);
    reader.read(*node, "media", "rtp_timeout", out.rtp_timeout);
    if (!reader.ok()) {
        return false;
    }
    if (port_max - port_min < 3) {
        return reader.fail_at(YamlReader::find(*node, "port_max").value_or(*node), "media.port_max",
                              "must be at least 4 above port_min");
    }
    out.port_min = static_cast<std::uint16_t>(port_min);
    out.port_max = static_cast<std::uint16_t>(port_max);
    return true;
}

/// `dialplan: {"100": {ivr: main}, "200": {queue: sales}}`: numbers the call flow answers.
/// A number is digits (a leading * is for feature codes, so not allowed), and must not be an
/// extension or a test number; the flow or queue must exist.
bool read_dialplan(YamlReader& reader, const YAML::Node& root, ServerConfig& config) {
    auto node = reader.ok() ? YamlReader::find(root, "dialplan") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!node->IsMap()) {
        return reader.fail_at(*node, "dialplan",
                              "expected a map of numbers to {ivr: ...} or {queue: ...}");
    }
    for (const auto& entry : *node) {
        std::string number = entry.first.Scalar();
        std::string path = field_path("dialplan", number);
        if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) {
            return reader.fail_at(entry.first, path,
                                  "a number is digits only, got '" + number + "'");
        }
        if (config.sip.extensions.contains(number) || number == config.sip.echo_number ||
            number == config.sip.loop_number) {
            return reader.fail_at(entry.first, path,
                                  "'" + number + "' is already an extension or a test number");
        }
        if (!reader.check_map(entry.second, path, {"ivr", "queue"})) {
            return false;
        }
        auto ivr = YamlReader::find(entry.second, "ivr");
        auto queue = YamlReader::find(entry.second, "queue");
        if (static_cast<bool>(ivr) == static_cast<bool>(queue)) {
            return reader.fail_at(entry.second, path, "give exactly one of ivr or queue");
        }
        NumberRoute route;
        route.kind = ivr ? NumberRoute::Kind::Ivr : NumberRoute::Kind::Queue;
        reader.read(entry.second, path, ivr ? "ivr" : "queue", route.target);
        if (!reader.ok()) {
            return false;
        }
        bool known = ivr ? config.ivr.contains(route.target)
                         : std::any_of(config.router.queues.begin(), config.router.queues.end(),
                                       [&](const auto& q) { return q.id.str() == route.target; });
        if (!known) {
            return reader.fail_at(
                ivr ? *ivr : *queue, field_path(path, ivr ? "ivr" : "queue"),
                std::string("no ") + (ivr ? "IVR flow" : "queue") + " '" + route.target + "'");
        }
        config.dialplan[number] = route;
    }
    return true;
}

/// An agent's fixed desk is a configured extension, and no two agents share one.
Result<void> check_agent_extensions(const ServerConfig& config) {
    std::map<std::string, std::string> owner;
    for (std::size_t i = 0; i < config.router.agents.size(); ++i) {
        const acd::AgentConfig& agent = config.router.agents[i];
        if (agent.extension.empty()) {
            continue;
        }
        std::string path = "agents[" + std::to_string(i) + "].extension";
        if (!config.sip.extensions.contains(agent.extension)) {
            return fail(Errc::InvalidArgument,
                        path + ": no extension '" + agent.extension + "' in sip.extensions");
        }
        auto [it, fresh] = owner.emplace(agent.extension, agent.id.str());
        if (!fresh) {
            return fail(Errc::InvalidArgument, path + ": extension '" + agent.extension +
                                                   "' is already agent " + it->second + "'s desk");
        }
    }
    return {};
}

/// Queue and callback nodes name queues the router has.
Result<void> check_ivr_queues(const ServerConfig& config) {
    for (const auto& [flow_name, flow] : config.ivr) {
        for (const auto& [name, node] : flow.nodes) {
            const std::string* queue = nullptr;
            if (const auto* q = std::get_if<ivr::QueueNode>(&node.kind)) {
                queue = &q->queue;
            } else if (const auto* c = std::get_if<ivr::CallbackNode>(&node.kind)) {
                queue = &c->queue;
            }
            bool known =
                !queue || std::any_of(config.router.queues.begin(), config.router.queues.end(),
                                      [&](const auto& q) { return q.id.str() == *queue; });
            if (!known) {
                return fail(Errc::InvalidArgument,
                            "ivr." + flow_name + ".nodes." + name + ": no queue '" + *queue + "'");
            }
        }
    }
    return {};
}

/// `retention: {recordings_days: 365, queues: {sales: 90}}`: days, 0 for ever; only
/// configured queues.
bool read_retention(YamlReader& reader, const YAML::Node& root, const acd::RouterConfig& router,
                    RetentionSettings& out) {
    auto section = YamlReader::find(root, "retention");
    if (!section) {
        return true;
    }
    if (!reader.check_map(*section, "retention", {"recordings_days", "queues"}) ||
        !reader.read(*section, "retention", "recordings_days", out.recordings_days, 0, 36500)) {
        return false;
    }
    auto queues = YamlReader::find(*section, "queues");
    if (!queues) {
        return true;
    }
    if (!queues->IsMap()) {
        return reader.fail_at(*queues, "retention.queues",
                              "expected a map of queue to days, e.g. {sales: 90}");
    }
    for (auto it = queues->begin(); it != queues->end(); ++it) {
        const std::string name = it->first.as<std::string>();
        const bool known =
            std::any_of(router.queues.begin(), router.queues.end(),
                        [&](const acd::QueueConfig& q) { return q.id.str() == name; });
        if (!known) {
            return reader.fail_at(it->first, field_path("retention.queues", name),
                                  "no queue '" + name + "' is configured");
        }
        if (!reader.read(*queues, "retention.queues", name, out.queue_days[name], 0, 36500)) {
            return false;
        }
    }
    return true;
}

}  // namespace

Result<ServerConfig> parse_server_config(std::string_view text, std::string_view source_name) {
    try {
        auto root = parse_yaml(text, source_name);
        if (!root) {
            return fail(root.error());
        }
        YamlReader reader{std::string(source_name)};
        ServerConfig config;
        std::vector<std::string_view> sections = kRouterSections;
        sections.push_back("sip");
        sections.push_back("media");
        sections.push_back("ivr");
        sections.push_back("dialplan");
        sections.push_back("store");
        sections.push_back("prompts");
        sections.push_back("web");
        sections.push_back("stats");
        sections.push_back("dial_rules");
        sections.push_back("retention");
        sections.push_back("alerts");
        sections.push_back("mail");
        sections.push_back("webhooks");
        sections.push_back("shifts");
        reader.check_map(*root, "", sections);
        read_router_sections(reader, *root, config.router);
        read_sip(reader, *root, config.sip);
        read_media(reader, *root, config.media);
        load_recordings_key(reader, *root, config);
        read_ivr_flows(reader, *root, config.ivr);
        read_dialplan(reader, *root, config);
        reader.read(*root, "", "store", config.store);
        reader.read(*root, "", "prompts", config.prompts);
        read_web(reader, *root, config.web);
        read_stats(reader, *root, config.stats);
        load_zone(reader, *root, config);
        read_dial_rules(reader, *root, config.dial);
        read_retention(reader, *root, config.router, config.retention);
        std::vector<QueueId> queue_ids;
        for (const acd::QueueConfig& q : config.router.queues) {
            queue_ids.push_back(q.id);
        }
        read_mail(reader, *root, config.mail);
        read_webhooks(reader, *root, config.webhooks);
        read_alerts(reader, *root, queue_ids, config.mail.has_value(), config.alerts);
        read_shifts(reader, *root, config.router, config.shifts);
        if (!reader.ok()) {
            return reader.failure();
        }
        if (auto desks = check_agent_extensions(config); !desks) {
            return fail(Errc::InvalidArgument,
                        std::string(source_name) + ": " + desks.error().message);
        }
        if (auto routed = check_ivr_queues(config); !routed) {
            return fail(Errc::InvalidArgument,
                        std::string(source_name) + ": " + routed.error().message);
        }
        if (auto valid = acd::validate(config.router); !valid) {
            return fail(Errc::InvalidArgument,
                        std::string(source_name) + ": " + valid.error().message);
        }
        const stats::StatsConfig from_router = stats::StatsConfig::from(config.router);
        config.stats.queues = from_router.queues;
        return config;
    } catch (const YAML::Exception& e) {
        return fail(Errc::InvalidArgument, std::string(source_name) + ":" +
                                               std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
}

Result<ServerConfig> load_server_config(const std::string& path) {
    auto text = read_text_file(path);
    if (!text) {
        return fail(text.error());
    }
    return parse_server_config(*text, path);
}

}  // namespace markaz::config
