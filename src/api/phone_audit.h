#pragma once

// Monitoring started from a supervisor's own phone (*31, *32, *33) is in the audit log like one
// started from the console (docs/api.md "Audit log"). The core loop notes it as it happens
// (note(): it must not block, and the audit log writes to the store); the HTTP server's ticker
// writes what was noted (flush()), a fraction of a second later.

#include <mutex>
#include <string>
#include <vector>

#include "api/audit.h"
#include "api/call_book.h"
#include "api/users.h"

namespace markaz::api {

class PhoneAudit {
public:
    /// A change of a live call: a supervisor's phone that dialled in is kept for the log.
    /// Thread: the core loop.
    void note(const FlowEvent& event);
    /// Records what was noted: as the user whose extension the phone is (else "phone <ext>"),
    /// from the phone. Thread: any but the core loop.
    void flush(AuditLog& audit, const UserDirectory& users);

private:
    /// An entry to record, and the phone whose user it is to name.
    struct Noted {
        AuditEntry entry;
        std::string extension;
    };
    std::mutex mutex_;
    std::vector<Noted> noted_;
};

}  // namespace markaz::api
