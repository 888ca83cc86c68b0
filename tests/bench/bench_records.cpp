// Memory of the per-file records (issue 16.5): heap bytes per record of a profile's SyncState loaded from
// state.records, against the same records held as QStrings (the layout before: hash as 71 UTF-16
// characters, blob id as 40), built in the same run; and the load time. Not a test: it prints figures.
//
//   build/tests/bench/bench_records           # 100,000 records
//   build/tests/bench/bench_records 10000

#include "core/sync/scanner.h"
#include "core/sync/syncstate.h"

#include <cstdio>
#include <malloc.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

using namespace ferry;

namespace {

// The records as they were held before: every text field a QString.
struct TextRecord
{
    QString hash;
    QString oid;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    bool executable = false;
    QString source;
};

qint64 heapInUse()
{
    malloc_trim(0);
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

sync::SyncState profileOf(int files)
{
    sync::SyncState s;
    s.head = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    for (int i = 0; i < files; ++i) {
        // Paths as idle_footprint.sh makes them; digests of distinct content.
        const QString path = QStringLiteral("notes/d%1/f%2.txt").arg(i / 500).arg(i % 500);
        sync::FileRecord f;
        f.hash = sync::Scanner::sha256Of(path.toUtf8());
        f.oid = sync::Scanner::blobOidOf(path.toUtf8());
        f.size = 20;
        f.mtimeNs = Q_INT64_C(1764480000000000000) + i;
        f.inode = quint64(1000000 + i);
        f.source = QStringLiteral("local");
        s.files.insert(path, f);
    }
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString statePath = dir.filePath(QStringLiteral("state.json"));
    if (const Status saved = profileOf(files).save(statePath); !saved) {
        std::fprintf(stderr, "save failed: %s\n", qPrintable(saved.message()));
        return 1;
    }

    const qint64 heap0 = heapInUse();
    const qint64 rss0 = residentKb();
    QElapsedTimer timer;
    timer.start();
    Result<sync::SyncState> loaded = sync::SyncState::load(statePath);
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!loaded || loaded->files.size() != files) {
        std::fprintf(stderr, "load failed\n");
        return 1;
    }
    const qint64 heap1 = heapInUse();
    const qint64 rss1 = residentKb();

    QHash<QString, TextRecord> text;
    text.reserve(loaded->files.size());
    for (auto it = loaded->files.cbegin(); it != loaded->files.cend(); ++it)
        text.insert(QString(it.key().constData(), it.key().size()), // a copy of its own, as a load made
                    TextRecord{it->hash.toString(), it->oid.toString(), it->size, it->mtimeNs, it->inode,
                               it->executable, it->source});
    const qint64 heap2 = heapInUse();
    const qint64 rss2 = residentKb();

    std::printf("per-file records, %d files (loaded from state.records in %.3f s):\n", files, loadSeconds);
    std::printf("  as held now (FileRecords: one array, paths):  %6.1f MB heap, %5.0f bytes a record "
                "(resident +%.1f MB)\n",
                double(heap1 - heap0) / 1e6, double(heap1 - heap0) / files, double(rss1 - rss0) / 1024);
    std::printf("  as QStrings (the layout before):              %6.1f MB heap, %5.0f bytes a record "
                "(resident +%.1f MB)\n",
                double(heap2 - heap1) / 1e6, double(heap2 - heap1) / files, double(rss2 - rss1) / 1024);
    return 0;
}
