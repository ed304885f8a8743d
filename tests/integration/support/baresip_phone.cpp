#include "support/baresip_phone.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "support/ports.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;
using Clock = BaresipCtrl::Clock;

// A port picked free can be taken before baresip binds it; then baresip exits at start and
// the phone starts again on new ports.
constexpr int kStartAttempts = 3;

std::string ms(std::chrono::milliseconds duration) {
    return std::to_string(duration.count()) + " ms";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) {
        throw PhoneError("cannot write " + path.string());
    }
}

/// reginfo colours its status with ANSI escapes ("\x1b[32mOK \x1b[;m").
std::string strip_ansi(const std::string& text) {
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b') {
            while (i < text.size() && text[i] != 'm') {
                ++i;
            }
            continue;
        }
        plain += text[i];
    }
    return plain;
}

bool is_dtmf_digit(char c) {
    return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
}

}  // namespace

std::string event_type(const nlohmann::json& event) {
    const auto it = event.find("type");
    return (it != event.end() && it->is_string()) ? it->get<std::string>() : std::string{};
}

BaresipPhone::BaresipPhone(PhoneOptions options) : options_(std::move(options)) {
    source_format(options_.audio);  // a bad audio source fails before any process starts
    for (int attempt = 1;; ++attempt) {
        ports_ = {free_sip_port(), free_tcp_port()};
        dir_ = make_temp_dir("markaz-phone-" + options_.user);
        start();
        connect_ctrl();
        // 127: baresip is not installed; new ports will not help.
        if (ctrl_.connected() || attempt == kStartAttempts || process_->exit_status() == 127) {
            break;
        }
        std::cerr << "[phone " << options_.user << "] baresip exited at start (status "
                  << process_->exit_status().value_or(-1) << "); retrying on new ports\n"
                  << process_->log_tail(10);
        process_.reset();
        std::filesystem::remove_all(dir_);
    }
    if (!ctrl_.connected()) {
        fail("'" + process_->command_line() + "' exited before its control port was up");
    }
    // The control port must be this phone's: reginfo names its account.
    const CommandResponse info = command("reginfo");
    if (info.data.find(aor()) == std::string::npos) {
        fail("control port " + std::to_string(ports_.ctrl) +
             " answered for another phone: " + info.data);
    }
}

BaresipPhone::~BaresipPhone() {
    stop();
    if (dir_.empty()) {
        return;
    }
    if (keep_test_dirs() || ::testing::Test::HasFailure()) {
        std::cerr << "[phone " << options_.user << "] kept " << dir_.string() << "\n";
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void BaresipPhone::start() {
    std::filesystem::create_directories(dir_ / "recordings");
    write_file(dir_ / "config", baresip_config_text(options_, ports_, dir_ / "recordings"));
    write_file(dir_ / "accounts", baresip_account_line(options_, ports_));
    write_file(dir_ / "contacts", "");
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{baresip_binary(), "-f", dir_.string()}, log_path());
}

void BaresipPhone::connect_ctrl() {
    const auto deadline = Clock::now() + options_.start_timeout;
    // Poll every 20 ms: ctrl_tcp listens once baresip has loaded its modules (~50 ms).
    while (!ctrl_.try_connect(ports_.ctrl)) {
        if (!process_->running()) {
            return;
        }
        if (Clock::now() >= deadline) {
            fail("ctrl_tcp not listening on 127.0.0.1:" + std::to_string(ports_.ctrl) + " within " +
                 ms(options_.start_timeout));
        }
        std::this_thread::sleep_for(20ms);
    }
}

std::string BaresipPhone::uri() const {
    return "sip:" + options_.user + "@127.0.0.1:" + std::to_string(ports_.sip) +
           (options_.transport == SipTransport::Tcp ? ";transport=tcp" : "");
}

std::string BaresipPhone::aor() const {
    if (options_.registrar) {
        return "sip:" + options_.user + "@" + *options_.registrar;
    }
    return "sip:" + options_.user + "@127.0.0.1:" + std::to_string(ports_.sip);
}

std::string BaresipPhone::log_tail(std::size_t lines) const {
    return file_tail(log_path(), lines);
}

bool BaresipPhone::pump(Clock::time_point deadline) {
    std::optional<Json> message;
    try {
        message = ctrl_.receive(deadline);
    } catch (const std::exception& e) {
        fail(e.what());
    }
    if (!message) {
        return false;
    }
    if (message->contains("event")) {
        history_.push_back(*message);
        pending_.push_back(std::move(*message));
    } else if (message->contains("response")) {
        const auto token = message->value("token", std::string{});
        responses_[token] = {message->value("ok", false), message->value("data", std::string{})};
    }
    return true;
}

CommandResponse BaresipPhone::command(const std::string& name, const std::string& params) {
    const std::string token = std::to_string(next_token_++);
    Json message{{"command", name}, {"token", token}};
    if (!params.empty()) {
        message["params"] = params;
    }
    try {
        ctrl_.send(message);
    } catch (const std::exception& e) {
        fail("sending '" + name + "': " + e.what());
    }
    const auto deadline = Clock::now() + options_.command_timeout;
    while (!responses_.contains(token)) {
        if (!pump(deadline)) {
            fail("no response to '" + name + " " + params + "' within " +
                 ms(options_.command_timeout));
        }
    }
    auto node = responses_.extract(token);
    return std::move(node.mapped());
}

void BaresipPhone::dial(const std::string& uri) {
    const auto response = command("dial", uri);
    if (!response.ok) {
        fail("dial " + uri + " failed: " + response.data);
    }
}

void BaresipPhone::answer() {
    const auto response = command("accept");
    if (!response.ok) {
        fail("answer (accept) failed: " + response.data);
    }
}

void BaresipPhone::hangup() {
    const auto response = command("hangup");
    if (!response.ok) {
        fail("hangup failed: " + response.data);
    }
}

void BaresipPhone::send_dtmf(std::string_view digits) {
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_dtmf_digit)) {
        fail("send_dtmf: digits must be 0-9 * # A-D, got '" + std::string{digits} + "'");
    }
    // sndcode is registered by the menu module only while a call is up.
    const auto response = command("sndcode", std::string{digits});
    if (!response.ok) {
        fail("send_dtmf " + std::string{digits} + " failed (is a call up?): " + response.data);
    }
}

void BaresipPhone::hold() {
    const auto response = command("hold");
    if (!response.ok) {
        fail("hold failed (is a call up?): " + response.data);
    }
}

void BaresipPhone::resume() {
    const auto response = command("resume");
    if (!response.ok) {
        fail("resume failed (is a call up?): " + response.data);
    }
}

std::optional<BaresipPhone::Json> BaresipPhone::try_wait_for(std::string_view type,
                                                             std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto found = std::find_if(pending_.begin(), pending_.end(), [&](const Json& event) {
            return event_type(event) == type;
        });
        if (found != pending_.end()) {
            Json event = std::move(*found);
            pending_.erase(found);
            return event;
        }
        if (!pump(deadline)) {
            return std::nullopt;
        }
    }
}

BaresipPhone::Json BaresipPhone::wait_for(std::string_view type,
                                          std::chrono::milliseconds timeout) {
    if (auto event = try_wait_for(type, timeout)) {
        return std::move(*event);
    }
    fail("no " + std::string{type} + " event within " + ms(timeout));
}

BaresipPhone::Json BaresipPhone::wait_for(const std::function<bool(const Json&)>& match,
                                          std::string_view description,
                                          std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto found = std::find_if(pending_.begin(), pending_.end(), match);
        if (found != pending_.end()) {
            Json event = std::move(*found);
            pending_.erase(found);
            return event;
        }
        if (!pump(deadline)) {
            fail("no " + std::string{description} + " within " + ms(timeout));
        }
    }
}

std::string BaresipPhone::receive_dtmf(std::size_t count, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string digits;
    while (digits.size() < count) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        auto event = try_wait_for(baresip_event::kCallDtmfStart, std::max(left, 0ms));
        if (!event) {
            fail("received DTMF '" + digits + "' but expected " + std::to_string(count) +
                 " digits within " + ms(timeout));
        }
        digits += event->value("param", std::string{"?"});
    }
    return digits;
}

void BaresipPhone::poll_events() {
    while (pump(Clock::now())) {
    }
}

RegistrationState BaresipPhone::registration() {
    if (!options_.registrar) {
        return RegistrationState::NotConfigured;
    }
    const std::string info = strip_ansi(command("reginfo").data);
    const auto at = info.find(aor());
    const std::string status = at == std::string::npos ? info : info.substr(at + aor().size());
    if (status.find("OK ") != std::string::npos) {
        return RegistrationState::Registered;
    }
    if (status.find("ERR") != std::string::npos) {
        return RegistrationState::Failed;
    }
    return RegistrationState::Pending;
}

void BaresipPhone::wait_until_registered(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        switch (registration()) {
            case RegistrationState::Registered:
                return;
            case RegistrationState::NotConfigured:
                fail("wait_until_registered: the phone has no registrar");
            case RegistrationState::Failed:
                fail("registration at " + *options_.registrar +
                     " failed: " + strip_ansi(command("reginfo").data));
            case RegistrationState::Pending:
                break;
        }
        if (Clock::now() >= deadline) {
            fail("not registered at " + *options_.registrar + " within " + ms(timeout));
        }
        // Ask again in 100 ms; meanwhile collect events.
        while (pump(std::min(deadline, Clock::now() + 100ms))) {
        }
    }
}

std::vector<CallRecording> BaresipPhone::recordings() {
    // A command round trip: baresip closes a finished call's files in the same main-loop step
    // that sends CALL_CLOSED, so after a response they are complete.
    (void)command("listcalls");
    std::vector<CallRecording> found;
    const auto folder = dir_ / "recordings";
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        const std::string suffix = "-dec.wav";
        if (name.starts_with("dump-") && name.ends_with(suffix)) {
            const std::string stem = name.substr(0, name.size() - suffix.size());
            found.push_back({entry.path(), folder / (stem + "-enc.wav")});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const CallRecording& a, const CallRecording& b) { return a.heard < b.heard; });
    return found;
}

CallRecording BaresipPhone::last_recording() {
    auto all = recordings();
    if (all.empty()) {
        fail("no recording in " + (dir_ / "recordings").string() +
             (options_.record ? "" : " (PhoneOptions::record is off)"));
    }
    return all.back();
}

bool BaresipPhone::running() {
    return process_ && process_->running();
}

void BaresipPhone::stop() {
    if (!process_) {
        return;
    }
    if (process_->running()) {
        if (ctrl_.connected()) {
            try {
                ctrl_.send(Json{{"command", "quit"}, {"token", "quit"}});
            } catch (const std::exception&) {
                // gone already: the wait below returns at once
            }
        }
        // quit hangs up calls and un-REGISTERs; an unreachable registrar makes it wait, so
        // the wait is bounded and SIGTERM/SIGKILL follow.
        if (!process_->wait_for_exit(3s)) {
            process_->terminate(2s);
        }
    }
    ctrl_.close();
}

std::string BaresipPhone::pending_summary() const {
    std::string summary;
    for (const auto& event : pending_) {
        summary += (summary.empty() ? "" : " ") + event_type(event);
    }
    return summary.empty() ? "(none)" : summary;
}

void BaresipPhone::fail(const std::string& what) {
    std::string message = "phone " + options_.user + " (" + uri() + ", " + dir_.string() +
                          "): " + what + "\n  events not yet taken: " + pending_summary();
    if (process_ && !process_->running()) {
        message += "\n  baresip exited with status " +
                   std::to_string(process_->exit_status().value_or(-1));
    }
    message += "\n--- last lines of " + log_path().string() + " ---\n" + log_tail(30);
    throw PhoneError(message);
}

}  // namespace markaz::integration
