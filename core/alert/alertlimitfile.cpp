#include "core/alert/alertlimitfile.h"

#include "core/util/atomicfile.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::alert {
namespace {

QString stamp(const QDateTime& at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime parsed(const QJsonValue& value)
{
    QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODate);
    return at.isValid() ? at.toUTC() : QDateTime();
}

} // namespace

AlertLimitFile::AlertLimitFile(QString path) : m_path(std::move(path)) {}

Result<AlertLimitFile::Entries> AlertLimitFile::read() const
{
    Result<QByteArray> bytes = util::readWholeFile(m_path);
    if (!bytes) {
        if (bytes.error().kind == ErrorKind::NotFound)
            return Entries{};
        return bytes.error();
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &error);
    const QJsonObject root = doc.object();
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1 is not JSON (%2)").arg(m_path, error.errorString()));
    if (root.value(QStringLiteral("version")).toInt() != kVersion)
        return makeError(ErrorKind::Invalid, QStringLiteral("%1 has version %2, expected %3")
                                                 .arg(m_path)
                                                 .arg(root.value(QStringLiteral("version")).toInt())
                                                 .arg(kVersion));
    Entries out;
    const QJsonObject limits = root.value(QStringLiteral("limits")).toObject();
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Entry e{parsed(o.value(QStringLiteral("last_sent"))), o.value(QStringLiteral("suppressed")).toInt(),
                parsed(o.value(QStringLiteral("first_suppressed")))};
        // No last_sent: held back while one was on its way that then failed (its count waits).
        if (e.suppressed >= 0 && (e.lastSent.isValid() || e.suppressed > 0))
            out.insert(it.key(), e);
    }
    return out;
}

Status AlertLimitFile::write(const Entries& entries) const
{
    QJsonObject limits;
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        QJsonObject o{{QStringLiteral("suppressed"), it->suppressed}};
        if (it->lastSent.isValid())
            o.insert(QStringLiteral("last_sent"), stamp(it->lastSent));
        if (it->firstSuppressed.isValid())
            o.insert(QStringLiteral("first_suppressed"), stamp(it->firstSuppressed));
        limits.insert(it.key(), o);
    }
    const QJsonObject root{{QStringLiteral("version"), kVersion}, {QStringLiteral("limits"), limits}};
    return util::writeFileAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace ferry::alert
