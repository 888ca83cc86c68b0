#include "core/git/repacker.h"

#include "core/git/library.h"
#include "core/git/objectdir.h"
#include "core/git/ptr.h"
#include "core/git/rawoid.h"
#include "core/git/repository.h"

#include <algorithm>
#include <cstring>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSet>
#include <QThread>

namespace ferry::git {
namespace {

struct PackbuilderFree
{
    void operator()(git_packbuilder* p) const noexcept { git_packbuilder_free(p); }
};
using PackbuilderPtr = std::unique_ptr<git_packbuilder, PackbuilderFree>;

// The delta window's memory, all threads together (FERRY_REPACK_WINDOW_MB overrides it): libgit2 keeps
// up to 10 objects and their delta indexes (about their size again) in each thread's window, bounded by
// pack.windowMemory per thread, so the budget is split among the threads; a window always keeps the
// object being matched and one more, so an object larger than a thread's share is still compared with
// its neighbour. Objects over 512 MB are left out of the delta search (libgit2's big-file threshold).
constexpr qint64 kWindowMemory = 256LL * 1024 * 1024;
constexpr qint64 kMinWindowPerThread = 32LL * 1024 * 1024;

struct Threads
{
    int count = 1;
    qint64 windowMemory = kWindowMemory; // each
};

Threads threadsFor(qint64 windowMemory)
{
    Threads t;
    t.count = std::max(1, QThread::idealThreadCount()); // every core: this runs between cycles
    t.windowMemory = std::max(windowMemory / t.count, kMinWindowPerThread);
    return t;
}

std::string utf8(const QString& s)
{
    return QDir::toNativeSeparators(s).toStdString();
}

struct Progress
{
    const util::StopToken* stop = nullptr;
    const Repacker::StepHook* onStep = nullptr;
    bool halfReported = false;
};

int onBuild(int, uint32_t, uint32_t, void* payload)
{
    return static_cast<Progress*>(payload)->stop->stopRequested() ? GIT_EUSER : 0;
}

int onWrite(const git_indexer_progress* stats, void* payload)
{
    auto* p = static_cast<Progress*>(payload);
    if (!p->halfReported && stats->total_objects > 0 && stats->received_objects * 2 >= stats->total_objects) {
        p->halfReported = true;
        if (*p->onStep)
            (*p->onStep)("repack-writing");
    }
    return p->stop->stopRequested() ? GIT_EUSER : 0;
}

// An object database of one pack, found by its index: "does the new pack hold this object".
Result<Ptr<git_odb>> openPack(const QString& indexPath)
{
    git_odb* raw = nullptr;
    if (const int rc = git_odb_new(&raw); rc < 0)
        return lastError(rc, QStringLiteral("cannot open %1").arg(indexPath));
    Ptr<git_odb> odb(raw);
    git_odb_backend* backend = nullptr;
    if (const int rc = git_odb_backend_one_pack(&backend, utf8(indexPath).c_str()); rc < 0)
        return lastError(rc, QStringLiteral("cannot open %1").arg(indexPath));
    if (const int rc = git_odb_add_backend(odb.get(), backend, 1); rc < 0) {
        backend->free(backend);
        return lastError(rc, QStringLiteral("cannot open %1").arg(indexPath));
    }
    return odb;
}

QString indexOf(const QString& packPath)
{
    return packPath.chopped(5) + QStringLiteral(".idx");
}

Error ioError(const QString& doing)
{
    return makeError(ErrorKind::Io,
                     QStringLiteral("%1: %2").arg(doing, QString::fromLocal8Bit(strerror(errno))));
}

} // namespace

QString Repacker::Report::summary() const
{
    return QStringLiteral("repacked %1 objects (%2 loose removed of %3, %4 of %5 packs merged): objects/ "
                          "%6 → %7 bytes in %8 s")
        .arg(objects)
        .arg(looseRemoved)
        .arg(looseBefore)
        .arg(packsRemoved)
        .arg(packsBefore)
        .arg(bytesBefore)
        .arg(bytesAfter)
        .arg(seconds, 0, 'f', 2);
}

Repacker::Repacker(QString repoPath, Thresholds thresholds, util::StopToken stop, StepHook onStep)
    : m_path(std::move(repoPath)), m_thresholds(thresholds), m_stop(std::move(stop)),
      m_onStep(std::move(onStep))
{
}

bool Repacker::needed() const
{
    return RepackTrigger(m_path, m_thresholds).check() != RepackTrigger::Reason::None;
}

QString Repacker::settingsPath(const QString& repoPath)
{
    return ObjectDir(repoPath).repackSettingsPath();
}

void Repacker::step(const char* name) const
{
    if (m_onStep)
        m_onStep(name);
}

Result<Repacker::Report> Repacker::repack()
{
    QElapsedTimer timer;
    timer.start();
    step("repack-starting");
    const Library library; // the caller may have closed its last repository handle
    const ObjectDir dir(m_path);
    dir.removeStaleTemporaries(0); // under the profile lock no writer of ours runs: all are leftovers
    Report report;
    report.bytesBefore = dir.bytes();
    report.looseBefore = int(dir.looseObjects().size());
    const QStringList oldPacks = dir.packs();
    report.packsBefore = int(oldPacks.size());
    // Past the pack threshold with the rule content (packs kept by hand, or of equal weight): all.
    const bool tooMany = m_thresholds.packs > 0 && oldPacks.size() >= m_thresholds.packs &&
                         PackPlan::choose(oldPacks).keep().size() >= m_thresholds.packs;
    const PackPlan plan = PackPlan::choose(oldPacks, tooMany);
    report.full = plan.full();
    report.packsKept = int(plan.keep().size());

    QString name;
    const Result<int> written = writePack(plan, name);
    if (!written)
        return written.error();
    report.objects = *written;
    if (report.objects > 0) {
        const QString newPack = dir.packDir() + QStringLiteral("/pack-") + name + QStringLiteral(".pack");
        // Durable before anything goes: the data, the index, and their names in the folder.
        if (!ObjectDir::syncPath(newPack) || !ObjectDir::syncPath(indexOf(newPack)) ||
            !ObjectDir::syncPath(dir.packDir()))
            return ioError(QStringLiteral("cannot flush the new pack %1 to disk").arg(newPack));
        step("repack-written");
        Status status = Status::success();
        report.looseRemoved = prune(indexOf(newPack), status);
        if (!status)
            return status.error();
        QStringList merged = plan.rollUp();
        merged.removeAll(newPack); // the same objects give the same pack: it was just rewritten in place
        report.packsRemoved = dropContainedPacks(merged, indexOf(newPack), status);
        if (!status)
            return status.error();
    }
    report.bytesAfter = dir.bytes();
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    return report;
}

Result<int> Repacker::writePack(const PackPlan& plan, QString& packName)
{
    git_repository* raw = nullptr;
    if (const int rc = git_repository_open_bare(&raw, utf8(m_path).c_str()); rc < 0)
        return lastError(rc, QStringLiteral("cannot open %1 to repack it").arg(m_path));
    const Ptr<git_repository> repo(raw);
    // The profile's own config turns the delta search off for pushes (Repository::skipDeltaSearch); the
    // packbuilder reads its settings from the repository's config, so this handle gets one of its own.
    // The packbuilder reads them when it is created; the file goes right after, or with the next
    // cycle's leftovers if the process dies meanwhile.
    bool overridden = false;
    const int windowMb = qEnvironmentVariableIntValue("FERRY_REPACK_WINDOW_MB", &overridden);
    const Threads threads = threadsFor(overridden && windowMb > 0 ? windowMb * 1024LL * 1024 : kWindowMemory);
    const QString settingsFile = settingsPath(m_path);
    const auto removeSettings = qScopeGuard([&settingsFile] { QFile::remove(settingsFile); });
    QFile settings(settingsFile);
    if (!settings.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        settings.write(QStringLiteral("[pack]\n\twindowMemory = %1\n").arg(threads.windowMemory).toUtf8()) <
            0 ||
        !settings.flush())
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write %1: %2").arg(settingsFile, settings.errorString()));
    settings.close();
    git_config* configRaw = nullptr;
    if (const int rc = git_config_new(&configRaw); rc < 0)
        return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
    const Ptr<git_config> config(configRaw);
    if (const int rc = git_config_add_file_ondisk(config.get(), utf8(settings.fileName()).c_str(),
                                                  GIT_CONFIG_LEVEL_APP, repo.get(), 0);
        rc < 0)
        return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
    if (const int rc = git_repository_set_config(repo.get(), config.get()); rc < 0)
        return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));

    git_packbuilder* pbRaw = nullptr;
    if (const int rc = git_packbuilder_new(&pbRaw, repo.get()); rc < 0)
        return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
    const PackbuilderPtr pb(pbRaw);
    QFile::remove(settingsFile);
    git_packbuilder_set_threads(pb.get(), unsigned(threads.count));
    Progress progress{&m_stop, &m_onStep, false};
    git_packbuilder_set_callbacks(pb.get(), onBuild, &progress);

    const Status inserted =
        plan.full() ? insertEverything(repo.get(), pb.get()) : insertSmall(repo.get(), pb.get(), plan);
    if (!inserted)
        return inserted.error();
    // libgit2 hashes every object it reads again (strict hash verification, with its collision-detecting
    // SHA-1): a fifth of a full repack's CPU, as each version is read for the delta search and again to
    // be written. The objects come from this clone's own loose files and packs, whose zlib streams carry
    // their own checksums; git's pack-objects does not hash them again either. The option is global: a
    // cycle of another profile meanwhile reads without it too, which costs it nothing else.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    const auto verifyAgain =
        qScopeGuard([] { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1); });
    const int objects = int(git_packbuilder_object_count(pb.get()));
    if (objects == 0)
        return 0;
    if (const int rc = git_packbuilder_write(pb.get(), nullptr, 0, onWrite, &progress); rc < 0) {
        if (m_stop.stopRequested())
            return makeError(ErrorKind::Unavailable, QStringLiteral("repack of %1 stopped").arg(m_path));
        return lastError(rc, QStringLiteral("cannot write a pack in %1").arg(m_path));
    }
    packName = QString::fromLatin1(git_packbuilder_name(pb.get()));
    return objects;
}

// A full repack: history first, with paths, so the delta search pairs versions of the same file; then
// every other object (blobs of an interrupted cycle, a commit that lost a push race): packed, never dropped.
Status Repacker::insertEverything(git_repository* repo, git_packbuilder* pb) const
{
    git_revwalk* walkRaw = nullptr;
    if (const int rc = git_revwalk_new(&walkRaw, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
    const Ptr<git_revwalk> walk(walkRaw);
    if (const int rc = git_revwalk_push_glob(walk.get(), "refs/*"); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the branches of %1").arg(m_path));
    if (const int rc = git_packbuilder_insert_walk(pb, walk.get()); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the history of %1").arg(m_path));
    git_odb* odbRaw = nullptr;
    if (const int rc = git_repository_odb(&odbRaw, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    const Ptr<git_odb> odb(odbRaw);
    const auto insert = [](const git_oid* id, void* payload) {
        return git_packbuilder_insert(static_cast<git_packbuilder*>(payload), id, nullptr);
    };
    if (const int rc = git_odb_foreach(odb.get(), insert, pb); rc < 0)
        return lastError(rc, QStringLiteral("cannot list the objects of %1").arg(m_path));
    return Status::success();
}

// A geometric repack: the loose objects and those of the packs rolled up, and nothing else. Commits among
// them bring their new trees and blobs in with paths (so versions of a file meet in the delta search);
// trees already in a kept pack are not entered, so the walk costs what is new, not the whole history.
Status Repacker::insertSmall(git_repository* repo, git_packbuilder* pb, const PackPlan& plan) const
{
    SmallSet set;
    for (const QString& hex : ObjectDir(m_path).looseObjects()) {
        git_oid id;
        if (git_oid_fromstrn(&id, hex.toLatin1().constData(), size_t(hex.size())) == 0)
            set.ids.insert(rawOid(id));
    }
    for (const QString& pack : plan.rollUp()) {
        Result<Ptr<git_odb>> odb = openPack(indexOf(pack));
        if (!odb)
            return odb.error();
        const auto add = [](const git_oid* id, void* payload) {
            static_cast<SmallSet*>(payload)->ids.insert(rawOid(*id));
            return 0;
        };
        if (const int rc = git_odb_foreach(odb->get(), add, &set); rc < 0)
            return lastError(rc, QStringLiteral("cannot list the objects of %1").arg(pack));
    }
    git_odb* odbRaw = nullptr;
    if (const int rc = git_repository_odb(&odbRaw, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    const Ptr<git_odb> odb(odbRaw);
    for (const QByteArray& k : std::as_const(set.ids)) {
        const git_oid id = oidFromRaw(k);
        size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        if (git_odb_read_header(&size, &type, odb.get(), &id) < 0 || type != GIT_OBJECT_COMMIT)
            continue;
        git_commit* commitRaw = nullptr;
        if (git_commit_lookup(&commitRaw, repo, &id) < 0)
            continue; // unreadable here: packed below as it is, without a path
        const Ptr<git_commit> commit(commitRaw);
        if (const int rc = git_packbuilder_insert(pb, &id, nullptr); rc < 0)
            return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
        if (const int rc = insertTree(repo, pb, set, *git_commit_tree_id(commit.get()), {}); rc < 0)
            return lastError(rc, QStringLiteral("cannot read the trees of %1").arg(m_path));
        if (m_stop.stopRequested())
            return makeError(ErrorKind::Unavailable, QStringLiteral("repack of %1 stopped").arg(m_path));
    }
    for (const QByteArray& k : std::as_const(set.ids)) { // the rest; inserting twice is a no-op
        const git_oid id = oidFromRaw(k);
        if (const int rc = git_packbuilder_insert(pb, &id, nullptr); rc < 0)
            return lastError(rc, QStringLiteral("cannot repack %1").arg(m_path));
    }
    return Status::success();
}

int Repacker::insertTree(git_repository* repo, git_packbuilder* pb, SmallSet& set, const git_oid& treeId,
                         const QByteArray& path) const
{
    const QByteArray k = rawOid(treeId);
    if (!set.ids.contains(k) || set.visited.contains(k))
        return 0; // in a kept pack (so is what it holds), or entered already
    set.visited.insert(k);
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo, &treeId) < 0)
        return 0; // packed without a path
    const Ptr<git_tree> tree(raw);
    if (const int rc = git_packbuilder_insert(pb, &treeId, path.isEmpty() ? nullptr : path.constData());
        rc < 0)
        return rc;
    for (size_t i = 0, n = git_tree_entrycount(tree.get()); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
        const git_oid* id = git_tree_entry_id(entry);
        const QByteArray child =
            path.isEmpty() ? QByteArray(git_tree_entry_name(entry)) : path + '/' + git_tree_entry_name(entry);
        int rc = 0;
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
            rc = insertTree(repo, pb, set, *id, child);
        else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB && set.ids.contains(rawOid(*id)))
            rc = git_packbuilder_insert(pb, id, child.constData());
        if (rc < 0)
            return rc;
    }
    return 0;
}

// `git prune-packed`: a loose object the new pack holds is a second copy.
int Repacker::prune(const QString& newIndex, Status& status)
{
    Result<Ptr<git_odb>> pack = openPack(newIndex);
    if (!pack) {
        status = pack.error();
        return 0;
    }
    const ObjectDir dir(m_path);
    int removed = 0;
    for (const QString& hex : dir.looseObjects()) {
        git_oid id;
        if (git_oid_fromstrn(&id, hex.toLatin1().constData(), size_t(hex.size())) < 0 ||
            !git_odb_exists(pack->get(), &id))
            continue;
        if (!QFile::remove(dir.loosePath(hex))) {
            status = ioError(QStringLiteral("cannot remove %1").arg(dir.loosePath(hex)));
            return removed;
        }
        if (++removed == 1)
            step("repack-pruning");
    }
    dir.removeEmptyFanOut();
    return removed;
}

// An old pack goes only when the new one holds every object in it: its index first (an unindexed .pack
// is ignored by git and libgit2), then its data and its side files.
int Repacker::dropContainedPacks(const QStringList& oldPacks, const QString& newIndex, Status& status)
{
    Result<Ptr<git_odb>> fresh = openPack(newIndex);
    if (!fresh) {
        status = fresh.error();
        return 0;
    }
    int dropped = 0;
    for (const QString& old : oldPacks) {
        {
            Result<Ptr<git_odb>> oldPack = openPack(indexOf(old));
            if (!oldPack) {
                status = oldPack.error();
                return dropped;
            }
            struct Check
            {
                git_odb* fresh;
                bool all = true;
            } check{fresh->get()};
            const auto contained = [](const git_oid* id, void* payload) {
                auto* c = static_cast<Check*>(payload);
                c->all = git_odb_exists(c->fresh, id) != 0;
                return c->all ? 0 : 1; // stop at the first object the new pack lacks
            };
            git_odb_foreach(oldPack->get(), contained, &check);
            if (!check.all)
                continue; // e.g. written by another program meanwhile: kept
        }                 // closed before it is removed
        const QString base = old.chopped(5);
        if (!QFile::remove(base + QStringLiteral(".idx"))) {
            status = ioError(QStringLiteral("cannot remove %1.idx").arg(base));
            return dropped;
        }
        step("repack-dropping");
        for (const char* ext : {".pack", ".rev", ".bitmap", ".promisor"})
            QFile::remove(base + QLatin1String(ext));
        ++dropped;
    }
    ObjectDir::syncPath(ObjectDir(m_path).packDir());
    return dropped;
}

} // namespace ferry::git
