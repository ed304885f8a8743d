#include "mail/smtp_sender.h"

#include <algorithm>
#include <cstring>
#include <curl/curl.h>
#include <memory>

namespace markaz::mail {
namespace {

struct Payload {
    std::string bytes;
    std::size_t at = 0;
};

std::size_t read_payload(char* out, std::size_t size, std::size_t count, void* user) {
    auto* payload = static_cast<Payload*>(user);
    const std::size_t n = std::min(size * count, payload->bytes.size() - payload->at);
    std::memcpy(out, payload->bytes.data() + payload->at, n);
    payload->at += n;
    return n;
}

struct CurlCleanup {
    void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};
struct ListCleanup {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

}  // namespace

Result<void> send_mail(const SmtpSettings& settings, const MailMessage& message, WallTime at,
                       const std::string& id) {
    static const CURLcode ready = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (ready != CURLE_OK) {
        return fail(Errc::Unavailable, std::string("mail: ") + curl_easy_strerror(ready));
    }
    std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
    if (!curl) {
        return fail(Errc::Unavailable, "mail: libcurl could not start");
    }
    std::unique_ptr<curl_slist, ListCleanup> recipients;
    for (const std::string& to : message.to) {
        recipients.reset(curl_slist_append(recipients.release(), ("<" + to + ">").c_str()));
    }
    Payload payload{mime_text(message, at, id)};
    const std::string from = "<" + message.from + ">";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
    curl_easy_setopt(c, CURLOPT_READDATA, &payload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     settings.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                          : static_cast<long>(CURLUSESSL_TRY));
    if (!settings.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
    }
    const CURLcode sent = curl_easy_perform(c);
    if (sent != CURLE_OK) {
        return fail(Errc::Unavailable, "mail to " + settings.url + ": " + curl_easy_strerror(sent));
    }
    return {};
}

}  // namespace markaz::mail
