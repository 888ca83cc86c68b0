#include "core/util/instancechannel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QLocalSocket>

namespace ferry::util {

QString InstanceChannel::name(const QString& dataDir)
{
    const QByteArray key = QDir(dataDir).absolutePath().toUtf8() + '|' + qgetenv("USER");
    return QStringLiteral("ferry-") +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
}

Result<QJsonObject> InstanceChannel::request(const QString& name, const QJsonObject& request, int connectMs,
                                             int answerMs)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(connectMs))
        return makeError(ErrorKind::NotFound, QStringLiteral("no running Ferry app"));
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    socket.flush();
    QByteArray answer;
    while (!answer.contains('\n')) {
        if (!socket.waitForReadyRead(answerMs))
            return makeError(
                ErrorKind::Unavailable,
                QStringLiteral("the running Ferry app stopped answering (%1)").arg(socket.errorString()));
        answer += socket.readAll();
    }
    const QJsonDocument doc = QJsonDocument::fromJson(answer.left(answer.indexOf('\n')));
    if (!doc.isObject())
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("the running Ferry app gave an answer Ferry cannot read"));
    return doc.object();
}

} // namespace ferry::util
