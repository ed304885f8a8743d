#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/baresip_config.h"
#include "support/baresip_ctrl.h"
#include "support/child_process.h"

namespace markaz::integration {

/// Event types baresip 1.0 sends on ctrl_tcp (field "type"), the ones tests wait for.
/// CALL_INCOMING comes only in AnswerMode::Manual; an auto or early phone just answers.
/// CALL_DTMF_START carries the digit in "param"; CALL_CLOSED the reason ("Connection reset by
/// peer", "486 Busy Here", "end of file"). Hold/resume show on the peer as CALL_REMOTE_SDP
/// "offer" (re-INVITE); baresip 1.0 has no hold event.
namespace baresip_event {
inline constexpr std::string_view kRegisterOk = "REGISTER_OK";
inline constexpr std::string_view kRegisterFail = "REGISTER_FAIL";
inline constexpr std::string_view kCallIncoming = "CALL_INCOMING";
inline constexpr std::string_view kCallRinging = "CALL_RINGING";
inline constexpr std::string_view kCallProgress = "CALL_PROGRESS";
inline constexpr std::string_view kCallEstablished = "CALL_ESTABLISHED";
inline constexpr std::string_view kCallClosed = "CALL_CLOSED";
inline constexpr std::string_view kCallRtpEstablished = "CALL_RTPESTAB";
inline constexpr std::string_view kCallRemoteSdp = "CALL_REMOTE_SDP";
inline constexpr std::string_view kCallDtmfStart = "CALL_DTMF_START";
inline constexpr std::string_view kCallDtmfEnd = "CALL_DTMF_END";
inline constexpr std::string_view kAudioError = "AUDIO_ERROR";
}  // namespace baresip_event

/// A failure of a phone: baresip did not start, answered a command with ok=false, did not send
/// an expected event in time, or died. The message names the phone and carries the events it
/// saw and the tail of its log.
class PhoneError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What baresip's ctrl_tcp answered to one command.
struct CommandResponse {
    bool ok = false;
    std::string data;  // the command's console output
};

/// The two files baresip's sndfile filter writes for one call: what the phone heard (decoded
/// from RTP) and what it sent (before encoding). 8 kHz mono for PCMU/PCMA.
struct CallRecording {
    std::filesystem::path heard;
    std::filesystem::path sent;
};

enum class RegistrationState { NotConfigured, Pending, Registered, Failed };

/// A real SIP phone for integration tests: one headless baresip 1.0 process on 127.0.0.1 with
/// a private config directory, driven through its ctrl_tcp JSON interface.
///
/// The constructor picks free ports, writes config/accounts/contacts into a temp directory,
/// starts `baresip -f <dir>` with output in <dir>/baresip.log and connects to ctrl_tcp; when it
/// returns, the phone is ready (and, with a registrar, has started registering). The
/// destructor sends "quit", then SIGTERM/SIGKILL, and removes the directory unless the current
/// test failed or MARKAZ_KEEP_TEST_DIRS is set.
///
/// Events are read only inside calls to this object and queued in order; wait_for() takes the
/// first queued event that matches and leaves the others queued, so waits for different
/// events may come in any order. Every wait is bounded.
/// Thread: the test thread only. Commands act on the phone's current call.
class BaresipPhone {
public:
    using Json = nlohmann::json;
    static constexpr std::chrono::milliseconds kDefaultTimeout{10000};

    explicit BaresipPhone(PhoneOptions options = {});
    ~BaresipPhone();
    BaresipPhone(const BaresipPhone&) = delete;
    BaresipPhone& operator=(const BaresipPhone&) = delete;

    const PhoneOptions& options() const { return options_; }
    const std::string& user() const { return options_.user; }
    std::uint16_t sip_port() const { return ports_.sip; }
    std::uint16_t ctrl_port() const { return ports_.ctrl; }
    /// Where to reach this phone directly: "sip:<user>@127.0.0.1:<sip_port>"
    /// (+ ";transport=tcp" for a TCP phone).
    std::string uri() const;
    /// The account's address of record: sip:<user>@<registrar>, or uri() without a registrar.
    std::string aor() const;
    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path log_path() const { return dir_ / "baresip.log"; }
    std::string log_tail(std::size_t lines = 40) const;

    /// Calls `uri` ("sip:1002@127.0.0.1:5070"). Returns when baresip accepted the command;
    /// wait for CALL_RINGING/CALL_ESTABLISHED/CALL_CLOSED to see how it went.
    void dial(const std::string& uri);
    /// Answers the ringing incoming call ("accept").
    void answer();
    /// Hangs up the current call: BYE, CANCEL, or a reject of a ringing one.
    void hangup();
    /// Sends digits (0-9 * # A-D) as RFC 4733 telephone-events on the current call
    /// ("sndcode"); baresip 1.0 has no SIP INFO or in-band sending.
    void send_dtmf(std::string_view digits);
    /// re-INVITE with a=sendonly / back to sendrecv on the current call.
    void hold();
    void resume();
    /// Any ctrl_tcp command (see "help"), e.g. command("listcalls"). Does not throw on ok=false.
    [[nodiscard]] CommandResponse command(const std::string& name, const std::string& params = {});

    /// Waits for the first queued or arriving event of `type` and takes it from the queue.
    /// Throws PhoneError after `timeout`.
    Json wait_for(std::string_view type, std::chrono::milliseconds timeout = kDefaultTimeout);
    /// The same with any predicate; `description` names what was awaited in the error.
    Json wait_for(const std::function<bool(const Json&)>& match, std::string_view description,
                  std::chrono::milliseconds timeout = kDefaultTimeout);
    /// Like wait_for, but nullopt instead of an error: for "this must not happen" checks.
    [[nodiscard]] std::optional<Json> try_wait_for(std::string_view type,
                                                   std::chrono::milliseconds timeout);
    /// Collects `count` digits from CALL_DTMF_START events.
    std::string receive_dtmf(std::size_t count,
                             std::chrono::milliseconds timeout = kDefaultTimeout);
    /// Reads whatever baresip sent so far into the queue without waiting.
    void poll_events();
    /// Forgets queued events (the history stays).
    void discard_pending_events() { pending_.clear(); }
    /// Every event received so far, in order.
    const std::vector<Json>& event_history() const { return history_; }

    /// The registration state from "reginfo".
    [[nodiscard]] RegistrationState registration();
    /// Waits until "reginfo" shows 200 OK; throws PhoneError on ERR or timeout.
    void wait_until_registered(std::chrono::milliseconds timeout = kDefaultTimeout);

    /// Recordings of calls whose files baresip has closed (finished calls), oldest first.
    /// sndfile names files by the second the call's audio started, so two calls of one phone
    /// starting within the same second share (overwrite) a file.
    [[nodiscard]] std::vector<CallRecording> recordings();
    /// The newest recording; throws PhoneError when there is none.
    [[nodiscard]] CallRecording last_recording();

    /// Stops baresip: "quit", up to 3 s to exit, then SIGTERM and SIGKILL. Idempotent.
    void stop();
    bool running();

private:
    void start();
    void connect_ctrl();
    /// Reads one message until `deadline`; false on timeout.
    bool pump(BaresipCtrl::Clock::time_point deadline);
    [[noreturn]] void fail(const std::string& what);
    std::string pending_summary() const;

    PhoneOptions options_;
    PhonePorts ports_;
    std::filesystem::path dir_;
    std::unique_ptr<ChildProcess> process_;
    BaresipCtrl ctrl_;
    std::uint64_t next_token_ = 1;
    std::map<std::string, CommandResponse> responses_;
    std::deque<Json> pending_;
    std::vector<Json> history_;
};

/// The event's "type" ("" if missing), for messages and matching.
std::string event_type(const nlohmann::json& event);

}  // namespace markaz::integration
