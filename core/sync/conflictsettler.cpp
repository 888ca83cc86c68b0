#include "sync/conflictsettler.h"

#include "merge/jsonunion.h"
#include "merge/textmerge.h"
#include "util/atomicfile.h"
#include "util/glob.h"

namespace ferry::sync {
ConflictSettler::ConflictSettler(git::Repository& repo, const QList<config::ConflictRule>& rules)
    : m_repo(repo), m_rules(rules)
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
                             const git::TreeFiles& remote, const QDateTime& remoteTime, SyncResult& result)
{
    result.conflicts += int(plan.conflicts.size());
    for (ConflictCase& c : plan.conflicts)
        c.policy = policyFor(m_rules, c.path);
    plan.conflicts.removeIf(
        [&](const ConflictCase& c) { return settleOne(c, plan, base, scan, remote, remoteTime, result); });
    plan.uploads.sort();
    plan.downloads.sort();
}

bool ConflictSettler::settleOne(const ConflictCase& c, SyncPlan& plan, const FileRecords& base,
                                const ScanResult& scan, const git::TreeFiles& remote,
                                const QDateTime& remoteTime, SyncResult& result)
{
    if (c.policy == config::ConflictPolicy::KeepBoth)
        return false;
    const LocalFile local = scan.file(c.path);
    if (c.policy == config::ConflictPolicy::Newest) {
        const QDateTime localTime = QDateTime::fromMSecsSinceEpoch(local.stat.mtimeNs / 1000000, Qt::UTC);
        (localTime > remoteTime ? plan.uploads : plan.downloads).append(c.path);
        ++result.settled;
        return true;
    }
    const auto fallBack = [&](const QString& why) {
        result.notes.append(QStringLiteral("%1: %2 does not apply (%3): both versions kept")
                                .arg(c.path, config::policyName(c.policy), why));
        return false;
    };
    // The three versions: base and remote from the object database, local from the disk as scanned.
    const Result<QByteArray> localContent = util::readWholeFile(local.absolutePath);
    if (!localContent || Scanner::blobOidOf(*localContent) != local.oid)
        return fallBack(QStringLiteral("the local file changed since the scan"));
    const QString baseOid = base.value(c.path).oid;
    const Result<QByteArray> baseContent =
        baseOid.isEmpty() ? Result<QByteArray>(QByteArray()) : m_repo.readBlob(baseOid);
    const git::TreeEntry theirs = remote.value(c.path);
    const Result<QByteArray> remoteContent = m_repo.readBlob(theirs.oid);
    if (!baseContent || !remoteContent)
        return fallBack(!baseContent ? baseContent.message() : remoteContent.message());

    MergedFile merged{c.path,     {},       local.stat.executable, c.policy, {}, {}, baseOid, local.oid,
                      theirs.oid, QString()};
    if (c.policy == config::ConflictPolicy::Union) {
        const merge::JsonUnion::Outcome o =
            merge::JsonUnion::merge(*baseContent, *localContent, *remoteContent);
        if (!o.applicable)
            return fallBack(o.reason);
        merged.content = o.merged;
        if (!o.conflicts.isEmpty()) {
            merged.pendingKind = QStringLiteral("records");
            merged.detail = QStringLiteral("records changed on both sides (local kept): %1")
                                .arg(o.conflicts.join(QStringLiteral(", ")));
        }
    } else if (c.policy == config::ConflictPolicy::Merge) {
        const merge::TextMerge::Outcome o =
            merge::TextMerge::merge(*baseContent, *localContent, *remoteContent);
        if (!o.applicable)
            return fallBack(o.reason);
        merged.content = o.merged;
        if (!o.clean) {
            merged.pendingKind = QStringLiteral("markers");
            merged.detail = QStringLiteral("%1 overlapping edits marked in the file").arg(o.conflictingHunks);
        }
    } else {
        return fallBack(QStringLiteral("unknown policy"));
    }
    if (!merged.pendingKind.isEmpty()) {
        // The conflict stays pending: the resolver shows the local version and `resolve --take local`
        // restores it, so it must be in the object database (the upload stores only the merged file).
        if (const Result<QString> kept = m_repo.writeBlob(*localContent); !kept)
            return fallBack(kept.message());
    } else {
        ++result.settled;
        if (merged.content == *remoteContent) {
            plan.downloads.append(c.path);
            return true;
        }
        if (merged.content == *localContent) {
            plan.uploads.append(c.path);
            return true;
        }
    }
    plan.merged.append(std::move(merged));
    return true;
}

} // namespace ferry::sync
