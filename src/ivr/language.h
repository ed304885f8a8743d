#pragma once

#include "common/enum_table.h"

namespace markaz::ivr {

/// The languages a caller hears prompts in.
enum class Language { Fa, Ar, En };
inline constexpr EnumTable<Language, 3> kLanguageNames{{{
    {Language::Fa, "fa"},
    {Language::Ar, "ar"},
    {Language::En, "en"},
}}};

}  // namespace markaz::ivr
