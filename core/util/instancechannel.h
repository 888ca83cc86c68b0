#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QString>

namespace ferry::util {

// The line between a running tray app and a second `ferry` started by the same user on the same data
// directory: a local socket (QLocalSocket) carrying one JSON request and one JSON answer. A second
// `ferry` brings the first one's window forward instead of starting again; `ferry sync` and `ferry
// ingest` hand their work to it instead of racing it on the same state.
class InstanceChannel
{
public:
    // The socket's name for a data directory: one app per data directory and user.
    static QString name(const QString& dataDir);

    // Sends `request` and waits for the answer. ErrorKind::NotFound when no app listens (connecting
    // fails within `connectMs`); Unavailable when it stopped answering.
    static Result<QJsonObject> request(const QString& name, const QJsonObject& request, int connectMs = 300,
                                       int answerMs = 24 * 3600 * 1000);
};

} // namespace ferry::util
