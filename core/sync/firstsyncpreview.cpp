#include "core/sync/firstsyncpreview.h"

#include "core/git/repository.h"
#include "core/sync/conflictsettler.h"
#include "core/sync/scanner.h"

#include <algorithm>
#include <QTemporaryDir>

namespace ferry::sync {
namespace {

// Whether a path of the branch belongs to one of the mapped folders (the rest of the branch is not ours).
bool mapped(const QList<config::FolderMapping>& folders, const QString& path)
{
    return std::any_of(folders.cbegin(), folders.cend(), [&path](const config::FolderMapping& f) {
        return f.repoPath.isEmpty() || path.startsWith(f.repoPath + u'/');
    });
}

} // namespace

Result<FirstSyncPreview::Outcome> FirstSyncPreview::compute(const config::Profile& profile,
                                                            const git::Credentials& credentials,
                                                            const util::StopToken& stop)
{
    const Result<IgnoreRules> ignore = IgnoreRules::compile(profile.ignore);
    if (!ignore)
        return ignore.error();
    const Scanner scanner(profile.folders, *ignore);
    Outcome outcome;
    const ScanResult scan = scanner.scan({});
    for (const QString& missing : scan.missingFolders)
        outcome.notes.append(missing);
    outcome.notes.append(scan.unreadable);

    // A throw-away clone: the profile's own bare clone is made by its first sync, not by a look.
    QTemporaryDir dir;
    if (!dir.isValid())
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot create a temporary folder: %1").arg(dir.errorString()));
    Result<std::unique_ptr<git::Repository>> repo =
        git::Repository::openOrInit(dir.filePath(QStringLiteral("preview.git")), profile.remote);
    if (!repo)
        return repo.error();
    const Result<QString> head = git::Remote(**repo, credentials, stop).fetch(profile.branch);
    if (!head)
        return head.error();
    git::TreeFiles remote;
    if (!head->isEmpty()) {
        outcome.branchExists = true;
        Result<git::TreeFiles> files = (*repo)->files(*head);
        if (!files)
            return files.error();
        remote = *files;
    }
    for (auto it = scan.changed.cbegin(); it != scan.changed.cend(); ++it) {
        const auto there = remote.constFind(it.key());
        if (there == remote.cend())
            outcome.upload.append(it.key());
        else if (there->oid == it->oid)
            ++outcome.same;
        else
            outcome.conflicts.append({it.key(), ConflictSettler::policyFor(profile.conflictRules, it.key())});
    }
    for (auto it = remote.cbegin(); it != remote.cend(); ++it) {
        const bool plainFile =
            it->kind == git::TreeEntry::Kind::File || it->kind == git::TreeEntry::Kind::Executable;
        if (plainFile && !scan.changed.contains(it.key()) && mapped(profile.folders, it.key()) &&
            !scanner.ignores(it.key()))
            outcome.download.append(it.key());
    }
    outcome.upload.sort();
    outcome.download.sort();
    std::sort(outcome.conflicts.begin(), outcome.conflicts.end(),
              [](const Conflict& a, const Conflict& b) { return a.path < b.path; });
    return outcome;
}

} // namespace ferry::sync
