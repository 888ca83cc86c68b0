#include "core/store/runqueue.h"

#include "core/util/atomicfile.h"
#include "core/util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace ferry::store {
namespace {

} // namespace

RunQueue::RunQueue(QString path) : m_path(std::move(path)) {}

Status RunQueue::append(const RunRecord& run)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return makeError(ErrorKind::Io, QStringLiteral("cannot queue the run of %1 in %2: %3")
                                            .arg(run.taskName, m_path, file.errorString()));
    QByteArray line = QJsonDocument(run.toJson()).toJson(QJsonDocument::Compact) + '\n';
    // A crash mid-append leaves a line without its newline; start on a fresh line so that only the
    // torn record is lost to parsing, not this one too.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        line.prepend('\n');
    file.seek(file.size());
    if (file.write(line) != line.size() || !util::flushToDisk(file))
        return makeError(ErrorKind::Io, QStringLiteral("cannot queue the run of %1 in %2 (disk full?): %3")
                                            .arg(run.taskName, m_path, file.errorString()));
    return Status::success();
}

Result<QList<RunRecord>> RunQueue::load() const
{
    const Result<QByteArray> content = util::readWholeFile(m_path);
    if (!content)
        return content.error().kind == ErrorKind::NotFound ? Result<QList<RunRecord>>(QList<RunRecord>{})
                                                           : Result<QList<RunRecord>>(content.error());
    QList<RunRecord> runs;
    int lineNumber = 0;
    for (const QByteArray& line : content->split('\n')) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const std::optional<RunRecord> run =
            doc.isObject() ? RunRecord::fromJson(doc.object()) : std::nullopt;
        if (!run) {
            qCWarning(lcStore).noquote()
                << QStringLiteral("%1:%2: skipping an unreadable queued run (torn by a "
                                  "crash?): %3")
                       .arg(m_path)
                       .arg(lineNumber)
                       .arg(QString::fromUtf8(line.left(200)));
            continue;
        }
        runs.append(*run);
    }
    return runs;
}

Status RunQueue::rewrite(const QList<RunRecord>& remaining)
{
    if (remaining.isEmpty()) {
        if (QFile::exists(m_path) && !QFile::remove(m_path))
            return makeError(ErrorKind::Io, QStringLiteral("cannot remove %1").arg(m_path));
        return Status::success();
    }
    QByteArray content;
    for (const RunRecord& run : remaining)
        content += QJsonDocument(run.toJson()).toJson(QJsonDocument::Compact) + '\n';
    return util::writeFileAtomically(m_path, content);
}

int RunQueue::size() const
{
    const Result<QList<RunRecord>> runs = load();
    return runs ? int(runs->size()) : 0;
}

} // namespace ferry::store
