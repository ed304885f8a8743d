// KPI alert rules through the API (docs/api.md "GET /api/v1/alert-rules", docs/alerts.md):
// managers set any rule, supervisors rules on their teams' queues; the configuration file's
// rules are shown read-only. Each change is kept in the store first, then the core loop
// evaluates the whole set from its next check.

#include <algorithm>

#include "api/alert_rule_json.h"
#include "api/alert_rule_store.h"
#include "api/endpoint.h"
#include "api/stats_json.h"

namespace markaz::api {
namespace {

/// Whether `user` may change `rule`: managers any, supervisors those of their teams' queues
/// (not the queues they answer in as an agent).
bool may_change(const User& user, const alerts::AlertRule& rule) {
    return user.role == Role::Manager ||
           (user.role == Role::Supervisor && rule.queue &&
            std::find(user.queues.begin(), user.queues.end(), *rule.queue) != user.queues.end());
}

/// Whether `reader` sees `rule`: managers all, supervisors their queues' and the centre's.
bool may_see(const Scope& reader, const alerts::AlertRule& rule) {
    return !rule.queue || reader.may_read_queue(*rule.queue);
}

Json view_json(const alerts::AlertRule& rule, const StoredAlertRule* stored, bool editable) {
    Json out = alert_rule_json(rule);
    out["source"] = stored != nullptr ? "api" : "configuration";
    out["editable"] = editable;
    out["created_by"] = stored != nullptr ? Json(stored->created_by) : Json();
    out["updated_at_ms"] = stored != nullptr ? Json(ms(stored->updated)) : Json();
    return out;
}

std::vector<QueueId> queue_ids(const acd::RouterConfig& config) {
    std::vector<QueueId> out;
    for (const acd::QueueConfig& q : config.queues) {
        out.push_back(q.id);
    }
    return out;
}

bool configured(const RequestContext& c, const std::string& name) {
    const auto& rules = c.deps.options.configured_alert_rules;
    return std::any_of(rules.begin(), rules.end(),
                       [&](const alerts::AlertRule& r) { return r.name == name; });
}

/// The configuration's rules and the stored ones, handed to the core loop; the error if not.
std::optional<ApiError> evaluate_all(const RequestContext& c,
                                     const std::vector<StoredAlertRule>& stored) {
    std::vector<alerts::AlertRule> all = c.deps.options.configured_alert_rules;
    for (const StoredAlertRule& s : stored) {
        if (!configured(c, s.rule.name)) {
            all.push_back(s.rule);
        }
    }
    if (auto done = c.deps.center.replace_alert_rules(std::move(all)); !done) {
        return from_engine(done.error());
    }
    return std::nullopt;
}

HttpResponse list_rules(RequestContext& c) {
    AlertRuleStore* store = c.deps.options.alert_rule_store;
    if (store == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no alert rules"));
    }
    auto stored = store->alert_rules();
    if (!stored) {
        return error_response(ApiError::unavailable(stored.error().message));
    }
    const Scope reader(c.user(), c.deps.center.router_config());
    std::vector<std::pair<std::string, Json>> rows;
    for (const alerts::AlertRule& r : c.deps.options.configured_alert_rules) {
        if (may_see(reader, r)) {
            rows.emplace_back(r.name, view_json(r, nullptr, false));
        }
    }
    for (const StoredAlertRule& s : *stored) {
        if (may_see(reader, s.rule) && !configured(c, s.rule.name)) {
            rows.emplace_back(s.rule.name, view_json(s.rule, &s, may_change(c.user(), s.rule)));
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    Json out = Json::array();
    for (auto& [name, json] : rows) {
        out.push_back(std::move(json));
    }
    return json_reply(200,
                      Json{{"rules", std::move(out)}, {"mail", c.deps.options.mail_configured}});
}

/// Create (`name` empty) or replace the rule `name` from the body.
HttpResponse save_rule(RequestContext& c, const std::string& name) {
    AlertRuleStore* store = c.deps.options.alert_rule_store;
    if (store == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no alert rules"));
    }
    if (auto refused = check_fields(c.body, alert_rule_fields())) {
        return error_response(*refused);
    }
    const acd::RouterConfig config = c.deps.center.router_config();
    auto rule = alert_rule_from_json(c.body, queue_ids(config));
    if (!rule) {
        return error_response(rule.error());
    }
    if (!rule->email.empty() && !c.deps.options.mail_configured) {
        return error_response(
            ApiError::invalid_value("email", "no mail server is configured (mail:)"));
    }
    const bool create = name.empty();
    if (!create && rule->name != name) {
        return error_response(
            ApiError::invalid_value("name", "must be the rule's, '" + name + "'"));
    }
    if (configured(c, rule->name)) {
        return error_response(
            ApiError::conflict("rule '" + rule->name + "' is set in the configuration file"));
    }
    auto stored = store->alert_rules();
    if (!stored) {
        return error_response(ApiError::unavailable(stored.error().message));
    }
    const Scope reader(c.user(), config);
    auto was = std::find_if(stored->begin(), stored->end(),
                            [&](const StoredAlertRule& s) { return s.rule.name == rule->name; });
    if (create && was != stored->end()) {
        return error_response(ApiError::conflict("rule '" + rule->name + "' exists", "name"));
    }
    if (!create && (was == stored->end() || !may_change(c.user(), was->rule))) {
        return error_response(ApiError::not_found("no alert rule '" + name + "' of yours"));
    }
    if (!may_change(c.user(), *rule)) {
        return error_response(ApiError::forbidden(
            rule->queue ? "queue '" + rule->queue->str() + "' is not in your teams"
                        : "a supervisor's rule watches one of their teams' queues",
            "queue"));
    }
    StoredAlertRule kept{*rule, create ? c.user().username : was->created_by, c.now};
    if (auto saved = store->put_alert_rule(kept); !saved) {
        return error_response(ApiError::unavailable(saved.error().message));
    }
    if (create) {
        stored->push_back(kept);
    } else {
        *was = kept;
    }
    if (auto refused = evaluate_all(c, *stored)) {
        return error_response(*refused);
    }
    audit(c, create ? "alert-rule-create" : "alert-rule-update", rule->name,
          alert_rule_json(*rule));
    return json_reply(create ? 201 : 200, Json{{"rule", view_json(*rule, &kept, true)}});
}

HttpResponse create_rule(RequestContext& c) {
    return save_rule(c, "");
}

HttpResponse update_rule(RequestContext& c) {
    return save_rule(c, c.param("name"));
}

HttpResponse delete_rule(RequestContext& c) {
    AlertRuleStore* store = c.deps.options.alert_rule_store;
    if (store == nullptr) {
        return error_response(ApiError::unavailable("this server keeps no alert rules"));
    }
    const std::string& name = c.param("name");
    if (configured(c, name)) {
        return error_response(
            ApiError::conflict("rule '" + name + "' is set in the configuration file"));
    }
    auto stored = store->alert_rules();
    if (!stored) {
        return error_response(ApiError::unavailable(stored.error().message));
    }
    const Scope reader(c.user(), c.deps.center.router_config());
    auto was = std::find_if(stored->begin(), stored->end(),
                            [&](const StoredAlertRule& s) { return s.rule.name == name; });
    if (was == stored->end() || !may_change(c.user(), was->rule)) {
        return error_response(ApiError::not_found("no alert rule '" + name + "' of yours"));
    }
    const Json detail = alert_rule_json(was->rule);
    if (auto removed = store->remove_alert_rule(name); !removed) {
        return error_response(ApiError::unavailable(removed.error().message));
    }
    stored->erase(was);
    if (auto refused = evaluate_all(c, *stored)) {
        return error_response(*refused);
    }
    audit(c, "alert-rule-delete", name, detail);
    return no_content();
}

}  // namespace

void add_alert_rule_endpoints(std::vector<Endpoint>& out) {
    const unsigned who = kManager | kSupervisor;
    out.push_back({.method = Method::Get,
                   .pattern = "/api/v1/alert-rules",
                   .roles = who,
                   .handler = list_rules});
    out.push_back({.method = Method::Post,
                   .pattern = "/api/v1/alert-rules",
                   .roles = who,
                   .takes_body = true,
                   .handler = create_rule});
    out.push_back({.method = Method::Put,
                   .pattern = "/api/v1/alert-rules/{name}",
                   .roles = who,
                   .takes_body = true,
                   .handler = update_rule});
    out.push_back({.method = Method::Delete,
                   .pattern = "/api/v1/alert-rules/{name}",
                   .roles = who,
                   .handler = delete_rule});
}

}  // namespace markaz::api
