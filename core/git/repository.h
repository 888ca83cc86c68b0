#pragma once

#include "core/util/result.h"

#include <functional>
#include <memory>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

struct git_repository;

namespace ferry::git {

class Library;

// One entry of a flattened tree. Only plain files sync; the rest is there so it can be refused by name.
struct TreeEntry
{
    enum class Kind { File, Executable, Symlink, Submodule };
    QString oid;
    Kind kind = Kind::File;
};
using TreeFiles = QHash<QString, TreeEntry>; // repository path -> entry

// A change to the tree of the next commit: put a blob at a path, or remove the path.
struct TreeUpdate
{
    QString path;
    QString oid; // empty: remove
    bool executable = false;
};

struct Signature
{
    QString name;
    QString email;
};

// Signs the content of a commit (the commit object without its signature): the armored signature for
// the gpgsig header, or why it could not.
using CommitSigning = std::function<Result<QByteArray>(const QByteArray& content)>;

// The bare clone of one profile, in its data folder. Object ids travel as 40-character hex strings.
class Repository
{
public:
    // Opens the bare repository at `path`, creating it if needed, with "origin" pointing at remoteUrl.
    static Result<std::unique_ptr<Repository>> openOrInit(const QString& path, const QString& remoteUrl);
    ~Repository();
    Repository(const Repository&) = delete;
    Repository& operator=(const Repository&) = delete;

    const QString& path() const { return m_path; }
    git_repository* handle() const { return m_repo; }

    Result<QString> writeBlob(const QByteArray& content);

    // Stores files as blobs on every core: one repository handle per thread (loose objects are
    // written to a temporary file and renamed, so threads never collide). Each file is streamed in
    // chunks (BlobWriter), and the files read at once hold at most ByteBudget::kDefault bytes between
    // them (a larger one is read alone). Per file, in order: the blob id, its SHA-256 and the size, or
    // an empty id and the reason if it could not be read or stored (or changed while being read).
    struct StoredFile
    {
        QString oid;
        qint64 size = 0;
        QString error;
        QString sha256; // "sha256:<hex>", from the same read
    };
    // `stored` (from the worker threads) hears how many are done, every 64 files and at the end;
    // `onStep` hears BlobWriter's named points (crash tests).
    QList<StoredFile> storeFiles(const QStringList& absolutePaths,
                                 const std::function<void(int stored)>& progress = {},
                                 const std::function<void(const char* step)>& onStep = {}) const;
    Result<QByteArray> readBlob(const QString& oid);
    // Whether `commit` is `ancestor` or has it in its history; false when `ancestor` is not in the object
    // database (after a fetch: not in the remote's history either).
    Result<bool> descendsFrom(const QString& commit, const QString& ancestor);
    // When the version of `path` at `head` was written: the committer time of the latest commit (by
    // history, not by clock) in head's history back to `since` (excluded; "" or unknown: all) that
    // changed the path. Invalid when no such commit is found within kMaxWalk commits.
    Result<QDateTime> lastChangeTime(const QString& head, const QString& since, const QString& path);
    static constexpr int kMaxWalk = 5000;

    // Every entry of the commit's tree, with full paths.
    Result<TreeFiles> files(const QString& commitOid);
    // A new commit whose tree is the parent's tree with `updates` applied (parent empty: an empty tree),
    // signed by `sign` when it is set; when signing fails, no commit is written.
    Result<QString> commit(const QString& parentOid, const QList<TreeUpdate>& updates, const QString& message,
                           const Signature& author, const CommitSigning& sign = {});

    // A reference's target, or an empty string when the reference does not exist.
    Result<QString> resolve(const QString& refName);
    Status setReference(const QString& refName, const QString& oid);

private:
    Repository(QString path, git_repository* repo, std::shared_ptr<Library> library);
    Status useFastLooseObjects();
    void skipDeltaSearch();

    QString m_path;
    git_repository* m_repo;
    std::shared_ptr<Library> m_library;
};

// libgit2's last error as a message, prefixed with what was being done.
Error lastError(int code, const QString& doing);

} // namespace ferry::git
