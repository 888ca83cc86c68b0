#include "core/git/repository.h"

#include "core/git/blobwriter.h"
#include "core/git/library.h"
#include "core/git/originremote.h"
#include "core/git/packwriter.h"
#include "core/git/ptr.h"
#include "core/util/bytebudget.h"

#include <atomic>
#include <git2/sys/odb_backend.h>
#include <QDir>
#include <QFile>
#include <QtConcurrent/QtConcurrentMap>
#include <QThread>

namespace ferry::git {
namespace {

std::string utf8(const QString& s)
{
    return s.toStdString();
}

QString hex(const git_oid& oid)
{
    char buf[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf);
}

bool parseOid(const QString& hexId, git_oid& out)
{
    const QByteArray latin = hexId.toLatin1();
    return hexId.size() == GIT_OID_HEXSZ &&
           git_oid_fromstrn(&out, latin.constData(), size_t(latin.size())) == 0;
}

Error badOid(const QString& id)
{
    return makeError(ErrorKind::Internal, QStringLiteral("\"%1\" is not a git object id").arg(id));
}

TreeEntry::Kind kindOf(git_filemode_t mode)
{
    switch (mode) {
    case GIT_FILEMODE_BLOB_EXECUTABLE:
        return TreeEntry::Kind::Executable;
    case GIT_FILEMODE_LINK:
        return TreeEntry::Kind::Symlink;
    case GIT_FILEMODE_COMMIT:
        return TreeEntry::Kind::Submodule;
    default:
        return TreeEntry::Kind::File;
    }
}

int collectEntry(const char* root, const git_tree_entry* entry, void* payload)
{
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        return 0;
    auto* files = static_cast<TreeFiles*>(payload);
    const QString path = QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
    files->insert(path, TreeEntry{hex(*git_tree_entry_id(entry)), kindOf(git_tree_entry_filemode(entry))});
    return 0;
}

} // namespace

Error lastError(int code, const QString& doing)
{
    const git_error* e = git_error_last();
    const QString detail =
        e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("error %1").arg(code);
    const bool network = e && (e->klass == GIT_ERROR_NET || e->klass == GIT_ERROR_SSH ||
                               e->klass == GIT_ERROR_HTTP || e->klass == GIT_ERROR_SSL);
    return makeError(network ? ErrorKind::Unavailable : ErrorKind::Internal,
                     QStringLiteral("%1: %2").arg(doing, detail.trimmed()));
}

namespace {

Result<Ptr<git_tree>> emptyTree(git_repository* repo)
{
    git_treebuilder* builder = nullptr;
    git_oid empty;
    if (const int rc = git_treebuilder_new(&builder, repo, nullptr); rc < 0)
        return lastError(rc, QStringLiteral("cannot build an empty tree"));
    const int written = git_treebuilder_write(&empty, builder);
    git_treebuilder_free(builder);
    if (written < 0)
        return lastError(written, QStringLiteral("cannot write an empty tree"));
    git_tree* raw = nullptr;
    if (const int rc = git_tree_lookup(&raw, repo, &empty); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the empty tree"));
    return Ptr<git_tree>(raw);
}

// `base` with `updates` applied. libgit2 checks each update against the tree it started from, so a
// caller that swaps a file and a folder of one name calls this twice: removals, then insertions.
Result<Ptr<git_tree>> updatedTree(git_repository* repo, git_tree* base, const QList<TreeUpdate>& updates)
{
    std::vector<std::string> paths; // converted first, so that the c_str() pointers stay valid
    for (const TreeUpdate& u : updates)
        paths.push_back(utf8(u.path));
    std::vector<git_tree_update> changes(size_t(updates.size()));
    for (qsizetype i = 0; i < updates.size(); ++i) {
        const TreeUpdate& u = updates[i];
        git_tree_update& c = changes[size_t(i)];
        c.path = paths[size_t(i)].c_str();
        c.action = u.oid.isEmpty() ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT;
        c.filemode = u.executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        if (!u.oid.isEmpty() && !parseOid(u.oid, c.id))
            return badOid(u.oid);
    }
    git_oid treeOid;
    if (const int rc = git_tree_create_updated(&treeOid, repo, base, changes.size(), changes.data()); rc < 0)
        return lastError(rc, QStringLiteral("cannot build the tree of the next commit"));
    git_tree* raw = nullptr;
    if (const int rc = git_tree_lookup(&raw, repo, &treeOid); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the new tree"));
    return Ptr<git_tree>(raw);
}

} // namespace

static Result<Ptr<git_commit>> lookupCommit(git_repository* repo, const QString& commitOid)
{
    git_oid oid;
    if (!parseOid(commitOid, oid))
        return badOid(commitOid);
    git_commit* raw = nullptr;
    if (const int rc = git_commit_lookup(&raw, repo, &oid); rc < 0)
        return lastError(rc, QStringLiteral("cannot read commit %1").arg(commitOid));
    return Ptr<git_commit>(raw);
}

Repository::Repository(QString path, git_repository* repo, std::shared_ptr<Library> library)
    : m_path(std::move(path)), m_repo(repo), m_library(std::move(library))
{
}

Repository::~Repository()
{
    git_repository_free(m_repo);
}

Result<std::unique_ptr<Repository>> Repository::openOrInit(const QString& path, const QString& remoteUrl)
{
    auto library = std::make_shared<Library>();
    git_repository* raw = nullptr;
    const std::string p = utf8(path);
    int rc = QDir(path).exists(QStringLiteral("HEAD")) ? git_repository_open_bare(&raw, p.c_str())
                                                       : git_repository_init(&raw, p.c_str(), 1);
    if (rc < 0)
        return lastError(rc, QStringLiteral("cannot open the repository %1").arg(path));
    std::unique_ptr<Repository> repo(new Repository(path, raw, library));
    if (Status fast = repo->useFastLooseObjects(); !fast)
        return fast.error();
    repo->skipDeltaSearch();

    if (Status origin = OriginRemote::configure(raw, remoteUrl); !origin)
        return makeError(
            origin.error().kind,
            QStringLiteral("cannot set the remote of %1 to %2: %3").arg(path, remoteUrl, origin.message()));
    return repo;
}

// New objects are written loose with zlib's fastest level, as git does by default (core.looseCompression
// = 1): libgit2's own loose backend uses the default level, which costs several times more on large or
// incompressible files. Pushes and packs recompress anyway.
Status Repository::useFastLooseObjects()
{
    git_odb* odbRaw = nullptr;
    if (const int rc = git_repository_odb(&odbRaw, m_repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    Ptr<git_odb> odb(odbRaw);
    git_odb_backend* loose = nullptr;
    const std::string objects = utf8(m_path + QStringLiteral("/objects"));
    if (const int rc = git_odb_backend_loose(&loose, objects.c_str(), 1 /* Z_BEST_SPEED */, 0, 0, 0); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    // Above the default backends (loose 1, packed 2): writes go here first. The database owns it now.
    if (const int rc = git_odb_add_backend(odb.get(), loose, 3); rc < 0) {
        loose->free(loose);
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    }
    return Status::success();
}

// Pushes skip the delta search: libgit2 builds no thin packs, so it could only find similar files among
// the new objects of one push, which is rare for a sync batch and cost half the push time.
void Repository::skipDeltaSearch()
{
    git_config* raw = nullptr;
    if (git_repository_config(&raw, m_repo) != 0)
        return; // packs are only slower
    const Ptr<git_config> config(raw);
    int64_t windowMemory = 0;
    if (git_config_get_int64(&windowMemory, config.get(), "pack.windowMemory") != 0 || windowMemory != 1024)
        git_config_set_int64(config.get(), "pack.windowMemory", 1024); // written once, not on every open
}

Result<QString> Repository::writeBlob(const QByteArray& content)
{
    git_oid oid;
    if (const int rc = git_blob_create_from_buffer(&oid, m_repo, content.constData(), size_t(content.size()));
        rc < 0)
        return lastError(rc, QStringLiteral("cannot store a file in %1").arg(m_path));
    return hex(oid);
}

QList<Repository::StoredFile> Repository::storeFiles(const QStringList& absolutePaths,
                                                     const std::function<void(int)>& progress,
                                                     const std::function<void(const char*)>& onStep) const
{
    QList<StoredFile> stored(absolutePaths.size());
    // Many new files (a first sync) go into packs; the rest, and few files, into loose objects.
    QList<qsizetype> loose;
    if (PackWriter::suits(absolutePaths.size())) {
        loose = PackWriter(m_repo, m_path).store(absolutePaths, stored, progress);
    } else {
        for (qsizetype i = 0; i < absolutePaths.size(); ++i)
            loose.append(i);
    }
    std::atomic<int> done{int(absolutePaths.size() - loose.size())};
    const int workers = qBound(1, QThread::idealThreadCount(), qMax(1, int(loose.size())));
    QList<QList<qsizetype>> shares(workers);
    for (qsizetype k = 0; k < loose.size(); ++k)
        shares[int(k % workers)].append(loose[k]);
    util::ByteBudget budget(util::ByteBudget::kDefault);
    QtConcurrent::blockingMap(shares, [&](const QList<qsizetype>& share) {
        git_repository* raw = nullptr;
        const int rc = git_repository_open_bare(&raw, utf8(m_path).c_str());
        std::unique_ptr<Repository> own(rc == 0 ? new Repository(m_path, raw, m_library) : nullptr);
        const Status fast = own ? own->useFastLooseObjects() : Status(lastError(rc, m_path));
        for (const qsizetype i : share) {
            StoredFile& out = stored[i];
            if (!fast) {
                out.error = fast.message();
                continue;
            }
            BlobWriter writer(own->m_repo);
            writer.setBudget(&budget);
            writer.setStepHook(onStep);
            const Result<BlobWriter::Written> written = writer.write(absolutePaths[i]);
            if (!written) {
                out.error = written.message();
                continue;
            }
            out.oid = written->oid;
            out.sha256 = written->sha256;
            out.size = written->size;
            if (const int n = ++done; progress && n % 64 == 0)
                progress(n);
        }
    });
    if (progress)
        progress(int(absolutePaths.size()));
    return stored;
}

Result<QByteArray> Repository::readBlob(const QString& oidHex)
{
    git_oid oid;
    if (!parseOid(oidHex, oid))
        return badOid(oidHex);
    git_blob* raw = nullptr;
    if (const int rc = git_blob_lookup(&raw, m_repo, &oid); rc < 0)
        return lastError(rc, QStringLiteral("cannot read object %1").arg(oidHex));
    Ptr<git_blob> blob(raw);
    return QByteArray(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

Result<bool> Repository::descendsFrom(const QString& commitOid, const QString& ancestorOid)
{
    git_oid commit, ancestor;
    if (!parseOid(commitOid, commit))
        return badOid(commitOid);
    if (!parseOid(ancestorOid, ancestor))
        return badOid(ancestorOid);
    if (git_oid_equal(&commit, &ancestor))
        return true;
    git_odb* odbRaw = nullptr;
    if (const int rc = git_repository_odb(&odbRaw, m_repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    const Ptr<git_odb> odb(odbRaw);
    if (!git_odb_exists(odb.get(), &ancestor))
        return false;
    const int rc = git_graph_descendant_of(m_repo, &commit, &ancestor);
    if (rc < 0)
        return lastError(
            rc, QStringLiteral("cannot compare the history of %1 and %2").arg(commitOid, ancestorOid));
    return rc == 1;
}

namespace {

// The blob id of `path` in a commit's tree; zero when absent.
git_oid blobAt(git_commit* commit, const std::string& path)
{
    git_oid id{};
    git_tree* treeRaw = nullptr;
    if (git_commit_tree(&treeRaw, commit) != 0)
        return id;
    const Ptr<git_tree> tree(treeRaw);
    git_tree_entry* entryRaw = nullptr;
    if (git_tree_entry_bypath(&entryRaw, tree.get(), path.c_str()) == 0) {
        const Ptr<git_tree_entry> entry(entryRaw);
        git_oid_cpy(&id, git_tree_entry_id(entry.get()));
    }
    return id;
}

} // namespace

Result<QDateTime> Repository::lastChangeTime(const QString& head, const QString& since, const QString& path)
{
    git_oid headId, sinceId;
    if (!parseOid(head, headId))
        return badOid(head);
    git_revwalk* walkRaw = nullptr;
    if (const int rc = git_revwalk_new(&walkRaw, m_repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot walk the history of %1").arg(m_path));
    const Ptr<git_revwalk> walk(walkRaw);
    // Children before parents, whatever their clocks say: a walk with a hidden commit sorted by time
    // alone is ordered by timestamp, so one machine's fast clock would make its old edit the newest.
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (const int rc = git_revwalk_push(walk.get(), &headId); rc < 0)
        return lastError(rc, QStringLiteral("cannot walk the history of %1").arg(head));
    if (parseOid(since, sinceId))
        git_revwalk_hide(walk.get(), &sinceId); // an unknown or unrelated commit hides nothing
    const std::string wanted = utf8(path);
    git_oid id;
    for (int walked = 0; walked < kMaxWalk && git_revwalk_next(&id, walk.get()) == 0; ++walked) {
        git_commit* commitRaw = nullptr;
        if (git_commit_lookup(&commitRaw, m_repo, &id) != 0)
            continue;
        const Ptr<git_commit> commit(commitRaw);
        git_commit* parentRaw = nullptr;
        const git_oid here = blobAt(commit.get(), wanted);
        git_oid before{};
        if (git_commit_parent(&parentRaw, commit.get(), 0) == 0) {
            const Ptr<git_commit> parent(parentRaw);
            before = blobAt(parent.get(), wanted);
        }
        if (!git_oid_equal(&here, &before))
            return QDateTime::fromSecsSinceEpoch(qint64(git_commit_time(commit.get())), Qt::UTC);
    }
    return QDateTime();
}

Result<TreeFiles> Repository::files(const QString& commitOid)
{
    const Result<Ptr<git_commit>> commit = lookupCommit(m_repo, commitOid);
    if (!commit)
        return commit.error();
    git_tree* treeRaw = nullptr;
    if (const int rc = git_commit_tree(&treeRaw, commit->get()); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the tree of %1").arg(commitOid));
    Ptr<git_tree> tree(treeRaw);
    TreeFiles files;
    if (const int rc = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collectEntry, &files); rc < 0)
        return lastError(rc, QStringLiteral("cannot list the tree of %1").arg(commitOid));
    return files;
}

namespace {

// The commit's content as git would write it, signed, then stored with the signature in its gpgsig
// header: byte for byte what `git commit -S` writes, so `git verify-commit` checks the same content.
Result<QString> signedCommit(git_repository* repo, const git_signature* who, const std::string& message,
                             const git_tree* tree, const git_commit* parent, const CommitSigning& sign)
{
    const git_commit* parents[] = {parent};
    git_buf content = GIT_BUF_INIT;
    if (const int rc = git_commit_create_buffer(&content, repo, who, who, "UTF-8", message.c_str(), tree,
                                                parent ? 1 : 0, parents);
        rc < 0)
        return lastError(rc, QStringLiteral("cannot create the commit"));
    const QByteArray payload(content.ptr, qsizetype(content.size));
    git_buf_dispose(&content);
    Result<QByteArray> signature = sign(payload);
    if (!signature)
        return signature.error();
    // git writes the signature's lines without the last newline (each header line ends with its own).
    QByteArray armor = *signature;
    while (armor.endsWith('\n') || armor.endsWith('\r'))
        armor.chop(1);
    git_oid oid;
    if (const int rc =
            git_commit_create_with_signature(&oid, repo, payload.constData(), armor.constData(), "gpgsig");
        rc < 0)
        return lastError(rc, QStringLiteral("cannot store the signed commit"));
    return hex(oid);
}

} // namespace

Result<QString> Repository::commit(const QString& parentOid, const QList<TreeUpdate>& updates,
                                   const QString& message, const Signature& author, const CommitSigning& sign)
{
    Ptr<git_commit> parent;
    Result<Ptr<git_tree>> tree = emptyTree(m_repo);
    if (!parentOid.isEmpty()) {
        Result<Ptr<git_commit>> found = lookupCommit(m_repo, parentOid);
        if (!found)
            return found.error();
        parent = std::move(found.value());
        git_tree* raw = nullptr;
        if (const int rc = git_commit_tree(&raw, parent.get()); rc < 0)
            return lastError(rc, QStringLiteral("cannot read the tree of %1").arg(parentOid));
        tree = Ptr<git_tree>(raw);
    }
    QList<TreeUpdate> removals, insertions;
    for (const TreeUpdate& u : updates)
        (u.oid.isEmpty() ? removals : insertions).append(u);
    for (const QList<TreeUpdate>* step : {&removals, &insertions}) {
        if (tree && !step->isEmpty())
            tree = updatedTree(m_repo, tree->get(), *step);
    }
    if (!tree)
        return tree.error();

    git_signature* sigRaw = nullptr;
    if (const int rc = git_signature_now(&sigRaw, utf8(author.name).c_str(), utf8(author.email).c_str());
        rc < 0)
        return lastError(rc, QStringLiteral("invalid author %1 <%2>").arg(author.name, author.email));
    const Ptr<git_signature> sig(sigRaw);
    if (sign)
        return signedCommit(m_repo, sig.get(), utf8(message), tree->get(), parent.get(), sign);
    const git_commit* parents[] = {parent.get()};
    git_oid commitOid;
    if (const int rc = git_commit_create(&commitOid, m_repo, nullptr, sig.get(), sig.get(), "UTF-8",
                                         utf8(message).c_str(), tree->get(), parent ? 1 : 0, parents);
        rc < 0)
        return lastError(rc, QStringLiteral("cannot create the commit"));
    return hex(commitOid);
}

Result<QString> Repository::resolve(const QString& refName)
{
    git_oid oid;
    const int rc = git_reference_name_to_id(&oid, m_repo, utf8(refName).c_str());
    if (rc == GIT_ENOTFOUND)
        return QString();
    if (rc < 0)
        return lastError(rc, QStringLiteral("cannot read %1").arg(refName));
    return hex(oid);
}

Status Repository::setReference(const QString& refName, const QString& oidHex)
{
    git_oid oid;
    if (!parseOid(oidHex, oid))
        return badOid(oidHex);
    git_reference* raw = nullptr;
    const int rc = git_reference_create(&raw, m_repo, utf8(refName).c_str(), &oid, 1, "ferry: sync");
    Ptr<git_reference> ref(raw);
    if (rc < 0)
        return lastError(rc, QStringLiteral("cannot update %1").arg(refName));
    return Status::success();
}

} // namespace ferry::git
