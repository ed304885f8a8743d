#include "store/call_record_fold.h"

#include "common/overloaded.h"

namespace markaz::store {

void fold(CallRecord& record, const acd::Event& event) {
    std::visit(
        overloaded{
            [&](const acd::CallEnqueued& e) {
                record.queues.push_back(e.queue.str());
                if (!record.joined) {
                    record.joined = event.at;
                    record.position = e.position;
                }
            },
            [&](const acd::CallBlocked& e) {
                record.disposition = Disposition::Blocked;
                record.queues.push_back(e.queue.str());
            },
            [&](const acd::CallOffered& e) { record.agents_offered.push_back(e.agent.str()); },
            [&](const acd::CallAnswered& e) {
                record.disposition = Disposition::Answered;
                record.agent = e.agent.str();
                record.wait = e.wait;
            },
            [&](const acd::CallAbandoned& e) {
                record.disposition = Disposition::Abandoned;
                record.wait = e.wait;
            },
            [&](const acd::CallTimedOut& e) {
                record.wait = e.wait;
                // Moved on to another queue (CallEnqueued follows) or to a callback
                // (CallbackRequested follows): only a hang-up exit ends it here.
                if (e.exit.kind == acd::ExitKind::Hangup) {
                    record.disposition = Disposition::TimedOut;
                }
            },
            [&](const acd::CallRemoved& e) {
                if (!e.callback) {  // a caller taken out of line, not a request
                    record.disposition = Disposition::TimedOut;
                }
            },
            [&](const acd::CallCompleted& e) {
                record.talk += e.talk;
                record.hold += e.hold;
            },
            [&](const acd::CallTransferred& e) {
                record.talk += e.talk;
                record.hold += e.hold;
                record.transfers.push_back(Transfer{e.agent.str(), e.queue.str(), e.to_queue.str(),
                                                    event.at, e.talk, e.hold, e.to_agent.str(),
                                                    e.attended, e.to_number});
            },
            [&](const acd::CallbackRequested& e) {
                record.disposition = Disposition::Callback;
                record.wait = e.wait;
            },
            [](const auto&) {},
        },
        event.body);
}

}  // namespace markaz::store
