#include "config/server_config_loader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace markaz::config {
namespace {

using namespace std::chrono_literals;

std::string server_error(const std::string& text) {
    auto config = parse_server_config(text, "s.yaml");
    return config ? "(no error)" : config.error().message;
}

TEST(ServerConfig, LoadsTheDemoConfiguration) {
    auto config =
        load_server_config(std::string(std::getenv("MARKAZ_SOURCE_DIR")) + "/config/demo.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->sip.address, "127.0.0.1");
    EXPECT_EQ(config->sip.port, 5060);
    EXPECT_EQ(config->sip.extensions.size(), 11u);
    EXPECT_EQ(config->sip.extensions.at("1001").password, "secret1001");
    EXPECT_EQ(config->sip.echo_number, "600");
    EXPECT_EQ(config->media.port_min, 20000);
    EXPECT_EQ(config->media.port_max, 29999);
    EXPECT_EQ(config->sip.digest_algorithms.front(), sip::DigestAlgorithm::Md5);
    EXPECT_EQ(config->router.queues.size(), 2u);
    EXPECT_EQ(config->router.agents.size(), 10u);
    // The demo's contract: 100 is the IVR main, 200 the sales queue, desks 1001-1010.
    EXPECT_EQ(config->dialplan.at("100"),
              (config::NumberRoute{config::NumberRoute::Kind::Ivr, "main"}));
    EXPECT_EQ(config->dialplan.at("200"),
              (config::NumberRoute{config::NumberRoute::Kind::Queue, "sales"}));
    EXPECT_EQ(config->router.agents[0].extension, "1001");
    EXPECT_EQ(config->router.agents[9].extension, "1010");
    EXPECT_EQ(config->store, "markaz.db");
    EXPECT_EQ(config->prompts, "prompts");
    // The web desks on 8080, with the demo users of the README.
    ASSERT_TRUE(config->web);
    EXPECT_EQ(config->web->address, "127.0.0.1");
    EXPECT_EQ(config->web->port, 8080);
    EXPECT_EQ(config->web->root, "web/dist");
    ASSERT_EQ(config->web->users.size(), 13u);
    EXPECT_EQ(config->web->users[0].name, "manager");
    EXPECT_EQ(config->web->users[0].password, "demo-manager");
    EXPECT_EQ(config->web->users[1].queues, (std::vector<std::string>{"sales", "support"}));
    EXPECT_EQ(config->web->users[3].agent, "a1001");
    EXPECT_EQ(config->web->users[12].password, "demo-a1010");
    EXPECT_EQ(config->stats.utc_offset, 210min);
    EXPECT_EQ(config->stats.queues.size(), 2u);
}

TEST(ServerConfig, WithoutAWebSectionThereIsNoWebServer) {
    auto config = parse_server_config("store: x.db\n", "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_FALSE(config->web);
    EXPECT_EQ(config->stats.utc_offset, 0min);
}

TEST(ServerConfig, ReadsTheWebAndStatsSections) {
    auto config = parse_server_config(
        "web:\n  listen: 0.0.0.0:9090\n  root: pages\n  openapi: api.json\n  threads: 4\n"
        "  secure_cookies: true\n  trusted_proxies: [10.0.0.1, \"::1\"]\n"
        "  max_connections: 100\n  max_connections_per_address: 20\n  users:\n"
        "    - {name: boss, role: manager, password_hash: \"$argon2id$v=19$m=1\", language: ar,"
        " display_name: The boss}\n"
        "stats: {utc_offset: \"-05:00\", interval: 15m}\n",
        "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_TRUE(config->web);
    EXPECT_EQ(config->web->address, "0.0.0.0");
    EXPECT_EQ(config->web->port, 9090);
    EXPECT_EQ(config->web->root, "pages");
    EXPECT_EQ(config->web->openapi, "api.json");
    EXPECT_EQ(config->web->threads, 4);
    EXPECT_TRUE(config->web->secure_cookies);
    EXPECT_EQ(config->web->trusted_proxies, (std::vector<std::string>{"10.0.0.1", "::1"}));
    EXPECT_EQ(config->web->max_connections, 100);
    EXPECT_EQ(config->web->max_connections_per_address, 20);
    ASSERT_EQ(config->web->users.size(), 1u);
    EXPECT_EQ(config->web->users[0].display_name, "The boss");
    EXPECT_EQ(config->web->users[0].language, "ar");
    EXPECT_EQ(config->stats.utc_offset, -300min);
    EXPECT_EQ(config->stats.interval, 15min);
}

TEST(ServerConfig, WrongWebAndStatsInputNamesTheLineAndField) {
    EXPECT_EQ(server_error("web:\n  listen: 127.0.0.1\n"),
              "s.yaml:2: web.listen: expected address:port like 127.0.0.1:5060, got '127.0.0.1'");
    EXPECT_EQ(server_error("web:\n  port: 80\n"),
              "s.yaml:2: web.port: unknown key (expected one of: listen, root, openapi, threads, "
              "secure_cookies, trusted_proxies, max_connections, max_connections_per_address, "
              "agents_hear_own_calls, users)");
    EXPECT_EQ(server_error("web:\n  trusted_proxies:\n    - 10.0.0.1\n    - proxy.local\n"),
              "s.yaml:4: web.trusted_proxies[1]: expected an IP address, got 'proxy.local'");
    EXPECT_EQ(server_error("web:\n  max_connections_per_address: 0\n"),
              "s.yaml:2: web.max_connections_per_address: 0 is outside 1..1000000");
    EXPECT_EQ(server_error("web:\n  threads: 0\n"), "s.yaml:2: web.threads: 0 is outside 1..64");
    EXPECT_EQ(server_error("web:\n  users: {name: x}\n"),
              "s.yaml:2: web.users: expected a list, got a map");
    EXPECT_EQ(server_error("web:\n  users:\n    - {role: agent, password: longenough}\n"),
              "s.yaml:3: web.users[0].name: missing");
    EXPECT_EQ(server_error("web:\n  users:\n    - {name: x, role: qa}\n"),
              "s.yaml:3: web.users[0]: give exactly one of password or password_hash");
    EXPECT_EQ(
        server_error("web:\n  users:\n    - {name: x, role: qa, password: a, password_hash: b}\n"),
        "s.yaml:3: web.users[0]: give exactly one of password or password_hash");
    EXPECT_EQ(server_error("web:\n  users:\n    - {name: x, role: qa, pasword: longenough}\n"),
              "s.yaml:3: web.users[0].pasword: unknown key (expected one of: name, display_name, "
              "role, password, password_hash, agent, extension, queues, language)");
    EXPECT_EQ(server_error("stats: {utc_offset: Tehran}\n"),
              "s.yaml:1: stats.utc_offset: expected an offset from UTC like +03:30, got 'Tehran'");
    EXPECT_EQ(server_error("stats: {interval: 7m}\n").substr(0, 15), "s.yaml:1: stats");
    EXPECT_EQ(
        server_error("stats: {zone: x}\n"),
        "s.yaml:1: stats.zone: unknown key (expected one of: utc_offset, interval, time_zone)");
}

TEST(ServerConfig, ReadsTheRetentionOfRecordings) {
    auto config = parse_server_config(
        "queues:\n  - {name: sales}\n  - {name: vip}\n"
        "retention: {recordings_days: 365, queues: {sales: 90, vip: 0}}\n",
        "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->retention.recordings_days, 365);
    EXPECT_EQ(config->retention.queue_days,
              (std::map<std::string, int>{{"sales", 90}, {"vip", 0}}));
    EXPECT_EQ(config->retention.days_for({"sales"}), 90);
    EXPECT_EQ(config->retention.days_for({}), 365);
    EXPECT_EQ(config->retention.days_for({"sales", "vip"}), std::nullopt) << "vip keeps for ever";
    auto none = parse_server_config("store: x.db\n", "s.yaml");
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->retention.expires()) << "kept for ever unless configured";
}

/// A directory of its own for key files, removed at the end.
struct KeyDir {
    std::filesystem::path path =
        std::filesystem::path(testing::TempDir()) / ("markaz-keys-" + std::to_string(::getpid()));
    KeyDir() { std::filesystem::create_directories(path / "recordings"); }
    ~KeyDir() { std::filesystem::remove_all(path); }
    std::string key(const std::string& name, const std::string& bytes, mode_t mode) const {
        const auto file = path / name;
        std::ofstream(file, std::ios::binary) << bytes;
        ::chmod(file.c_str(), mode);
        return file.string();
    }
    std::string sip(const std::string& key_file) const {
        return "sip:\n  recordings: " + (path / "recordings").string() +
               "\n  recordings_key: " + key_file + "\n";
    }
};

TEST(ServerConfig, LoadsTheKeyThatSealsRecordings) {
    KeyDir dir;
    auto config =
        parse_server_config(dir.sip(dir.key("r.key", std::string(64, 'f'), 0600)), "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_TRUE(config->media.recording_key);
    EXPECT_EQ(config->media.recording_key->bytes()[0], 0xff);
    auto plain = parse_server_config("store: x.db\n", "s.yaml");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->media.recording_key) << "recordings are plain WAV unless a key is set";
}

TEST(ServerConfig, AWrongRecordingKeyStopsTheStartWithItsReason) {
    KeyDir dir;
    const std::string open_key = dir.key("open.key", std::string(32, 'k'), 0644);
    EXPECT_EQ(server_error(dir.sip(open_key)),
              "s.yaml:3: sip.recordings_key: recording key " + open_key +
                  ": readable or writable by others than its owner; chmod 600 it");
    const std::string short_key = dir.key("short.key", "abc", 0600);
    EXPECT_EQ(server_error(dir.sip(short_key)),
              "s.yaml:3: sip.recordings_key: recording key " + short_key +
                  ": must hold 32 bytes, or 64 hexadecimal digits");
    const std::string inside = dir.key("recordings/r.key", std::string(32, 'k'), 0600);
    EXPECT_EQ(server_error(dir.sip(inside)),
              "s.yaml:3: sip.recordings_key: must be kept outside the recordings folder");
    const std::string none = (dir.path / "none.key").string();
    EXPECT_EQ(server_error(dir.sip(none)), "s.yaml:3: sip.recordings_key: recording key " + none +
                                               ": No such file or directory");
}

TEST(ServerConfig, ReportsCutDaysInTheCentresTimeZone) {
    auto tehran = parse_server_config("stats: {time_zone: Asia/Tehran}\n", "s.yaml");
    ASSERT_TRUE(tehran) << tehran.error().message;
    const WallTime summer_2021{std::chrono::sys_days{std::chrono::year{2021} / 6 / 1}};
    EXPECT_EQ(tehran->zone.offset_at(summer_2021), 270min);
    auto fixed = parse_server_config("stats: {utc_offset: \"+03:30\"}\n", "s.yaml");
    ASSERT_TRUE(fixed);
    EXPECT_EQ(fixed->zone.offset_at(summer_2021), 210min) << "the fixed offset, all year";
    EXPECT_EQ(server_error("stats: {time_zone: Asia/Tehrn}\n"),
              "s.yaml:1: stats.time_zone: unknown time zone 'Asia/Tehrn' (expected an IANA name "
              "like Asia/Tehran)");
}

TEST(ServerConfig, ReadsTheAlertRules) {
    auto config = parse_server_config(
        "queues:\n  - {name: sales}\n"
        "alerts:\n"
        "  - {name: sales-sl, measure: service-level, queue: sales, threshold: 80%,\n"
        "     window: last-hour, min_calls: 10, raise_after: 5m, clear_after: 10m}\n"
        "  - {name: long-breaks, measure: agent-paused, threshold: 15m}\n"
        "  - {name: line, measure: waiting, threshold: 8}\n",
        "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->alerts.size(), 3U);
    const alerts::AlertRule& sl = config->alerts[0];
    EXPECT_EQ(sl.measure, alerts::Measure::ServiceLevel);
    EXPECT_EQ(sl.queue, QueueId{"sales"});
    EXPECT_DOUBLE_EQ(sl.threshold, 0.8);
    EXPECT_EQ(sl.window, alerts::Window::LastHour);
    EXPECT_EQ(sl.min_calls, 10);
    EXPECT_EQ(sl.raise_after, 5min);
    EXPECT_EQ(sl.clear_after, 10min);
    EXPECT_DOUBLE_EQ(config->alerts[1].threshold, 900.0) << "seconds";
    EXPECT_DOUBLE_EQ(config->alerts[2].threshold, 8.0);
    EXPECT_FALSE(config->alerts[2].queue) << "the centre";
}

TEST(ServerConfig, WrongAlertRulesNameTheLineAndField) {
    const std::string queues = "queues:\n  - {name: sales}\n";
    EXPECT_EQ(server_error(queues + "alerts:\n  - {name: a, measure: speed, threshold: 1}\n"),
              "s.yaml:4: alerts[0].measure: unknown value 'speed' (expected one of: "
              "service-level, abandon-rate, waiting, longest-wait, agents-available, "
              "agent-paused, breaks-today, qa-score, trunk-unreachable)");
    EXPECT_EQ(server_error(queues +
                           "alerts:\n  - {name: a, measure: waiting, queue: vip, threshold: 1}\n"),
              "s.yaml:4: alerts[0]: queue: no queue 'vip'");
    EXPECT_EQ(server_error(queues + "alerts:\n  - {name: a, measure: waiting, threshold: 1}\n"
                                    "  - {name: a, measure: waiting, threshold: 2}\n"),
              "s.yaml:5: alerts[1].name: 'a' names two rules");
    EXPECT_EQ(server_error(queues + "alerts:\n  - {name: a, measure: waiting}\n"),
              "s.yaml:4: alerts[0].threshold: missing");
    EXPECT_EQ(server_error(queues + "alerts:\n  - {name: a, measure: waiting, threshold: 1, "
                                    "colour: red}\n")
                  .substr(0, 38),
              "s.yaml:4: alerts[0].colour: unknown ke");
}

TEST(ServerConfig, AlertsAreMailedThroughTheMailServer) {
    const std::string rule =
        "alerts:\n  - {name: a, measure: waiting, threshold: 1, email: [m@c.example], "
        "language: fa}\n";
    auto config =
        parse_server_config(rule +
                                "mail: {smtp: \"smtp://127.0.0.1:2525\", from: markaz@c.example, "
                                "require_tls: true}\n",
                            "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_TRUE(config->mail);
    EXPECT_EQ(config->mail->url, "smtp://127.0.0.1:2525");
    EXPECT_TRUE(config->mail->require_tls);
    EXPECT_EQ(config->alerts[0].email, std::vector<std::string>{"m@c.example"});
    EXPECT_EQ(config->alerts[0].language, "fa");
    EXPECT_EQ(server_error(rule),
              "s.yaml:2: alerts[0].email: needs the mail: section (the SMTP "
              "server to send through)");
    EXPECT_NE(server_error("alerts:\n  - {name: a, measure: waiting, threshold: 1, email: "
                           "[\"m@c.example\\r\\nBcc: x@y.z\"]}\nmail: {smtp: \"smtp://h:25\", "
                           "from: a@b.c}\n")
                  .find("is not a mail address"),
              std::string::npos);
    EXPECT_EQ(server_error("mail: {smtp: \"http://h\", from: a@b.c}\n"),
              "s.yaml:1: mail.smtp: expected smtp://host:port or smtps://host:port");
    EXPECT_EQ(server_error("mail: {smtp: \"smtp://h:25\", from: nobody}\n"),
              "s.yaml:1: mail.from: 'nobody' is not a mail address");
    EXPECT_EQ(server_error("alerts:\n  - {name: a, measure: waiting, threshold: 1, language: "
                           "de}\n"),
              "s.yaml:2: alerts[0]: language: must be en, fa or ar");
}

TEST(ServerConfig, WebhooksNeedAnHttpUrlAndALongSecret) {
    auto config = parse_server_config(
        "webhooks:\n  - {url: \"https://chat.example/hooks/1\", secret: 0123456789abcdef}\n",
        "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->webhooks.size(), 1U);
    EXPECT_EQ(config->webhooks[0].url, "https://chat.example/hooks/1");
    EXPECT_EQ(server_error("webhooks:\n  - {url: \"ftp://x\", secret: 0123456789abcdef}\n"),
              "s.yaml:2: webhooks[0].url: expected an http:// or https:// URL");
    EXPECT_EQ(server_error("webhooks:\n  - {url: \"http://x\", secret: short}\n"),
              "s.yaml:2: webhooks[0].secret: at least 16 characters: the receiver checks "
              "signatures with it");
}

TEST(ServerConfig, ShiftsNameTheirAgentsAndWrongOnesAreNamed) {
    const std::string centre =
        "queues: [{name: sales}]\nagents:\n  - {id: a1, queues: [sales]}\n"
        "  - {id: a2, queues: [sales]}\n";
    auto config = parse_server_config(
        centre +
            "shifts:\n  - {name: morning, start: \"08:00\", end: \"16:00\", days: [sat, sun, "
            "mon, tue, wed], grace: 5m, agents: [a1, a2]}\n",
        "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->shifts.size(), 1U);
    const reports::Shift& s = config->shifts[0];
    EXPECT_EQ(s.start, std::chrono::hours{8});
    EXPECT_EQ(s.end, std::chrono::hours{16});
    EXPECT_EQ(s.grace, std::chrono::minutes{5});
    EXPECT_TRUE(s.days[6]) << "Saturday";
    EXPECT_FALSE(s.days[5]) << "Friday";
    EXPECT_EQ(s.agents, (std::vector<std::string>{"a1", "a2"}));
    const std::string shift = "shifts:\n  - {name: m, start: \"08:00\", end: \"16:00\", ";
    EXPECT_EQ(server_error(centre + shift + "days: [sat], agents: [a9]}\n"),
              "s.yaml:6: shifts[0].agents: no agent 'a9'");
    EXPECT_EQ(server_error(centre + shift + "days: [saturday], agents: [a1]}\n"),
              "s.yaml:6: shifts[0].days: 'saturday' must be one of sat, sun, mon, tue, wed, thu, "
              "fri");
    EXPECT_EQ(server_error(centre + shift + "days: [sat], agents: [a1]}\n" +
                           "  - {name: n, start: \"16:00\", end: \"23:00\", days: [sat], "
                           "agents: [a1]}\n"),
              "s.yaml:7: shifts[1].agents: agent 'a1' is in another shift already");
    EXPECT_EQ(
        server_error(centre + "shifts:\n  - {name: m, start: \"8\", end: \"16:00\", days: [sat], "
                              "agents: [a1]}\n"),
        "s.yaml:6: shifts[0].start: must be a time of day as HH:MM, 00:00 to 23:59");
}

TEST(ServerConfig, WrongRetentionNamesTheLineAndField) {
    const std::string queues = "queues:\n  - {name: sales}\n";
    EXPECT_EQ(server_error(queues + "retention: {recordings_days: -1}\n"),
              "s.yaml:3: retention.recordings_days: -1 is outside 0..36500");
    EXPECT_EQ(server_error(queues + "retention: {queues: {support: 30}}\n"),
              "s.yaml:3: retention.queues.support: no queue 'support' is configured");
    EXPECT_EQ(server_error(queues + "retention: {queues: [sales]}\n"),
              "s.yaml:3: retention.queues: expected a map of queue to days, e.g. {sales: 90}");
    EXPECT_EQ(server_error(queues + "retention: {days: 3}\n"),
              "s.yaml:3: retention.days: unknown key (expected one of: recordings_days, queues)");
    EXPECT_EQ(server_error(queues + "retention: {queues: {sales: soon}}\n").substr(0, 33),
              "s.yaml:3: retention.queues.sales:");
}

TEST(ServerConfig, ReadsTheDialRulesAndEachExtensionsClass) {
    auto config = parse_server_config(R"(sip:
  extensions:
    - {number: "1001", password: longenough}
    - {number: "1009", password: longenough, class: managers}
dial_rules:
  default_class: agents
  classes:
    agents: {outbound: ["09XXXXXXXXX"], max_calls: 2}
    managers: {outbound: ["09XXXXXXXXX", "00."]}
  callbacks: ["0[1-8]XXXXXXXXX"]
)",
                                      "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->dial.class_of("1001").name, "agents");
    EXPECT_EQ(config->dial.class_of("1009").name, "managers");
    EXPECT_EQ(config->dial.max_calls("1001"), 2);
    EXPECT_EQ(config->dial.max_calls("1009"), 4);
    EXPECT_TRUE(config->dial.refuse_outbound("1001", "0044207"));
    EXPECT_FALSE(config->dial.refuse_outbound("1009", "0044207"));
    EXPECT_FALSE(config->dial.refuse_callback("02112345678"));
    EXPECT_TRUE(config->dial.refuse_callback("09121234567"));
    // Without the section: any number, 4 calls.
    auto open = parse_server_config("store: x.db\n", "s.yaml");
    ASSERT_TRUE(open);
    EXPECT_FALSE(open->dial.refuse_outbound("1001", "0044207"));
}

TEST(ServerConfig, WrongDialRulesNameTheLineAndField) {
    EXPECT_EQ(server_error("dial_rules:\n  default_class: agents\n  classes:\n"
                           "    agents: {outbound: [\"09X?\"]}\n"),
              "s.yaml:4: dial_rules.classes.agents.outbound[0]: '09X?': '?' is not a digit, + * "
              "#, X, Z, N, a [set], or a final . or ! at character 4");
    EXPECT_EQ(server_error("dial_rules:\n  default_class: staff\n  classes:\n    agents: {}\n"),
              "s.yaml:2: dial_rules.default_class: 'staff' is not a class (classes: agents)");
    EXPECT_EQ(server_error("dial_rules:\n  classes:\n    agents: {}\n"),
              "s.yaml:2: dial_rules.default_class: missing");
    EXPECT_EQ(server_error("dial_rules:\n  default_class: agents\n  classes:\n"
                           "    agents: {max_calls: 0}\n"),
              "s.yaml:4: dial_rules.classes.agents.max_calls: 0 is outside 1..1000");
    EXPECT_EQ(server_error("dial_rules:\n  default_class: agents\n  classes:\n"
                           "    agents: {outbund: []}\n"),
              "s.yaml:4: dial_rules.classes.agents.outbund: unknown key (expected one of: "
              "outbound, max_calls, monitor, listen_only)");
    EXPECT_EQ(server_error("sip:\n  extensions:\n    - {number: \"1001\", password: longenough,"
                           " class: boss}\ndial_rules:\n  default_class: agents\n  classes:\n"
                           "    agents: {}\n"),
              "s.yaml:3: sip.extensions[0].class: unknown class 'boss' (dial_rules.classes: "
              "agents)");
    EXPECT_EQ(server_error("sip:\n  extensions:\n    - {number: \"1001\", password: longenough,"
                           " class: boss}\n"),
              "s.yaml:3: sip.extensions[0].class: 'boss': there is no dial_rules section naming "
              "classes");
}

TEST(ServerConfig, ReadsEveryField) {
    auto config = parse_server_config(R"(sip:
  listen: 0.0.0.0:5070
  realm: acme
  nonce_lifetime: 2m
  digest_algorithms: [SHA-256]
  registrations: {min_expires: 30s, max_expires: 2h, max_contacts: 3}
  bans: {max_failures: 10, window: 5m, ban_time: 1h}
  tcp: {message_timeout: 5s, idle: 2h}
  extensions:
    - {number: "200", password: longenough}
)",
                                      "s.yaml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->sip.address, "0.0.0.0");
    EXPECT_EQ(config->sip.port, 5070);
    EXPECT_EQ(config->sip.realm, "acme");
    EXPECT_EQ(config->sip.nonce_lifetime, 2min);
    EXPECT_EQ(config->sip.digest_algorithms, std::vector{sip::DigestAlgorithm::Sha256});
    EXPECT_EQ(config->sip.registrations.max_contacts, 3u);
    EXPECT_EQ(config->sip.bans.ban_time, 1h);
    EXPECT_EQ(config->sip.tcp_message_timeout, 5s);
    EXPECT_EQ(config->sip.tcp_idle, 2h);
    EXPECT_TRUE(config->router.queues.empty());
}

TEST(ServerConfig, WrongInputNamesTheLineAndField) {
    EXPECT_EQ(server_error("sip:\n  listen: 127.0.0.1\n"),
              "s.yaml:2: sip.listen: expected address:port like 127.0.0.1:5060, got '127.0.0.1'");
    EXPECT_EQ(server_error("sip:\n  listen: 127.0.0.1:70000\n"),
              "s.yaml:2: sip.listen: port must be 1..65535, got '70000'");
    EXPECT_EQ(server_error("sip:\n  relm: x\n"),
              "s.yaml:2: sip.relm: unknown key (expected one of: listen, realm, nonce_lifetime, "
              "digest_algorithms, extensions, trunks, registrations, bans, echo_number, "
              "recordings, loop_number, loop_prompt, music_on_hold, tcp, recordings_key, "
              "trunk_ping, barge_beep)");
    EXPECT_EQ(server_error("sip:\n  tcp: {idle: 5 minutes}\n").substr(0, 22),
              "s.yaml:2: sip.tcp.idle");
    EXPECT_EQ(server_error("sip:\n  digest_algorithms: [SHA-1]\n"),
              "s.yaml:2: sip.digest_algorithms[0]: unknown value 'SHA-1' (expected one of: MD5, "
              "SHA-256)");
    EXPECT_EQ(server_error("sip:\n  extensions:\n    - {number: \"12a\", password: secret1234}\n"),
              "s.yaml:3: sip.extensions[0].number: expected digits, got '12a'");
    EXPECT_EQ(server_error("sip:\n  extensions:\n    - {number: \"100\", password: short}\n"),
              "s.yaml:3: sip.extensions[0].password: must be at least 8 characters");
    EXPECT_EQ(server_error("sip:\n  extensions:\n    - {number: \"100\", password: secret100}\n"
                           "    - {number: \"100\", password: secret100}\n"),
              "s.yaml:4: sip.extensions[1].number: duplicate extension '100'");
    EXPECT_EQ(server_error("sip:\n  trunks:\n    - {name: t, target: 10.0.0.5}\n"),
              "s.yaml:3: sip.trunks[0].target: expected host:port, got '10.0.0.5'");
    EXPECT_EQ(server_error("sip:\n  trunks:\n    - {name: t, target: 10.0.0.5:5060}\n"),
              "s.yaml:3: sip.trunks[0].dial_prefix: missing (which dialled numbers go to "
              "10.0.0.5:5060?)");
    EXPECT_EQ(server_error("sip:\n  trunks:\n    - {name: t}\n"),
              "s.yaml:3: sip.trunks[0]: a trunk needs allow (inbound) or target (outbound)");
    EXPECT_EQ(
        server_error("sip:\n  trunks:\n    - {name: t, allow: [a]}\n    - {name: t, allow: [b]}\n"),
        "s.yaml:4: sip.trunks[1].name: duplicate trunk 't'");
    EXPECT_EQ(server_error("http: {}\n"),
              "s.yaml:1: http: unknown key (expected one of: pause_reasons, queues, agents, sip, "
              "media, ivr, dialplan, store, prompts, web, stats, dial_rules, retention, alerts, "
              "mail, webhooks, shifts)");
    // The dialplan: digits, not an extension, one of ivr or queue, and one that exists.
    const std::string sales = "queues: [{name: sales}]\n";
    EXPECT_EQ(server_error(sales + "dialplan: {\"*5\": {queue: sales}}\n"),
              "s.yaml:2: dialplan.*5: a number is digits only, got '*5'");
    EXPECT_EQ(server_error(sales + "dialplan: {\"600\": {queue: sales}}\n"),
              "s.yaml:2: dialplan.600: '600' is already an extension or a test number");
    EXPECT_EQ(server_error(sales + "dialplan: {\"200\": {queue: sales, ivr: main}}\n"),
              "s.yaml:2: dialplan.200: give exactly one of ivr or queue");
    EXPECT_EQ(server_error(sales + "dialplan: {\"200\": {queue: sles}}\n"),
              "s.yaml:2: dialplan.200.queue: no queue 'sles'");
    EXPECT_EQ(server_error(sales + "dialplan: {\"100\": {ivr: main}}\n"),
              "s.yaml:2: dialplan.100.ivr: no IVR flow 'main'");
    EXPECT_EQ(server_error(sales + "dialplan: [100]\n"),
              "s.yaml:2: dialplan: expected a map of numbers to {ivr: ...} or {queue: ...}");
    // An agent's desk is a configured extension, and only theirs.
    EXPECT_EQ(server_error(sales + "agents: [{id: a1, queues: [sales], extension: \"1009\"}]\n"),
              "s.yaml: agents[0].extension: no extension '1009' in sip.extensions");
    EXPECT_EQ(server_error("media: {port_min: 30000, port_max: 30002}\n"),
              "s.yaml:1: media.port_max: must be at least 4 above port_min");
    EXPECT_EQ(server_error("media: {port_min: 80}\n"),
              "s.yaml:1: media.port_min: 80 is outside 1024..65534");
}

}  // namespace
}  // namespace markaz::config
