#include "api/api_server.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "api/agent_notes.h"
#include "api/api_service.h"
#include "api/http_server.h"
#include "api/live_feed.h"
#include "api/login_limiter.h"
#include "api/running_counters.h"
#include "api/server_counters.h"

namespace markaz::api {

struct ApiServer::Impl {
    Impl(Center& c, UserDirectory& u, AuditLog& a, ApiOptions o)
        : options(std::move(o)),
          sessions(options.sessions),
          limiter(options.login_limits),
          running(c.router_config()),
          feed(c, notes, sessions, tokens, counters, options.pacing),
          deps{c, u, a, sessions, tokens, limiter, notes, counters, running, feed, options, {}, {}},
          service(deps),
          http(options, service, feed, counters, sessions,
               [this] { phone_audit.flush(deps.audit, deps.users); }) {
        counters.started_at = deps.now();
        // Last, so that every part the listener feeds exists; destroyed first (members go in
        // reverse order), so no event arrives at a part being destroyed.
        subscription = c.subscribe([this](const acd::Event& event) {
            notes.apply(event);
            running.apply(event);
            feed.on_event(event);
        });
        call_watch = c.watch_calls([this](const CallId& call) { feed.on_call_changed(call); });
    }

    ApiOptions options;
    SessionStore sessions;
    TokenStore tokens;
    LoginLimiter limiter;
    AgentNotes notes;
    ServerCounters counters;
    RunningCounters running;
    LiveFeed feed;
    ApiDeps deps;
    ApiService service;
    PhoneAudit phone_audit;
    HttpServer http;
    std::shared_ptr<void> subscription;
    std::shared_ptr<void> call_watch;
};

ApiServer::ApiServer(Center& center, UserDirectory& users, AuditLog& audit, ApiOptions options)
    : impl_(std::make_unique<Impl>(center, users, audit, std::move(options))) {}

ApiServer::~ApiServer() {
    stop();
}

void ApiServer::start() {
    if (!impl_->options.openapi_path.empty()) {
        std::ifstream in(impl_->options.openapi_path, std::ios::binary);
        if (!in) {
            throw std::runtime_error("api: cannot read the OpenAPI document " +
                                     impl_->options.openapi_path);
        }
        std::ostringstream text;
        text << in.rdbuf();
        impl_->deps.openapi_text = std::move(text).str();
    }
    impl_->http.start();
}

void ApiServer::stop() {
    impl_->http.stop();
}

unsigned short ApiServer::port() const {
    return impl_->http.port();
}

SessionStore& ApiServer::sessions() {
    return impl_->sessions;
}

TokenStore& ApiServer::tokens() {
    return impl_->tokens;
}

PhoneAudit& ApiServer::phone_audit() {
    return impl_->phone_audit;
}

}  // namespace markaz::api
