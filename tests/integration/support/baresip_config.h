#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace markaz::integration {

/// A phone's microphone: a sine tone from baresip's `ausine` module (48 kHz stereo).
struct SineTone {
    int frequency_hz = 440;  // 10 to 20000 Hz
};

/// A phone's microphone: a WAV file played once by baresip's `aufile` module. The file must be
/// 16-bit PCM; its rate and channel count become ausrc_srate/ausrc_channels. When the file
/// ends, baresip 1.0 hangs the call up (AUDIO_ERROR "0,end of file", then CALL_CLOSED).
struct WavFile {
    std::filesystem::path path;
};

using AudioSource = std::variant<SineTone, WavFile>;

/// baresip's answermode: manual waits for answer(); auto answers at once; early answers
/// with early media (183) first.
enum class AnswerMode { Manual, Early, Auto };

enum class SipTransport { Udp, Tcp };

/// What a test phone is. Defaults give a phone that registers nowhere, sends 440 Hz, speaks
/// PCMU/PCMA only and records what it hears.
struct PhoneOptions {
    std::string user = "1001";
    std::string display_name;  // empty: none
    /// Digest password for the registrar (auth_pass). Must not contain ';', '"' or '>'.
    std::string password;
    /// "127.0.0.1:5060" registers there (AOR sip:user@registrar); nullopt sends no REGISTER
    /// and the phone is reached directly at uri().
    std::optional<std::string> registrar;
    /// Transport towards the registrar, and in uri().
    SipTransport transport = SipTransport::Udp;
    std::chrono::seconds register_interval{60};
    AnswerMode answer_mode = AnswerMode::Manual;
    AudioSource audio = SineTone{};
    /// Offered in this order; baresip adds telephone-event (RFC 4733) by itself.
    std::vector<std::string> codecs{"PCMU", "PCMA"};
    /// Packet time the phone sends and asks for (a=ptime): 10 to 60 ms, as phones and carriers
    /// differ; baresip's account parameter `ptime`.
    std::chrono::milliseconds ptime{20};
    /// Record what the phone sends and hears (baresip's `sndfile` filter) in dir/recordings.
    bool record = true;
    /// RTP port range; baresip picks random even ports in it and retries on a clash.
    std::uint16_t rtp_port_min = 20000;
    std::uint16_t rtp_port_max = 29999;
    /// How long to wait for baresip to come up, and for each command's response.
    std::chrono::milliseconds start_timeout{10000};
    std::chrono::milliseconds command_timeout{10000};
};

/// Ports a phone listens on (127.0.0.1 only).
struct PhonePorts {
    std::uint16_t sip = 0;   // UDP and TCP; baresip also takes TCP sip+1 for TLS
    std::uint16_t ctrl = 0;  // ctrl_tcp
};

/// The sample format baresip's audio source delivers (ausrc_srate, ausrc_channels).
struct SourceFormat {
    int sample_rate = 48000;
    int channels = 2;
};

/// Checks `audio` (tone range; WAV exists, is 16-bit PCM) and returns its format. Throws
/// std::invalid_argument with the reason.
SourceFormat source_format(const AudioSource& audio);

/// The text of baresip's `config` file for one phone. `recordings_dir` is sndfile's snd_path.
std::string baresip_config_text(const PhoneOptions& options, const PhonePorts& ports,
                                const std::filesystem::path& recordings_dir);

/// The one line of baresip's `accounts` file. Throws std::invalid_argument for a password or
/// display name baresip's account parser would misread.
std::string baresip_account_line(const PhoneOptions& options, const PhonePorts& ports);

/// Where baresip and its modules are: $MARKAZ_BARESIP (default "baresip" from PATH) and
/// $MARKAZ_BARESIP_MODULES (default /usr/lib/baresip/modules).
std::string baresip_binary();
std::string baresip_module_path();

}  // namespace markaz::integration
