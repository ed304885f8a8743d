#include "alerts/alert_book.h"

#include <algorithm>

namespace markaz::alerts {

std::vector<AlertEntry> AlertBook::apply(const std::vector<AlertChange>& changes,
                                         const std::vector<AlertRule>& rules) {
    std::vector<AlertEntry> touched;
    for (const AlertChange& c : changes) {
        if (c.kind == AlertChange::Kind::Cleared) {
            auto open = std::find_if(entries_.begin(), entries_.end(), [&](const AlertEntry& e) {
                return e.rule == c.rule && e.subject == c.subject && !e.cleared;
            });
            if (open != entries_.end()) {
                open->cleared = c.at;
                touched.push_back(*open);
            }
            continue;
        }
        AlertEntry e;
        e.id = next_id_++;
        e.rule = c.rule;
        e.measure = c.measure;
        e.subject = c.subject;
        e.value = c.value;
        e.threshold = c.threshold;
        e.raised = c.at;
        for (const AlertRule& r : rules) {
            if (r.name == c.rule) {
                e.queue = r.queue;
            }
        }
        touched.push_back(e);
        entries_.push_front(std::move(e));
    }
    // Old ones go; an alert still up stays however old it is.
    while (entries_.size() > keep_) {
        auto last_cleared = std::find_if(entries_.rbegin(), entries_.rend(),
                                         [](const AlertEntry& e) { return e.cleared.has_value(); });
        if (last_cleared == entries_.rend()) {
            break;
        }
        entries_.erase(std::next(last_cleared).base());
    }
    return touched;
}

void AlertBook::restore(std::vector<AlertEntry> entries) {
    entries_.assign(std::make_move_iterator(entries.begin()),
                    std::make_move_iterator(entries.end()));
    for (const AlertEntry& e : entries_) {
        next_id_ = std::max(next_id_, e.id + 1);
    }
}

Result<AlertEntry> AlertBook::acknowledge(std::uint64_t id, const std::string& by, WallTime at) {
    auto found = std::find_if(entries_.begin(), entries_.end(),
                              [id](const AlertEntry& e) { return e.id == id; });
    if (found == entries_.end()) {
        return fail(Errc::NotFound, "no alert " + std::to_string(id));
    }
    if (!found->acknowledged_by.empty()) {
        return fail(Errc::Conflict, "alert " + std::to_string(id) + " was acknowledged by " +
                                        found->acknowledged_by);
    }
    found->acknowledged_by = by;
    found->acknowledged = at;
    return *found;
}

}  // namespace markaz::alerts
