#include "config/alerts_yaml.h"

#include <set>

#include "mail/mail_message.h"

namespace markaz::config {
namespace {

/// The threshold in the rule's unit: a share for ratios ("80%" or 0.8), seconds for waits and
/// pauses ("90s", "15m"), a count otherwise.
bool read_threshold(YamlReader& reader, const YAML::Node& rule, const std::string& path,
                    alerts::AlertRule& out) {
    using alerts::Measure;
    if (out.measure == Measure::ServiceLevel || out.measure == Measure::AbandonRate) {
        return reader.read_fraction(rule, path, "threshold", out.threshold);
    }
    if (out.measure == Measure::TrunkUnreachable) {
        out.threshold = 0;  // it answers or it does not: no threshold to give
        return true;
    }
    if (!reader.require(rule, path, "threshold")) {
        return false;
    }
    if (out.measure == Measure::QaScore) {
        // A score in percent: "80%" or 80.
        if (auto node = YamlReader::find(rule, "threshold");
            node && node->IsScalar() && !node->Scalar().empty() && node->Scalar().back() == '%') {
            if (!reader.read_fraction(rule, path, "threshold", out.threshold)) {
                return false;
            }
            out.threshold *= 100;
            return true;
        }
        int score = 0;
        if (!reader.read(rule, path, "threshold", score, 0, 100)) {
            return false;
        }
        out.threshold = score;
        return true;
    }
    if (out.measure == Measure::LongestWait || out.measure == Measure::AgentPaused ||
        out.measure == Measure::BreaksToday) {
        Duration d{};
        if (!reader.read(rule, path, "threshold", d)) {
            return false;
        }
        out.threshold = seconds(d);
        return true;
    }
    int count = 0;
    if (!reader.read(rule, path, "threshold", count, 0, 100000)) {
        return false;
    }
    out.threshold = count;
    return true;
}

}  // namespace

bool read_mail(YamlReader& reader, const YAML::Node& root, std::optional<mail::SmtpSettings>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "mail") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_map(*node, "mail",
                          {"smtp", "from", "username", "password", "require_tls", "timeout"}) ||
        !reader.require(*node, "mail", "smtp") || !reader.require(*node, "mail", "from")) {
        return false;
    }
    mail::SmtpSettings s;
    reader.read(*node, "mail", "smtp", s.url);
    reader.read(*node, "mail", "from", s.from);
    reader.read(*node, "mail", "username", s.username);
    reader.read(*node, "mail", "password", s.password);
    reader.read(*node, "mail", "require_tls", s.require_tls);
    reader.read(*node, "mail", "timeout", s.timeout);
    if (!reader.ok()) {
        return false;
    }
    if (s.url.rfind("smtp://", 0) != 0 && s.url.rfind("smtps://", 0) != 0) {
        return reader.fail_at(*YamlReader::find(*node, "smtp"), "mail.smtp",
                              "expected smtp://host:port or smtps://host:port");
    }
    if (!mail::is_mail_address(s.from)) {
        return reader.fail_at(*YamlReader::find(*node, "from"), "mail.from",
                              "'" + s.from + "' is not a mail address");
    }
    out = std::move(s);
    return true;
}

bool read_webhooks(YamlReader& reader, const YAML::Node& root,
                   std::vector<webhook::WebhookSettings>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "webhooks") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "webhooks")) {
        return false;
    }
    for (std::size_t i = 0; i < node->size(); ++i) {
        const YAML::Node hook = (*node)[i];
        const std::string path = "webhooks[" + std::to_string(i) + "]";
        if (!reader.check_map(hook, path, {"url", "secret", "timeout"}) ||
            !reader.require(hook, path, "url") || !reader.require(hook, path, "secret")) {
            return false;
        }
        webhook::WebhookSettings w;
        reader.read(hook, path, "url", w.url);
        reader.read(hook, path, "secret", w.secret);
        reader.read(hook, path, "timeout", w.timeout);
        if (!reader.ok()) {
            return false;
        }
        if (w.url.rfind("http://", 0) != 0 && w.url.rfind("https://", 0) != 0) {
            return reader.fail_at(hook, path + ".url", "expected an http:// or https:// URL");
        }
        if (w.secret.size() < 16) {
            return reader.fail_at(hook, path + ".secret",
                                  "at least 16 characters: the receiver checks signatures with it");
        }
        out.push_back(std::move(w));
    }
    return true;
}

bool read_alerts(YamlReader& reader, const YAML::Node& root, const std::vector<QueueId>& queues,
                 bool mail_configured, std::vector<alerts::AlertRule>& out) {
    auto node = reader.ok() ? YamlReader::find(root, "alerts") : std::nullopt;
    if (!node) {
        return reader.ok();
    }
    if (!reader.check_sequence(*node, "alerts")) {
        return false;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < node->size(); ++i) {
        const YAML::Node rule = (*node)[i];
        const std::string path = "alerts[" + std::to_string(i) + "]";
        if (!reader.check_map(rule, path,
                              {"name", "measure", "queue", "threshold", "window", "min_calls",
                               "raise_after", "clear_after", "email", "language"}) ||
            !reader.require(rule, path, "name") || !reader.require(rule, path, "measure")) {
            return false;
        }
        alerts::AlertRule r;
        std::string queue;
        reader.read(rule, path, "name", r.name);
        reader.read(rule, path, "measure", alerts::kMeasureNames, r.measure);
        reader.read(rule, path, "queue", queue);
        reader.read(rule, path, "window", alerts::kWindowNames, r.window);
        reader.read(rule, path, "min_calls", r.min_calls, 0, 100000);
        reader.read(rule, path, "raise_after", r.raise_after);
        reader.read(rule, path, "clear_after", r.clear_after);
        reader.read(rule, path, "email", r.email);
        reader.read(rule, path, "language", r.language);
        if (!reader.ok() || !read_threshold(reader, rule, path, r)) {
            return false;
        }
        if (!queue.empty()) {
            r.queue = QueueId(queue);
        }
        if (auto valid = alerts::validate(r, queues); !valid) {
            return reader.fail_at(rule, path, valid.error().message);
        }
        for (const std::string& address : r.email) {
            if (!mail::is_mail_address(address)) {
                return reader.fail_at(rule, path + ".email",
                                      "'" + address + "' is not a mail address");
            }
        }
        if (!r.email.empty() && !mail_configured) {
            return reader.fail_at(rule, path + ".email",
                                  "needs the mail: section (the SMTP server to send through)");
        }
        if (!names.insert(r.name).second) {
            return reader.fail_at(rule, path + ".name", "'" + r.name + "' names two rules");
        }
        out.push_back(std::move(r));
    }
    return true;
}

}  // namespace markaz::config
