#include "ivr/announcements.h"

#include <algorithm>
#include <array>

#include "ivr/spoken_number.h"

namespace markaz::ivr {

namespace {

struct PhraseText {
    Phrase phrase;
    std::string_view fa;
    std::string_view ar;
    std::string_view en;
};

constexpr std::array<PhraseText, 19> kPhrases{{
    {Phrase::PositionBefore, "شما نفر", "أنت المتصل رقم", "You are caller number"},
    {Phrase::PositionAfter, "در صف هستید.", "", ""},
    {Phrase::WaitBefore, "زمان انتظار تقریبی شما", "مدة الانتظار المتوقعة حوالي",
     "Your expected wait is about"},
    {Phrase::Minutes, "دقیقه است.", "دقائق", "minutes."},
    {Phrase::Minute, "دقیقه است.", "دقيقة", "minute."},
    {Phrase::WaitUnderMinute, "زمان انتظار شما کمتر از یک دقیقه است.", "مدة الانتظار أقل من دقيقة.",
     "Your expected wait is under a minute."},
    {Phrase::CallbackOffer, "برای تماس برگشتی بدون از دست دادن نوبت خود، نه را فشار دهید.",
     "لمعاودة الاتصال بك دون أن تفقد دورك، اضغط تسعة.",
     "To be called back without losing your place, press 9."},
    {Phrase::CallbackNumberBefore, "با این شماره با شما تماس می‌گیریم:",
     "سنعاود الاتصال بك على الرقم", "We will call you back at"},
    {Phrase::CallbackNumberChoice, "برای تأیید یک، و برای وارد کردن شماره دیگر دو را فشار دهید.",
     "للتأكيد اضغط واحد، ولإدخال رقم آخر اضغط اثنين.",
     "To confirm press 1, to enter another number press 2."},
    {Phrase::CallbackEnterNumber, "لطفا شماره تلفن خود را وارد کنید و سپس کلید مربع را بزنید.",
     "من فضلك أدخل رقم هاتفك ثم اضغط على المربع.",
     "Please enter your phone number, then press the hash key."},
    {Phrase::CallbackBooked,
     "درخواست تماس شما ثبت شد و نوبت شما حفظ می‌شود. "
     "خدانگهدار.",
     "تم تسجيل طلبك وسيبقى دورك محفوظا. مع السلامة.",
     "Your callback is booked and you keep your place in the queue. Goodbye."},
    {Phrase::CallbackFailed, "متأسفانه ثبت تماس برگشتی ممکن نشد.", "عذرا، لم نتمكن من تسجيل طلبك.",
     "Sorry, we could not book your callback."},
    {Phrase::CallbackGreeting, "سلام، این تماس برگشتی مرکز تماس است. لطفا منتظر کارشناس بمانید.",
     "مرحبا، هذا اتصال من مركز الاتصال كما طلبت. يرجى انتظار الموظف.",
     "Hello, this is the call back you asked for. Please hold for an agent."},
    {Phrase::AllBusy, "همه کارشناسان مشغول هستند. لطفا بعدا تماس بگیرید.",
     "جميع الموظفين مشغولون. يرجى الاتصال لاحقا.",
     "All our agents are busy. Please call again later."},
    {Phrase::FeatureLoggedIn, "وارد شدید.", "تم تسجيل الدخول.", "You are logged in."},
    {Phrase::FeatureLoggedOut, "خارج شدید.", "تم تسجيل الخروج.", "You are logged out."},
    {Phrase::FeaturePaused, "در حالت استراحت هستید.", "أنت في استراحة.", "You are paused."},
    {Phrase::FeatureReady, "آماده دریافت تماس هستید.", "أنت جاهز لاستقبال المكالمات.",
     "You are ready for calls."},
    {Phrase::FeatureRefused, "این کار انجام نشد.", "لم يتم ذلك.", "That did not work."},
}};

void add_number(std::vector<SpokenPart>& out, long long n, Language language) {
    for (std::string& word : spoken_number(n, language)) {
        out.push_back(SpokenPart{SpokenPart::Kind::NumberWord, std::move(word)});
    }
}

void add_text(std::vector<SpokenPart>& out, std::string_view text) {
    if (!text.empty()) {
        out.push_back(SpokenPart{SpokenPart::Kind::Text, std::string(text)});
    }
}

}  // namespace

std::string_view phrase_text(Phrase phrase, Language language) {
    for (const PhraseText& p : kPhrases) {
        if (p.phrase == phrase) {
            return language == Language::Fa ? p.fa : language == Language::Ar ? p.ar : p.en;
        }
    }
    return {};
}

std::vector<std::string> all_phrase_texts(Language language) {
    std::vector<std::string> out;
    for (const PhraseText& p : kPhrases) {
        out.emplace_back(phrase_text(p.phrase, language));
    }
    // Arabic's own forms of "minute" that wait_announcement uses.
    if (language == Language::Ar) {
        out.emplace_back("دقيقة واحدة");
        out.emplace_back("دقيقتان");
    }
    // Each text once (phrases may share one), none empty.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::erase(out, std::string{});
    return out;
}

SpokenPart say(Phrase phrase, Language language) {
    return SpokenPart{SpokenPart::Kind::Text, std::string(phrase_text(phrase, language))};
}

std::vector<SpokenPart> position_announcement(int position, Language language) {
    std::vector<SpokenPart> out;
    add_text(out, phrase_text(Phrase::PositionBefore, language));
    add_number(out, position, language);
    add_text(out, phrase_text(Phrase::PositionAfter, language));
    return out;
}

std::vector<SpokenPart> wait_announcement(Duration wait, Language language) {
    std::vector<SpokenPart> out;
    auto minutes = std::chrono::ceil<std::chrono::minutes>(wait).count();
    if (minutes <= 1 && wait < std::chrono::minutes{1}) {
        add_text(out, phrase_text(Phrase::WaitUnderMinute, language));
        return out;
    }
    add_text(out, phrase_text(Phrase::WaitBefore, language));
    if (language == Language::Ar) {
        // Arabic counted nouns: 1 and 2 are the noun alone (dual), 3-10 the plural after the
        // number, 11 and up the singular after the number.
        if (minutes == 1) {
            add_text(out, "دقيقة واحدة");
        } else if (minutes == 2) {
            add_text(out, "دقيقتان");
        } else {
            add_number(out, minutes, language);
            add_text(out, minutes <= 10 ? "دقائق" : "دقيقة");
        }
        return out;
    }
    add_number(out, minutes, language);
    add_text(out, phrase_text(minutes == 1 ? Phrase::Minute : Phrase::Minutes, language));
    return out;
}

std::vector<SpokenPart> digits_announcement(std::string_view digits, Language language) {
    std::vector<SpokenPart> out;
    for (char c : digits) {
        if (c >= '0' && c <= '9') {
            add_number(out, c - '0', language);
        }
    }
    return out;
}

}  // namespace markaz::ivr
