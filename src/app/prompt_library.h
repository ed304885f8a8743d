#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "ivr/announcements.h"
#include "ivr/flow.h"
#include "ivr/session.h"
#include "media/prompt_player.h"

namespace markaz::app {

/// Every sound the call flow plays, decoded once at start from the prompts directory that
/// `markaz prompts` filled (the flows' texts, the call flow's phrases, number words) plus the
/// flows' own files. Lookups afterwards touch no disk, so the core loop never waits on I/O.
/// A sound that is missing is skipped (the caller hears the rest) and listed by missing().
/// Thread: built before the core loop starts, then read-only.
class PromptLibrary {
public:
    /// Sound files the configuration names (its `sip:` section); "" = none.
    struct HouseSounds {
        std::string music_on_hold;  ///< "" = the held party hears silence
        std::string loop_prompt;    ///< the prompt test's sound; "" = no prompt test
        bool barge_beep = false;    ///< a beep for the parties when a supervisor barges in
    };

    /// Loads what `flows` and the phrases need from `dir` (missing ones are listed), and the
    /// house's sounds (one that does not load fails, naming its field).
    static Result<PromptLibrary> load(const std::string& dir,
                                      const std::map<std::string, ivr::Flow>& flows,
                                      const HouseSounds& house);

    /// The parts an IVR instruction names, joined into one sound (nullptr when none exists).
    std::shared_ptr<const media::Prompt> prompt(const std::vector<ivr::PromptToPlay>& parts) const;
    /// An announcement of the call flow, joined into one sound.
    std::shared_ptr<const media::Prompt> announcement(const std::vector<ivr::SpokenPart>& parts,
                                                      ivr::Language language) const;
    std::shared_ptr<const media::Prompt> music_on_hold() const { return music_on_hold_; }
    std::shared_ptr<const media::Prompt> loop_prompt() const { return loop_prompt_; }
    /// 1,400 Hz for 300 ms, made here (no file); nullptr when the centre wants none.
    std::shared_ptr<const media::Prompt> barge_beep() const { return barge_beep_; }
    /// Sound files that should exist and did not load ("tts/fa/0123.wav: no such file").
    const std::vector<std::string>& missing() const { return missing_; }

private:
    std::shared_ptr<const media::Prompt> find(const std::string& file) const;

    std::string dir_;
    std::map<std::string, std::shared_ptr<const media::Prompt>> sounds_;  ///< by file
    std::shared_ptr<const media::Prompt> music_on_hold_;
    std::shared_ptr<const media::Prompt> loop_prompt_;
    std::shared_ptr<const media::Prompt> barge_beep_;
    std::vector<std::string> missing_;
};

}  // namespace markaz::app
