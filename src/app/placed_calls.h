#pragma once

// How many calls each extension has placed and still up, for its class of service's
// max_calls (dial/dial_rules.h): a phone whose password leaked cannot open a hundred calls
// to premium numbers at once, nor fill the media ports.

#include <map>
#include <string>

#include "sip/call_control.h"

namespace markaz::app {

/// Thread: the core loop only (a member of the Switchboard).
class PlacedCalls {
public:
    void placed(const std::string& extension, sip::CallRef call) {
        if (by_call_.emplace(call, extension).second) {
            ++up_[extension];
        }
    }
    /// `call` ended; nothing when it was not placed by an extension.
    void ended(sip::CallRef call) {
        auto it = by_call_.find(call);
        if (it == by_call_.end()) {
            return;
        }
        if (--up_[it->second] == 0) {
            up_.erase(it->second);
        }
        by_call_.erase(it);
    }
    int up(const std::string& extension) const {
        auto it = up_.find(extension);
        return it == up_.end() ? 0 : it->second;
    }

private:
    std::map<sip::CallRef, std::string> by_call_;
    std::map<std::string, int> up_;
};

}  // namespace markaz::app
