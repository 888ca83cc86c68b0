#pragma once

#include <array>
#include <cstring>
#include <memory>
#include <QByteArrayView>
#include <QString>

namespace ferry::sync {

// A digest that people and state.json see as lower-case hex text ("sha256:<64 hex>", or a git blob id of
// 40), held as its N raw bytes: with 100,000 per-file records, two QStrings of 71 and 40 UTF-16
// characters cost about 300 bytes a file on the heap, these 52 bytes inline. It converts to and from
// QString, so code that reads or sets it as text keeps working. Text of any other form (upper case,
// another length, a hand-edited state.json) is kept exactly as given, on the heap: it round-trips
// unchanged, as it did when it was a QString.
template <int N, bool Prefixed>
class HexDigest
{
public:
    static constexpr int Size = N;

    HexDigest() = default;
    HexDigest(const QString& text) { assign(text); } // NOLINT(google-explicit-constructor): it was a QString
    HexDigest(const HexDigest& o) : m_bytes(o.m_bytes), m_kind(o.m_kind)
    {
        if (o.m_text)
            m_text = std::make_unique<QString>(*o.m_text);
    }
    HexDigest(HexDigest&&) noexcept = default;
    HexDigest& operator=(const HexDigest& o)
    {
        if (this != &o)
            *this = HexDigest(o);
        return *this;
    }
    HexDigest& operator=(HexDigest&&) noexcept = default;
    HexDigest& operator=(const QString& text)
    {
        assign(text);
        return *this;
    }
    ~HexDigest() = default;

    // From the N raw bytes (a git_oid, a SHA-256 result).
    static HexDigest fromBytes(QByteArrayView raw)
    {
        HexDigest d;
        if (raw.size() == N) {
            std::memcpy(d.m_bytes.data(), raw.data(), N);
            d.m_kind = Kind::Binary;
        }
        return d;
    }

    bool isEmpty() const { return m_kind == Kind::Empty; }
    // Whether it is the canonical form, held as bytes (raw() is then meaningful).
    bool isBinary() const { return m_kind == Kind::Binary; }
    QByteArrayView raw() const { return {reinterpret_cast<const char*>(m_bytes.data()), N}; }

    QString toString() const
    {
        if (m_kind == Kind::Text)
            return *m_text;
        if (m_kind == Kind::Empty)
            return {};
        static constexpr char digits[] = "0123456789abcdef";
        QString s(prefixSize() + 2 * qsizetype(N), Qt::Uninitialized);
        QChar* out = s.data();
        for (qsizetype i = 0; i < prefixSize(); ++i)
            *out++ = QLatin1Char(prefix()[i]);
        for (const unsigned char b : m_bytes) {
            *out++ = QLatin1Char(digits[b >> 4]);
            *out++ = QLatin1Char(digits[b & 15]);
        }
        return s;
    }
    operator QString() const { return toString(); } // NOLINT(google-explicit-constructor)

    friend bool operator==(const HexDigest& a, const HexDigest& b)
    {
        if (a.m_kind != b.m_kind)
            return false;
        switch (a.m_kind) {
        case Kind::Empty:
            return true;
        case Kind::Binary:
            return a.m_bytes == b.m_bytes;
        case Kind::Text:
            return *a.m_text == *b.m_text;
        }
        return false;
    }
    friend bool operator!=(const HexDigest& a, const HexDigest& b) { return !(a == b); }
    friend bool operator==(const HexDigest& a, const QString& b) { return a == HexDigest(b); }
    friend bool operator!=(const HexDigest& a, const QString& b) { return !(a == b); }
    friend bool operator==(const QString& a, const HexDigest& b) { return b == a; }
    friend bool operator!=(const QString& a, const HexDigest& b) { return !(b == a); }

private:
    enum class Kind : quint8 { Empty, Binary, Text };

    static constexpr const char* prefix() { return Prefixed ? "sha256:" : ""; }
    static constexpr qsizetype prefixSize() { return Prefixed ? 7 : 0; }

    static int nibble(char16_t c)
    {
        if (c >= u'0' && c <= u'9')
            return c - u'0';
        if (c >= u'a' && c <= u'f')
            return c - u'a' + 10;
        return -1;
    }

    void assign(const QString& text)
    {
        m_text.reset();
        m_kind = Kind::Empty;
        if (text.isEmpty())
            return;
        bool canonical = text.size() == prefixSize() + 2 * qsizetype(N);
        for (qsizetype i = 0; canonical && i < prefixSize(); ++i)
            canonical = text[i] == QLatin1Char(prefix()[i]);
        for (qsizetype i = 0; canonical && i < N; ++i) {
            const int hi = nibble(text[prefixSize() + 2 * i].unicode());
            const int lo = nibble(text[prefixSize() + 2 * i + 1].unicode());
            canonical = hi >= 0 && lo >= 0;
            m_bytes[size_t(i)] = quint8(hi << 4 | lo);
        }
        if (canonical) {
            m_kind = Kind::Binary;
            return;
        }
        m_bytes = {};
        m_kind = Kind::Text;
        m_text = std::make_unique<QString>(text);
    }

    std::array<quint8, N> m_bytes{};
    Kind m_kind = Kind::Empty;
    std::unique_ptr<QString> m_text; // only for text that is not the canonical form
};

using Sha256Digest = HexDigest<32, true>; // "sha256:<hex>"
using BlobId = HexDigest<20, false>;      // a git blob id (SHA-1)

} // namespace ferry::sync
