#include "mail/mail_message.h"

#include <gtest/gtest.h>

namespace markaz::mail {
namespace {

/// Standard base64, for reading back what mime_text wrote.
std::string unbase64(const std::string& text) {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        const auto at = kAlphabet.find(c);
        if (at == std::string::npos) {
            continue;  // '=', line breaks
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(at);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

/// The header's value, encoded words decoded and joined.
std::string decoded_header(const std::string& mime, const std::string& name) {
    const auto start = mime.find("\r\n" + name + ": ");
    std::string value;
    std::size_t at = start + name.size() + 4;
    for (;;) {
        const auto end = mime.find("\r\n", at);
        value += mime.substr(at, end - at);
        if (mime[end + 2] != ' ') {
            break;
        }
        at = end + 3;
    }
    std::string out;
    for (std::size_t i = 0; (i = value.find("=?UTF-8?B?", i)) != std::string::npos;) {
        const auto close = value.find("?=", i + 10);
        out += unbase64(value.substr(i + 10, close - i - 10));
        i = close + 2;
    }
    return out.empty() ? value : out;
}

const WallTime kAt{std::chrono::sys_days{std::chrono::year{2026} / 12 / 6} + std::chrono::hours{8}};

TEST(MailMessage, PersianSubjectAndBodyArriveIntact) {
    MailMessage m;
    m.from = "markaz@centre.example";
    m.to = {"manager@centre.example", "lead@centre.example"};
    m.subject = "[Markaz] هشدار: سطح خدمت sales ۶۲٪ (کمتر از ۸۰٪) — یک موضوع بلند برای شکستن";
    m.text = "سطح خدمت sales ۶۲٪\nقاعده: sales-sl\n";
    m.language = "fa";
    const std::string mime = mime_text(m, kAt, "markaz-1");
    EXPECT_EQ(mime.substr(0, 37), "Date: Sun, 06 Dec 2026 08:00:00 +0000");
    EXPECT_NE(mime.find("\r\nTo: manager@centre.example, lead@centre.example\r\n"),
              std::string::npos);
    EXPECT_NE(mime.find("\r\nMessage-ID: <markaz-1@centre.example>\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Content-Language: fa\r\n"), std::string::npos);
    EXPECT_EQ(decoded_header(mime, "Subject"), m.subject) << "split between characters";
    const std::string body = mime.substr(mime.find("\r\n\r\n") + 4);
    EXPECT_EQ(unbase64(body), m.text);
    for (std::size_t at = 0, end; (end = mime.find("\r\n", at)) != std::string::npos;
         at = end + 2) {
        EXPECT_LE(end - at, 78U) << "line at " << at;
    }
}

TEST(MailMessage, AnAsciiSubjectIsLeftAsItIsAndLineBreaksCannotAddHeaders) {
    MailMessage m;
    m.from = "markaz@centre.example";
    m.to = {"a@b.example"};
    m.subject = "Alert\r\nBcc: victim@example.com";
    const std::string mime = mime_text(m, kAt, "x\r\nBcc: y");
    EXPECT_NE(mime.find("Subject: Alert  Bcc: victim@example.com\r\n"), std::string::npos);
    EXPECT_EQ(mime.find("\r\nBcc:"), std::string::npos);
}

TEST(MailMessage, OnlyMailboxesAreAddresses) {
    EXPECT_TRUE(is_mail_address("manager@centre.example"));
    for (const char* wrong : {"", "manager", "@centre", "a@", "a@b@c", "a b@c.d",
                              "a@b.c\r\nBcc: x@y.z", "<a@b.c>", "a@b.c,d@e.f"}) {
        EXPECT_FALSE(is_mail_address(wrong)) << wrong;
    }
}

}  // namespace
}  // namespace markaz::mail
