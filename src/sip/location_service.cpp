#include "sip/location_service.h"

#include <algorithm>

namespace markaz::sip {

Result<Duration> LocationService::grant(Duration requested) const {
    if (requested == Duration::zero()) {
        return requested;
    }
    if (requested < settings_.min_expires) {
        return fail(Errc::InvalidArgument, "expires below the minimum");
    }
    return std::min(requested, settings_.max_expires);
}

Result<void> LocationService::bind(const std::string& extension, Binding binding, Duration expires,
                                   SteadyTime now) {
    auto& list = bindings_[extension];
    std::erase_if(list, [&](const Binding& b) { return b.expires <= now; });
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const Binding& b) { return b.contact == binding.contact; });
    if (same != list.end() && same->call_id == binding.call_id && binding.cseq <= same->cseq) {
        return fail(Errc::Conflict, "REGISTER out of order (CSeq not higher)");
    }
    if (expires == Duration::zero()) {
        if (same != list.end()) {
            list.erase(same);
        }
    } else {
        binding.expires = now + expires;
        if (same != list.end()) {
            *same = std::move(binding);
        } else {
            if (list.size() >= settings_.max_contacts) {
                // Make room by dropping the binding that expires first.
                list.erase(std::min_element(
                    list.begin(), list.end(),
                    [](const Binding& a, const Binding& b) { return a.expires < b.expires; }));
            }
            list.push_back(std::move(binding));
        }
    }
    if (list.empty()) {
        bindings_.erase(extension);
    }
    return {};
}

void LocationService::unbind_all(const std::string& extension) {
    bindings_.erase(extension);
}

std::vector<LocationService::Binding> LocationService::lookup(const std::string& extension,
                                                              SteadyTime now) const {
    std::vector<Binding> out;
    if (auto it = bindings_.find(extension); it != bindings_.end()) {
        for (const auto& b : it->second) {
            if (b.expires > now) {
                out.push_back(b);
            }
        }
    }
    return out;
}

std::vector<std::string> LocationService::registered(SteadyTime now) const {
    std::vector<std::string> out;
    for (const auto& [extension, list] : bindings_) {
        if (std::any_of(list.begin(), list.end(),
                        [&](const Binding& b) { return b.expires > now; })) {
            out.push_back(extension);
        }
    }
    return out;
}

void LocationService::expire(SteadyTime now) {
    for (auto it = bindings_.begin(); it != bindings_.end();) {
        std::erase_if(it->second, [&](const Binding& b) { return b.expires <= now; });
        it = it->second.empty() ? bindings_.erase(it) : std::next(it);
    }
}

}  // namespace markaz::sip
