#include "sip/trunk_probes.h"

#include <algorithm>

namespace markaz::sip {

std::optional<bool> ProbeState::record(bool answered, int failures_to_down) {
    if (answered) {
        failures = 0;
        if (reachable != true) {
            reachable = true;
            return true;
        }
        return std::nullopt;
    }
    ++failures;
    if (reachable != false && failures >= failures_to_down) {
        reachable = false;
        return false;
    }
    return std::nullopt;
}

TrunkProbes::TrunkProbes(nua_t* nua, const std::vector<Trunk>& trunks, int failures_to_down,
                         Report report)
    : nua_(nua), failures_to_down_(failures_to_down), report_(std::move(report)) {
    for (const Trunk& t : trunks) {
        if (!t.target.empty()) {
            probes_.push_back({t.name, t.target, {}, {}});
        }
    }
}

void TrunkProbes::result(Probe& probe, bool answered) {
    probe.nh.reset();
    if (auto changed = probe.state.record(answered, failures_to_down_)) {
        report_(*changed ? SipNotice::Kind::TrunkReachable : SipNotice::Kind::TrunkUnreachable,
                probe.name, "udp:" + probe.target);
    }
}

void TrunkProbes::ping() {
    for (Probe& probe : probes_) {
        if (probe.nh.get() != nullptr) {
            result(probe, false);  // no answer in a whole interval
        }
        const std::string uri = "sip:" + probe.target;
        probe.nh = sofia::Handle{nua_handle(nua_, nullptr, SIPTAG_TO_STR(uri.c_str()), TAG_END())};
        if (probe.nh.get() == nullptr) {
            result(probe, false);
            continue;
        }
        nua_options(probe.nh.get(), NUTAG_URL(uri.c_str()), TAG_END());
    }
}

bool TrunkProbes::owns(nua_handle_t* nh) const {
    return nh != nullptr && std::any_of(probes_.begin(), probes_.end(),
                                        [nh](const Probe& p) { return p.nh.get() == nh; });
}

void TrunkProbes::on_event(nua_event_t event, int status, nua_handle_t* nh) {
    if (event != nua_r_options || status < 200) {
        return;
    }
    for (Probe& probe : probes_) {
        if (probe.nh.get() == nh) {
            // Any answer says the peer is there, but for 408 and 503: what the stack makes up
            // itself for a timeout or an unreachable address (with headers, like a real
            // answer), and a peer that sends them cannot take calls either.
            result(probe, status != 408 && status != 503);
            return;
        }
    }
}

}  // namespace markaz::sip
