#include "app/prompt_library.h"

#include <array>
#include <tuple>

#include "ivr/prompt_catalog.h"
#include "media/tone_generator.h"

namespace markaz::app {

namespace {

std::string path_in(const std::string& dir, const std::string& file) {
    return file.starts_with('/') || dir.empty() ? file : dir + "/" + file;
}

/// The barge-in beep: one 1,400 Hz tone of 300 ms, a pitch no voice or call-progress tone has.
std::shared_ptr<const media::Prompt> beep() {
    media::ToneGenerator tone({1400, 0, -13, {300, 0, 0, 0}, false});
    std::vector<std::int16_t> samples;
    std::array<std::int16_t, media::kFrameSamples> frame{};
    for (int i = 0; i < 15; ++i) {  // 300 ms of 20 ms frames
        tone.next_frame(frame);
        samples.insert(samples.end(), frame.begin(), frame.end());
    }
    return media::Prompt::from_samples(std::move(samples));
}

}  // namespace

Result<PromptLibrary> PromptLibrary::load(const std::string& dir,
                                          const std::map<std::string, ivr::Flow>& flows,
                                          const HouseSounds& house) {
    PromptLibrary library;
    library.dir_ = dir;
    std::vector<std::string> files;
    for (const ivr::SpeechItem& item : ivr::speech_to_synthesize(flows)) {
        files.push_back(item.file);
    }
    for (const auto& [name, flow] : flows) {
        for (const auto& [node_name, node] : flow.nodes) {
            auto add_files = [&](const ivr::Prompt& prompt) {
                for (const ivr::PromptPart& part : prompt) {
                    if (!part.file.empty()) {
                        files.push_back(part.file);
                    }
                }
            };
            if (const auto* play = std::get_if<ivr::PlayNode>(&node.kind)) {
                add_files(play->prompt);
            } else if (const auto* menu = std::get_if<ivr::MenuNode>(&node.kind)) {
                add_files(menu->prompt);
                add_files(menu->invalid);
                add_files(menu->no_input);
            } else if (const auto* collect = std::get_if<ivr::CollectNode>(&node.kind)) {
                add_files(collect->prompt);
            }
        }
    }
    for (const std::string& file : files) {
        if (library.sounds_.contains(file)) {
            continue;
        }
        auto loaded = media::Prompt::load(path_in(dir, file));
        if (loaded) {
            library.sounds_[file] = std::move(*loaded);
        } else {
            library.missing_.push_back(loaded.error().message);
        }
    }
    // The house's sounds are named in the configuration: one that does not load is a
    // start-up error, not a silence found during a call.
    for (auto [field, path, sound] :
         {std::tuple{"music_on_hold", house.music_on_hold, &library.music_on_hold_},
          std::tuple{"loop_prompt", house.loop_prompt, &library.loop_prompt_}}) {
        if (path.empty()) {
            continue;
        }
        auto loaded = media::Prompt::load(path);
        if (!loaded) {
            return fail(loaded.error().code,
                        std::string("sip.") + field + ": " + loaded.error().message);
        }
        *sound = std::move(*loaded);
    }
    if (house.barge_beep) {
        library.barge_beep_ = beep();
    }
    return library;
}

std::shared_ptr<const media::Prompt> PromptLibrary::find(const std::string& file) const {
    auto it = sounds_.find(file);
    return it == sounds_.end() ? nullptr : it->second;
}

std::shared_ptr<const media::Prompt> PromptLibrary::prompt(
    const std::vector<ivr::PromptToPlay>& parts) const {
    std::vector<std::shared_ptr<const media::Prompt>> sounds;
    for (const ivr::PromptToPlay& part : parts) {
        auto sound =
            find(part.file.empty() ? ivr::spoken_text_file(part.text, part.language) : part.file);
        if (sound) {
            sounds.push_back(std::move(sound));
        }
    }
    return sounds.empty() ? nullptr : media::Prompt::join(sounds);
}

std::shared_ptr<const media::Prompt> PromptLibrary::announcement(
    const std::vector<ivr::SpokenPart>& parts, ivr::Language language) const {
    std::vector<std::shared_ptr<const media::Prompt>> sounds;
    for (const ivr::SpokenPart& part : parts) {
        auto sound = find(part.kind == ivr::SpokenPart::Kind::Text
                              ? ivr::spoken_text_file(part.value, language)
                              : ivr::number_word_file(part.value, language));
        if (sound) {
            sounds.push_back(std::move(sound));
        }
    }
    return sounds.empty() ? nullptr : media::Prompt::join(sounds);
}

}  // namespace markaz::app
