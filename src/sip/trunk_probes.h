#pragma once

// Markaz's OPTIONS pings to the trunks it dials out through (docs/alerts.md "Trunks"), the way
// Asterisk's qualify and FreeSWITCH's gateway pings watch a carrier: every interval one OPTIONS
// to each trunk's target. Any answer, even 401, 404 or 405, says the peer is there; a ping
// still unanswered at the next one, or answered 408 or 503 (which is also what the stack says
// for a timeout or an address that refuses UDP), counts as a failure, and `failures` in a row make
// the trunk unreachable. The first result and every change are told (SipNotice TrunkReachable /
// TrunkUnreachable), so the centre knows each trunk's state from the start. Thread: the SIP thread.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sip/sip_server.h"
#include "sip/sofia.h"

namespace markaz::sip {

/// One trunk's answers so far. Pure.
struct ProbeState {
    std::optional<bool> reachable;  ///< unknown until the first result
    int failures = 0;               ///< in a row

    /// The trunk's state after this ping, when it is new: the first answer, a trunk back, or
    /// the `failures_to_down`-th failure in a row.
    std::optional<bool> record(bool answered, int failures_to_down);
};

class TrunkProbes {
public:
    using Report = std::function<void(SipNotice::Kind kind, std::string trunk, std::string target)>;

    /// Watches the trunks of `trunks` that have a target.
    TrunkProbes(nua_t* nua, const std::vector<Trunk>& trunks, int failures_to_down, Report report);

    bool empty() const { return probes_.empty(); }
    /// Counts each ping still unanswered as failed (its transaction is dropped), then sends the
    /// next one to every trunk. Called every interval.
    void ping();
    bool owns(nua_handle_t* nh) const;
    void on_event(nua_event_t event, int status, nua_handle_t* nh);

private:
    struct Probe {
        std::string name;
        std::string target;  ///< host:port
        sofia::Handle nh;    ///< the ping in flight; none between pings
        ProbeState state;
    };
    void result(Probe& probe, bool answered);

    nua_t* nua_;
    int failures_to_down_;
    Report report_;
    std::vector<Probe> probes_;
};

}  // namespace markaz::sip
