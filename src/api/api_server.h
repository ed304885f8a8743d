#pragma once

// The HTTP API of Markaz as one object: main() creates it with the running centre, the users
// and the audit log, and starts it. Everything else of src/api is behind it.

#include <memory>

#include "api/api_options.h"
#include "api/api_tokens.h"
#include "api/audit.h"
#include "api/center.h"
#include "api/phone_audit.h"
#include "api/sessions.h"
#include "api/users.h"

namespace markaz::api {

/// Owns the sessions, tokens, login limits, the live feed and the HTTP server, and subscribes
/// to the centre's events for as long as it lives. `center`, `users` and `audit` must outlive
/// it. Thread: construct, start and stop from one thread (main); the rest runs on the HTTP
/// threads.
class ApiServer {
public:
    ApiServer(Center& center, UserDirectory& users, AuditLog& audit, ApiOptions options);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    /// Reads the OpenAPI document and starts listening. Throws std::runtime_error naming what
    /// failed (the address, the file): a startup failure.
    void start();
    /// Closes WebSockets with 1001 and stops; also done by the destructor.
    void stop();
    /// The port listened on (the chosen one when the options said 0).
    unsigned short port() const;

    SessionStore& sessions();
    TokenStore& tokens();
    /// Where the core loop notes monitoring started from phones, for the audit log.
    PhoneAudit& phone_audit();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::api
