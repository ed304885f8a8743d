#pragma once

// The live feed behind /api/v1/events: one subscription to the centre's events fans out to
// every connected client as paced, coalesced, scoped frames (docs/api.md "Coalescing and
// pacing"). Events only mark what changed; the objects are read from the centre when a frame
// is due, so a busy centre costs one read per frame interval, not one per event.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/agent_notes.h"
#include "api/api_options.h"
#include "api/api_service.h"
#include "api/api_tokens.h"
#include "api/center.h"
#include "api/endpoint.h"
#include "api/live_frames.h"
#include "api/server_counters.h"
#include "api/sessions.h"

namespace markaz::api {

/// A connection the feed writes to; the server's WebSocket session implements it.
/// Every method may be called from any thread and must not block.
class LiveConnection {
public:
    virtual ~LiveConnection() = default;
    /// Queues one text frame.
    virtual void send(std::string frame) = 0;
    /// Bytes queued and not yet written.
    virtual std::size_t pending_bytes() const = 0;
    /// Forgets queued frames that are not being written yet.
    virtual void drop_pending() = 0;
    virtual void close(std::uint16_t code) = 0;
};

/// Owns the clients' views and pacing state. Thread: on_event() from the core loop (it only
/// records ids under its own small lock); tick() from one timer, never concurrently with
/// itself; the rest from any HTTP thread. The centre is never read while a lock is held, so
/// the core loop never waits for the feed.
class LiveFeed final : public LiveSockets {
public:
    LiveFeed(Center& center, AgentNotes& notes, SessionStore& sessions, TokenStore& tokens,
             ServerCounters& counters, LivePacing pacing);

    /// Registers a client; its snapshot goes out at the next tick. Returns its id.
    std::uint64_t add(std::shared_ptr<LiveConnection> connection, LiveGrant grant);
    /// Forgets a client whose connection ended (idempotent).
    void remove(std::uint64_t id);

    void on_event(const acd::Event& event);
    /// A live call changed without a router event (a supervisor joined, changed mode, left).
    void on_call_changed(const CallId& call);

    /// Sends what is due at `now` (wall, for documents and expiry) / `mono` (for pacing).
    void tick(WallTime now, SteadyTime mono);

    /// Closes every client (1001 when the server stops).
    void close_all(std::uint16_t code);
    std::size_t size() const;

    void close_session(const std::string& session_key, std::uint16_t code) override;
    void close_token(const std::string& token_id, std::uint16_t code) override;
    void close_user(const std::string& username, std::uint16_t code) override;
    void resync_all() override;

private:
    struct Client {
        std::shared_ptr<LiveConnection> connection;
        Principal principal;
        ClientView view;
        std::int64_t seq = 0;
        bool needs_snapshot = true;
        Touched pending;
        SteadyTime last_frame{};
        SteadyTime last_refresh{};
        std::optional<SteadyTime> over_limit_since;
    };
    enum class Due { Nothing, Snapshot, Delta, Heartbeat };

    /// Closes and forgets the clients `match` picks. Caller holds clients_mutex_.
    void close_where(const std::function<bool(const Client&)>& match, std::uint16_t code);
    bool still_authenticated(const Client& client, WallTime now) const;
    /// What `client` needs now; handles back-pressure. Caller holds clients_mutex_.
    Due due(Client& client, SteadyTime mono);
    void send(Client& client, std::string frame, Due kind, SteadyTime mono);
    /// Closes clients whose session ended or who stayed too slow, hands every client the ids
    /// touched since the last tick, and tells whether any frame due needs a read of the
    /// centre. Takes clients_mutex_.
    bool prepare(const Touched& incoming, WallTime now, SteadyTime mono);
    /// Sends each client the frame due, built from `read` (nullopt: nothing was read).
    /// Caller holds clients_mutex_.
    void send_due(const std::optional<CenterRead>& read, bool boundary, WallTime now,
                  SteadyTime mono);

    Center& center_;
    AgentNotes& notes_;
    SessionStore& sessions_;
    TokenStore& tokens_;
    ServerCounters& counters_;
    LivePacing pacing_;

    std::mutex incoming_mutex_;  ///< guards incoming_ and agent_queues_ (core loop side)
    Touched incoming_;
    std::map<AgentId, std::vector<QueueId>> agent_queues_;

    mutable std::mutex clients_mutex_;
    std::map<std::uint64_t, Client> clients_;
    std::uint64_t next_id_ = 1;
    std::optional<WallTime> interval_start_;  ///< tick only: to notice interval boundaries
    SteadyTime last_auth_check_{};            ///< tick only
};

}  // namespace markaz::api
