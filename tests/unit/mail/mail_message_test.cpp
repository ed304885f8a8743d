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

/// The body of the part whose headers contain `marker`, up to the next boundary line.
std::string part_body(const std::string& mime, const std::string& marker) {
    const auto headers = mime.find(marker);
    if (headers == std::string::npos) {
        return "";
    }
    const auto start = mime.find("\r\n\r\n", headers) + 4;
    return mime.substr(start, mime.find("\r\n--", start) - start);
}

TEST(MailMessage, AReportIsHtmlWithItsChartInlineAndThePdfAttached) {
    MailMessage m;
    m.from = "markaz@centre.example";
    m.to = {"manager@centre.example"};
    m.subject = "گزارش روزانه";
    m.text = "گزارش روزانه صف sales\n";
    m.html = "<html dir=\"rtl\"><body><h1>گزارش</h1><img src=\"cid:chart@markaz\"></body></html>";
    m.language = "fa";
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += std::string(300, '\0');
    const std::string pdf = "%PDF-1.4\n" + std::string(200, 'x') + "\n%%EOF\n";
    m.inline_parts = {{"image/png", "chart.png", "chart@markaz", png}};
    m.attachments = {{"application/pdf", "report-queue-sales.pdf", "", pdf}};
    const std::string mime = mime_text(m, kAt, "markaz-report-7");

    const std::string boundary = "=_markaz_markaz-report-7_";
    EXPECT_NE(mime.find("Content-Type: multipart/mixed; boundary=\"" + boundary + "m\""),
              std::string::npos);
    EXPECT_NE(mime.find("Content-Type: multipart/related; boundary=\"" + boundary + "r\""),
              std::string::npos);
    EXPECT_NE(mime.find("Content-Type: multipart/alternative; boundary=\"" + boundary + "a\""),
              std::string::npos);
    // mixed holds related, which holds alternative then the image; the PDF comes after.
    EXPECT_LT(mime.find("multipart/related"), mime.find("multipart/alternative"));
    EXPECT_LT(mime.find("Content-Type: image/png"), mime.find("Content-Type: application/pdf"));
    EXPECT_EQ(unbase64(part_body(mime, "Content-Type: text/plain")), m.text);
    EXPECT_EQ(unbase64(part_body(mime, "Content-Type: text/html")), m.html);
    EXPECT_NE(mime.find("Content-ID: <chart@markaz>\r\nContent-Disposition: inline"),
              std::string::npos);
    EXPECT_EQ(unbase64(part_body(mime, "Content-Type: image/png")), png);
    EXPECT_NE(mime.find("Content-Disposition: attachment; filename=\"report-queue-sales.pdf\"\r\n"),
              std::string::npos);
    EXPECT_EQ(unbase64(part_body(mime, "Content-Type: application/pdf")), pdf);
    EXPECT_EQ(mime.substr(mime.size() - boundary.size() - 7), "--" + boundary + "m--\r\n");
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
