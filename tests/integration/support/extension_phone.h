#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/baresip_config.h"
#include "support/markaz_server.h"

namespace markaz::integration {

/// The phone of extension `number` in the tests' configurations (password "secret<number>"),
/// registered at `server`, sending a `tone_hz` sine and answering as `mode`; `ptime` and
/// `codecs` as phones differ.
inline PhoneOptions extension_phone(const MarkazServer& server, const std::string& number,
                                    int tone_hz, AnswerMode mode,
                                    std::chrono::milliseconds ptime = std::chrono::milliseconds{20},
                                    std::vector<std::string> codecs = {"PCMU", "PCMA"}) {
    PhoneOptions options;
    options.user = number;
    options.password = "secret" + number;
    options.registrar = server.registrar();
    options.audio = SineTone{tone_hz};
    options.answer_mode = mode;
    options.ptime = ptime;
    options.codecs = std::move(codecs);
    return options;
}

}  // namespace markaz::integration
