#include "api/live_feed.h"

#include <chrono>

namespace markaz::api {
namespace {

std::map<AgentId, std::vector<QueueId>> memberships(const acd::RouterConfig& config) {
    std::map<AgentId, std::vector<QueueId>> out;
    for (const acd::AgentConfig& agent : config.agents) {
        auto& queues = out[agent.id];
        for (const acd::Membership& m : agent.queues) {
            queues.push_back(m.queue);
        }
    }
    return out;
}

}  // namespace

LiveFeed::LiveFeed(Center& center, AgentNotes& notes, SessionStore& sessions, TokenStore& tokens,
                   ServerCounters& counters, LivePacing pacing)
    : center_(center),
      notes_(notes),
      sessions_(sessions),
      tokens_(tokens),
      counters_(counters),
      pacing_(pacing),
      agent_queues_(memberships(center.router_config())) {}

std::uint64_t LiveFeed::add(std::shared_ptr<LiveConnection> connection, LiveGrant grant) {
    // The scope is a placeholder until the snapshot, which computes it from the configuration
    // of that moment.
    Client client{
        std::move(connection), grant.principal,
        ClientView{
            Scope(grant.principal.user, {}), grant.agents, grant.queues, grant.calls, {}, {}}};
    std::lock_guard lock(clients_mutex_);
    const std::uint64_t id = next_id_++;
    clients_.emplace(id, std::move(client));
    ++counters_.ws_clients;
    return id;
}

void LiveFeed::remove(std::uint64_t id) {
    std::lock_guard lock(clients_mutex_);
    if (clients_.erase(id) > 0) {
        --counters_.ws_clients;
    }
}

void LiveFeed::on_event(const acd::Event& event) {
    std::lock_guard lock(incoming_mutex_);
    incoming_.merge(touched_by(event, agent_queues_));
}

void LiveFeed::on_call_changed(const CallId& call) {
    std::lock_guard lock(incoming_mutex_);
    incoming_.calls.insert(call);
}

std::size_t LiveFeed::size() const {
    std::lock_guard lock(clients_mutex_);
    return clients_.size();
}

bool LiveFeed::still_authenticated(const Client& client, WallTime now) const {
    if (client.principal.via == AuthVia::Session) {
        return sessions_.peek(client.principal.session_key, now).has_value();
    }
    auto token = tokens_.find(client.principal.token_id);
    return token && (!token->expires_at || now < *token->expires_at);
}

LiveFeed::Due LiveFeed::due(Client& client, SteadyTime mono) {
    const std::size_t queued = client.connection->pending_bytes();
    if (queued > pacing_.close_bytes) {
        if (!client.over_limit_since) {
            client.over_limit_since = mono;
        }
    } else {
        client.over_limit_since.reset();
    }
    if (queued > pacing_.resync_bytes && !client.needs_snapshot) {
        // Too slow to keep up: deltas are dropped and a snapshot follows once it drains.
        client.connection->drop_pending();
        client.needs_snapshot = true;
        client.pending = {};
    }
    if (client.needs_snapshot) {
        return client.connection->pending_bytes() == 0 ? Due::Snapshot : Due::Nothing;
    }
    if (mono - client.last_frame < pacing_.frame_interval) {
        return Due::Nothing;
    }
    if (mono - client.last_refresh >= pacing_.refresh) {
        client.pending.all_queues = true;  // windows and waits move with time alone
        client.last_refresh = mono;
    }
    if (!client.pending.empty()) {
        return Due::Delta;
    }
    return mono - client.last_frame >= pacing_.heartbeat ? Due::Heartbeat : Due::Nothing;
}

void LiveFeed::send(Client& client, std::string frame, Due kind, SteadyTime mono) {
    client.connection->send(std::move(frame));
    client.last_frame = mono;
    switch (kind) {
        case Due::Snapshot:
            ++counters_.ws_snapshots;
            break;
        case Due::Delta:
            ++counters_.ws_deltas;
            break;
        default:
            ++counters_.ws_heartbeats;
            break;
    }
}

bool LiveFeed::prepare(const Touched& incoming, WallTime now, SteadyTime mono) {
    std::lock_guard lock(clients_mutex_);
    if (mono - last_auth_check_ >= std::chrono::seconds(1)) {
        last_auth_check_ = mono;
        close_where([&](const Client& c) { return !still_authenticated(c, now); },
                    kCloseSessionEnded);
    }
    close_where(
        [&](const Client& c) {
            return c.over_limit_since && mono - *c.over_limit_since >= pacing_.slow_close;
        },
        kCloseTooSlow);
    bool need_read = false;
    for (auto& [id, client] : clients_) {
        client.pending.merge(incoming);
        const Due what = due(client, mono);
        need_read = need_read || what == Due::Snapshot || what == Due::Delta;
    }
    return need_read;
}

void LiveFeed::tick(WallTime now, SteadyTime mono) {
    Touched incoming;
    {
        std::lock_guard lock(incoming_mutex_);
        std::swap(incoming, incoming_);
    }
    // The centre is read with no lock held (the core loop may be waiting for incoming_mutex_).
    std::optional<CenterRead> read;
    bool boundary = false;
    if (prepare(incoming, now, mono)) {
        read = read_center(center_, notes_, kReadAll, now);
        // An interval boundary (or midnight) restarts windows: every client gets all queues.
        const WallTime start = read->live.totals.interval.from;
        boundary = interval_start_ && *interval_start_ != start;
        interval_start_ = start;
        std::lock_guard lock(incoming_mutex_);
        agent_queues_ = memberships(read->config);
    }
    std::lock_guard lock(clients_mutex_);
    send_due(read, boundary, now, mono);
}

void LiveFeed::send_due(const std::optional<CenterRead>& read, bool boundary, WallTime now,
                        SteadyTime mono) {
    std::optional<FrameObjects> objects;
    if (read) {
        objects.emplace(*read);
    }
    for (auto& [id, client] : clients_) {
        if (boundary) {
            client.pending.all_queues = true;
        }
        const Due what = due(client, mono);
        if (what == Due::Heartbeat) {
            send(client, heartbeat_frame(++client.seq, now), what, mono);
        } else if (what == Due::Snapshot && objects) {
            client.view.scope = Scope(client.principal.user, read->config);
            client.needs_snapshot = false;
            client.pending = {};
            client.last_refresh = mono;
            send(client, snapshot_frame(*objects, client.view, ++client.seq), what, mono);
        } else if (what == Due::Delta && objects) {
            auto frame = delta_frame(*objects, client.view, client.pending, client.seq + 1);
            client.pending = {};
            if (frame) {
                ++client.seq;
                send(client, std::move(*frame), what, mono);
            }
        }
    }
}

void LiveFeed::close_where(const std::function<bool(const Client&)>& match, std::uint16_t code) {
    for (auto it = clients_.begin(); it != clients_.end();) {
        if (match(it->second)) {
            it->second.connection->close(code);
            it = clients_.erase(it);
            --counters_.ws_clients;
        } else {
            ++it;
        }
    }
}

void LiveFeed::close_all(std::uint16_t code) {
    std::lock_guard lock(clients_mutex_);
    close_where([](const Client&) { return true; }, code);
}

void LiveFeed::close_session(const std::string& session_key, std::uint16_t code) {
    std::lock_guard lock(clients_mutex_);
    close_where(
        [&](const Client& c) {
            return c.principal.via == AuthVia::Session && c.principal.session_key == session_key;
        },
        code);
}

void LiveFeed::close_token(const std::string& token_id, std::uint16_t code) {
    std::lock_guard lock(clients_mutex_);
    close_where(
        [&](const Client& c) {
            return c.principal.via == AuthVia::Token && c.principal.token_id == token_id;
        },
        code);
}

void LiveFeed::close_user(const std::string& username, std::uint16_t code) {
    std::lock_guard lock(clients_mutex_);
    close_where([&](const Client& c) { return c.principal.user.username == username; }, code);
}

void LiveFeed::resync_all() {
    std::lock_guard lock(clients_mutex_);
    for (auto& [id, client] : clients_) {
        client.needs_snapshot = true;
    }
}

}  // namespace markaz::api
