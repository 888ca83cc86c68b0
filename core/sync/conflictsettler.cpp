#include "core/sync/conflictsettler.h"

#include "core/merge/jsonunion.h"
#include "core/merge/textmerge.h"
#include "core/util/atomicfile.h"
#include "core/util/glob.h"

namespace ferry::sync {

ConflictSettler::ConflictSettler(git::Repository& repo, const QList<config::ConflictRule>& rules,
                                 RemoteTime remoteTime)
    : m_repo(repo), m_rules(rules), m_remoteTime(std::move(remoteTime))
{
}

config::ConflictPolicy ConflictSettler::policyFor(const QList<config::ConflictRule>& rules,
                                                  const QString& path)
{
    for (const config::ConflictRule& rule : rules) {
        const Result<util::Glob> glob = util::Glob::compile(rule.pattern);
        if (glob && glob->matches(path))
            return rule.policy;
    }
    return config::ConflictPolicy::KeepBoth;
}

void ConflictSettler::settle(SyncPlan& plan, const FileRecords& base, const ScanResult& scan,
                             const git::TreeFiles& remote, SyncResult& result)
{
    result.conflicts += int(plan.conflicts.size());
    for (ConflictCase& c : plan.conflicts)
        c.policy = policyFor(m_rules, c.path);
    Job job{plan, base, scan, remote, result};
    plan.conflicts.removeIf([&](const ConflictCase& c) { return settleOne(c, job); });
    plan.uploads.sort();
    plan.downloads.sort();
}

bool ConflictSettler::settleOne(const ConflictCase& c, Job& job)
{
    switch (c.policy) {
    case config::ConflictPolicy::KeepBoth:
        return false;
    case config::ConflictPolicy::Newest:
        return settleByTime(c, job);
    case config::ConflictPolicy::Union:
    case config::ConflictPolicy::Merge:
        return settleByMerge(c, job);
    }
    return false;
}

bool ConflictSettler::keepBoth(const ConflictCase& c, Job& job, const QString& why)
{
    job.result.notes.append(QStringLiteral("%1: %2 does not apply (%3): both versions kept")
                                .arg(c.path, config::policyName(c.policy), why));
    return false;
}

bool ConflictSettler::settleByTime(const ConflictCase& c, Job& job)
{
    const LocalFile local = job.scan.file(c.path);
    const QDateTime localTime = QDateTime::fromMSecsSinceEpoch(local.stat.mtimeNs / 1000000, Qt::UTC);
    const QDateTime remoteTime = m_remoteTime ? m_remoteTime(c.path) : QDateTime();
    if (!remoteTime.isValid())
        return keepBoth(c, job, QStringLiteral("no time known for the remote version"));
    const qint64 laterHereMs = remoteTime.msecsTo(localTime);
    if (qAbs(laterHereMs) < kNearTieMs)
        return keepBoth(c, job, QStringLiteral("both edited within 2 s of each other"));
    (laterHereMs > 0 ? job.plan.uploads : job.plan.downloads).append(c.path);
    job.result.notes.append(
        QStringLiteral("%1: edited here at %2 and there at %3: the %4 edit is kept (the other %5)")
            .arg(c.path, localTime.toString(Qt::ISODate), remoteTime.toString(Qt::ISODate),
                 laterHereMs > 0 ? QStringLiteral("local") : QStringLiteral("remote"),
                 laterHereMs > 0 ? QStringLiteral("stays in the remote's history")
                                 : QStringLiteral("goes to the versions archive")));
    ++job.result.settled;
    return true;
}

// The three versions (base and remote from the object database, local from the disk as scanned),
// merged as JSON records or as text.
bool ConflictSettler::settleByMerge(const ConflictCase& c, Job& job)
{
    const QString baseOid = job.base.value(c.path).oid;
    // A text made on both sides has no common ancestor: a merge would be one whole copy against the
    // other inside markers. A union of JSON records needs none.
    if (baseOid.isEmpty() && c.policy == config::ConflictPolicy::Merge)
        return keepBoth(c, job, QStringLiteral("new on both sides, nothing to merge from"));
    const LocalFile local = job.scan.file(c.path);
    const Result<QByteArray> localContent = util::readWholeFile(local.absolutePath);
    if (!localContent || Scanner::blobOidOf(*localContent) != local.oid)
        return keepBoth(c, job, QStringLiteral("the local file changed since the scan"));
    const Result<QByteArray> baseContent =
        baseOid.isEmpty() ? Result<QByteArray>(QByteArray()) : m_repo.readBlob(baseOid);
    const git::TreeEntry theirs = job.remote.value(c.path);
    const Result<QByteArray> remoteContent = m_repo.readBlob(theirs.oid);
    if (!baseContent || !remoteContent)
        return keepBoth(c, job, !baseContent ? baseContent.message() : remoteContent.message());

    MergedFile merged;
    merged.path = c.path;
    merged.executable = local.stat.executable;
    merged.policy = c.policy;
    merged.baseOid = baseOid;
    merged.localOid = local.oid;
    merged.remoteOid = theirs.oid;
    if (c.policy == config::ConflictPolicy::Union) {
        const merge::JsonUnion::Outcome o =
            merge::JsonUnion::merge(*baseContent, *localContent, *remoteContent);
        if (!o.applicable)
            return keepBoth(c, job, o.reason);
        merged.content = o.merged;
        if (!o.conflicts.isEmpty()) {
            merged.pendingKind = QStringLiteral("records");
            merged.detail = QStringLiteral("records changed on both sides (local kept): %1")
                                .arg(o.conflicts.join(QStringLiteral(", ")));
        }
    } else {
        const merge::TextMerge::Outcome o =
            merge::TextMerge::merge(*baseContent, *localContent, *remoteContent);
        if (!o.applicable)
            return keepBoth(c, job, o.reason);
        merged.content = o.merged;
        if (!o.clean) {
            merged.pendingKind = QStringLiteral("markers");
            merged.detail = QStringLiteral("%1 overlapping edits marked in the file").arg(o.conflictingHunks);
        }
    }
    if (!merged.pendingKind.isEmpty()) {
        // The conflict stays pending: the resolver shows the local version and `resolve --take local`
        // restores it, so it must be in the object database (the upload stores only the merged file).
        if (const Result<QString> kept = m_repo.writeBlob(*localContent); !kept)
            return keepBoth(c, job, kept.message());
    } else {
        ++job.result.settled;
        if (merged.content == *remoteContent) {
            job.plan.downloads.append(c.path);
            return true;
        }
        if (merged.content == *localContent) {
            job.plan.uploads.append(c.path);
            return true;
        }
    }
    job.plan.merged.append(std::move(merged));
    return true;
}

} // namespace ferry::sync
