#include "api/phone_audit.h"

#include <nlohmann/json.hpp>

namespace markaz::api {

namespace {

/// The user a dialled-in supervisor's monitor names: "phone 1004".
constexpr std::string_view kPhone = "phone ";

}  // namespace

void PhoneAudit::note(const FlowEvent& event) {
    const auto* joined = std::get_if<flow::MonitorJoined>(&event);
    if (!joined || !joined->monitor.user.starts_with(kPhone)) {
        return;  // the console's requests are audited by their handlers
    }
    AuditEntry entry;
    entry.at = joined->monitor.since;
    entry.username = joined->monitor.user;
    entry.address = joined->monitor.user;
    entry.action = "call-monitor";
    entry.target = joined->call.str();
    entry.detail = nlohmann::json{
        {"mode", std::string(kMonitorModeNames.name(joined->monitor.mode))},
        {"extension", joined->monitor.extension},
        {"from",
         "phone"}}.dump();
    std::lock_guard lock{mutex_};
    noted_.push_back({std::move(entry), joined->monitor.extension});
}

void PhoneAudit::flush(AuditLog& audit, const UserDirectory& users) {
    std::vector<Noted> noted;
    {
        std::lock_guard lock{mutex_};
        noted.swap(noted_);
    }
    if (noted.empty()) {
        return;
    }
    const std::vector<User> everyone = users.list();
    for (auto& [entry, extension] : noted) {
        for (const User& user : everyone) {
            if (user.extension == extension) {
                entry.username = user.username;
                break;
            }
        }
        audit.record(std::move(entry));
    }
}

}  // namespace markaz::api
