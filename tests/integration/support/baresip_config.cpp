#include "support/baresip_config.h"

#include <cstdlib>
#include <sndfile.h>
#include <sstream>
#include <stdexcept>

namespace markaz::integration {
namespace {

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return (value != nullptr && *value != '\0') ? value : fallback;
}

const char* answer_mode_name(AnswerMode mode) {
    switch (mode) {
        case AnswerMode::Manual:
            return "manual";
        case AnswerMode::Early:
            return "early";
        case AnswerMode::Auto:
            return "auto";
    }
    return "manual";
}

void check_account_text(const std::string& what, const std::string& text) {
    // baresip 1.0 splits account parameters on ';' and the address on '<' '>' and '"'.
    if (text.find_first_of(";\"<>\n") != std::string::npos) {
        throw std::invalid_argument(what + " must not contain ; \" < > or a newline: " + text);
    }
}

SourceFormat wav_format(const std::filesystem::path& path) {
    SF_INFO info{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
    if (file == nullptr) {
        throw std::invalid_argument("audio source " + path.string() + ": " + sf_strerror(nullptr));
    }
    sf_close(file);
    // baresip 1.0's aufile reads RIFF WAV with 16-bit little-endian samples only.
    if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV ||
        (info.format & SF_FORMAT_SUBMASK) != SF_FORMAT_PCM_16) {
        throw std::invalid_argument("audio source " + path.string() +
                                    ": baresip's aufile needs a 16-bit PCM WAV file");
    }
    return {info.samplerate, info.channels};
}

}  // namespace

SourceFormat source_format(const AudioSource& audio) {
    if (const auto* tone = std::get_if<SineTone>(&audio)) {
        if (tone->frequency_hz < 10 || tone->frequency_hz > 20000) {
            throw std::invalid_argument("ausine frequency must be 10..20000 Hz, not " +
                                        std::to_string(tone->frequency_hz));
        }
        return {48000, 2};  // ausine refuses any other format
    }
    const auto& wav = std::get<WavFile>(audio);
    if (wav.path.empty() || wav.path.string().find(',') != std::string::npos) {
        throw std::invalid_argument("audio source WAV path must be set and contain no ','");
    }
    return wav_format(wav.path);
}

std::string baresip_config_text(const PhoneOptions& options, const PhonePorts& ports,
                                const std::filesystem::path& recordings_dir) {
    const SourceFormat format = source_format(options.audio);
    std::string device;
    std::string source_module;
    if (const auto* tone = std::get_if<SineTone>(&options.audio)) {
        source_module = "ausine.so";
        device = "ausine," + std::to_string(tone->frequency_hz);
    } else {
        source_module = "aufile.so";
        device =
            "aufile," + std::filesystem::absolute(std::get<WavFile>(options.audio).path).string();
    }

    std::ostringstream out;
    out << "# baresip 1.0 config written by the Markaz integration tests for phone " << options.user
        << "\n"
        << "poll_method\t\tepoll\n"
        // SIP on 127.0.0.1 only; net_interface makes SDP and RTP use 127.0.0.1 too.
        << "sip_listen\t\t127.0.0.1:" << ports.sip << "\n"
        << "net_interface\t\t127.0.0.1\n"
        << "call_local_timeout\t120\n"
        << "call_max_calls\t\t4\n"
        // No audio_player: nothing plays, but received audio is still decoded, and sndfile
        // records it. audio_alert is unset for the same reason (no ring tones).
        << "audio_source\t\t" << device << "\n"
        << "ausrc_srate\t\t" << format.sample_rate << "\n"
        << "ausrc_channels\t\t" << format.channels << "\n"
        << "audio_level\t\tno\n"
        << "ausrc_format\t\ts16\n"
        << "auplay_format\t\ts16\n"
        << "auenc_format\t\ts16\n"
        << "audec_format\t\ts16\n"
        << "rtp_ports\t\t" << options.rtp_port_min << "-" << options.rtp_port_max << "\n"
        << "rtp_stats\t\tno\n"
        << "rtcp_mux\t\tno\n"
        << "module_path\t\t" << baresip_module_path() << "\n"
        << "module\t\t\tg711.so\n"
        << "module\t\t\t" << source_module << "\n";
    if (options.record) {
        out << "module\t\t\tsndfile.so\n";
    }
    out << "module_tmp\t\taccount.so\n"
        << "module_app\t\tmenu.so\n"
        << "module_app\t\tctrl_tcp.so\n"
        << "ctrl_tcp_listen\t\t127.0.0.1:" << ports.ctrl << "\n"
        << "snd_path\t\t" << recordings_dir.string() << "\n"
        << "statmode_default\toff\n"
        << "ringback_disabled\tyes\n"
        << "menu_bell\t\tno\n";
    return out.str();
}

std::string baresip_account_line(const PhoneOptions& options, const PhonePorts& ports) {
    check_account_text("user", options.user);
    check_account_text("display name", options.display_name);
    check_account_text("password", options.password);
    for (const auto& codec : options.codecs) {
        check_account_text("codec", codec);
    }
    if (options.user.empty() || options.user.find_first_of("@: ") != std::string::npos) {
        throw std::invalid_argument("user must be a plain SIP user part: '" + options.user + "'");
    }
    std::string line;
    if (!options.display_name.empty()) {
        line += "\"" + options.display_name + "\" ";
    }
    const char* transport = options.transport == SipTransport::Tcp ? "tcp" : "udp";
    if (options.registrar) {
        check_account_text("registrar", *options.registrar);
        line += "<sip:" + options.user + "@" + *options.registrar + ";transport=" + transport + ">";
        if (!options.password.empty()) {
            line += ";auth_pass=" + options.password;
        }
        line += ";regint=" + std::to_string(options.register_interval.count());
    } else {
        line += "<sip:" + options.user + "@127.0.0.1:" + std::to_string(ports.sip) + ">";
        line += ";regint=0";
    }
    line += ";answermode=";
    line += answer_mode_name(options.answer_mode);
    if (options.ptime != std::chrono::milliseconds{20}) {
        line += ";ptime=" + std::to_string(options.ptime.count());
    }
    if (!options.codecs.empty()) {
        line += ";audio_codecs=";
        for (std::size_t i = 0; i < options.codecs.size(); ++i) {
            line += (i == 0 ? "" : ",") + options.codecs[i];
        }
    }
    line += "\n";
    return line;
}

std::string baresip_binary() {
    return env_or("MARKAZ_BARESIP", "baresip");
}

std::string baresip_module_path() {
    return env_or("MARKAZ_BARESIP_MODULES", "/usr/lib/baresip/modules");
}

}  // namespace markaz::integration
