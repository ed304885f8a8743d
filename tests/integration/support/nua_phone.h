#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace markaz::integration {

/// A desk phone made with sofia-sip's nua inside the test process, for what baresip 1.0
/// cannot do: the attended transfer of a phone's transfer key (hold the caller, call a
/// colleague, then REFER the caller's call with Replaces naming the colleague's, RFC 5589 §7).
/// It registers `user` at `registrar` ("127.0.0.1:5060", MD5 digest), answers every call at
/// once, places calls, holds one, and transfers. It sends no audio (its RTP port is bound and
/// left unread): the tests hear the other parties, which are baresip phones with tones.
///
/// Calls are numbered 1, 2, ... in the order they start (answered or placed). Every wait is
/// bounded and throws std::runtime_error naming the phone and what it waited for.
/// Thread: the test thread; the phone runs its own SIP thread.
class NuaPhone {
public:
    NuaPhone(std::string user, std::string password, std::string registrar);
    ~NuaPhone();
    NuaPhone(const NuaPhone&) = delete;
    NuaPhone& operator=(const NuaPhone&) = delete;

    void wait_until_registered(std::chrono::milliseconds timeout = std::chrono::seconds{10});
    /// The next call Markaz put through to the phone, once answered (200 OK and ACK).
    int wait_for_answered_call(std::chrono::milliseconds timeout = std::chrono::seconds{15});
    /// Places a call to `number` (answering Markaz's digest challenge); returns its number.
    int call(const std::string& number);
    void wait_until_established(int call,
                                std::chrono::milliseconds timeout = std::chrono::seconds{15});
    /// Puts the other party of `call` on hold (re-INVITE, a=sendonly).
    void hold(int call);
    /// REFER in `call` to `target`, with Replaces naming the dialog of `other`.
    void transfer(int call, const std::string& target, int other);
    /// The Refer-To URI headers that name the dialog of `call` ("Replaces=<call-id>%3B...").
    std::string replaces_header(int call);
    /// REFER in `call` to `target` with the Refer-To URI headers `headers` (another phone's
    /// dialog, a made-up one: what an attacker would send).
    void transfer_with(int call, const std::string& target, const std::string& headers);
    /// The status of the transfer's final NOTIFY (the sipfrag's: 200 done, 403 refused...).
    int wait_for_transfer_outcome(int call,
                                  std::chrono::milliseconds timeout = std::chrono::seconds{10});
    void wait_until_ended(int call, std::chrono::milliseconds timeout = std::chrono::seconds{10});
    bool ended(int call) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::integration
