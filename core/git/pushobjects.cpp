#include "core/git/pushobjects.h"

#include "core/git/ptr.h"
#include "core/git/rawoid.h"
#include "core/git/repository.h"

#include <QSet>

namespace ferry::git {
namespace {

// Walks trees and collects what the remote lacks; large packed blobs are located lazily, since most
// pushes have none and need not read any pack index.
class Collector
{
public:
    Collector(git_repository* repo, QList<QByteArray>& objects, QList<PushObjects::LargeBlob>& large)
        : m_repo(repo), m_objects(objects), m_large(large)
    {
    }

    bool add(const git_oid* oid) // false when already listed
    {
        const QByteArray raw = rawOid(*oid);
        if (m_seen.contains(raw))
            return false;
        m_seen.insert(raw);
        m_objects.append(raw);
        return true;
    }

    Status tree(const git_tree* tree, const std::vector<Ptr<git_tree>>& parents);
    void blob(const git_oid* oid);

private:
    git_repository* m_repo;
    QList<QByteArray>& m_objects;
    QList<PushObjects::LargeBlob>& m_large;
    QSet<QByteArray> m_seen;
    std::vector<std::unique_ptr<PackIndexReader>> m_packs;
    bool m_packsRead = false;
};

Status Collector::tree(const git_tree* tree, const std::vector<Ptr<git_tree>>& parents)
{
    const size_t count = git_tree_entrycount(tree);
    for (size_t i = 0; i < count; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
        const git_oid* id = git_tree_entry_id(entry);
        const git_object_t type = git_tree_entry_type(entry);
        bool inParent = false;
        std::vector<Ptr<git_tree>> subParents;
        for (const Ptr<git_tree>& parent : parents) {
            const git_tree_entry* same = git_tree_entry_byname(parent.get(), git_tree_entry_name(entry));
            if (!same)
                continue;
            if (git_oid_equal(git_tree_entry_id(same), id)) {
                inParent = true;
                break;
            }
            git_tree* sub = nullptr;
            if (type == GIT_OBJECT_TREE && git_tree_entry_type(same) == GIT_OBJECT_TREE &&
                git_tree_lookup(&sub, m_repo, git_tree_entry_id(same)) == 0)
                subParents.emplace_back(sub);
        }
        if (inParent)
            continue;
        if (type == GIT_OBJECT_BLOB) {
            blob(id);
        } else if (type == GIT_OBJECT_TREE && add(id)) {
            git_tree* sub = nullptr;
            if (const int rc = git_tree_lookup(&sub, m_repo, id); rc < 0)
                return lastError(rc, QStringLiteral("cannot read a tree to push"));
            const Ptr<git_tree> owned(sub);
            if (Status s = this->tree(owned.get(), subParents); !s)
                return s;
        } // a submodule's commit is not ours to send
    }
    return Status::success();
}

void Collector::blob(const git_oid* oid)
{
    const QByteArray raw = rawOid(*oid);
    if (m_seen.contains(raw))
        return;
    m_seen.insert(raw);
    if (!m_packsRead) {
        m_packs = PackIndexReader::openAll(QString::fromUtf8(git_repository_path(m_repo)) +
                                           QStringLiteral("objects"));
        m_packsRead = true;
    }
    for (const auto& pack : m_packs) {
        const std::optional<PackIndexReader::Entry> entry = pack->find(raw);
        if (!entry)
            continue;
        const std::optional<PackIndexReader::Header> header = pack->header(*entry);
        if (header && header->type == GIT_OBJECT_BLOB && header->size >= PushObjects::kStreamFrom) {
            m_large.append({raw, *entry});
            return;
        }
    }
    m_objects.append(raw);
}

} // namespace

Result<PushObjects> PushObjects::collect(git_repository* repo, const QByteArray& head,
                                         const QList<QByteArray>& haves)
{
    git_revwalk* rawWalk = nullptr;
    if (const int rc = git_revwalk_new(&rawWalk, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot list the commits to push"));
    const Ptr<git_revwalk> walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    const git_oid headId = oidFromRaw(head);
    if (const int rc = git_revwalk_push(walk.get(), &headId); rc < 0)
        return lastError(rc, QStringLiteral("cannot list the commits to push"));
    Ptr<git_odb> odb;
    {
        git_odb* raw = nullptr;
        if (const int rc = git_repository_odb(&raw, repo); rc < 0)
            return lastError(rc, QStringLiteral("cannot open the object database"));
        odb.reset(raw);
    }
    for (const QByteArray& have : haves) {
        const git_oid id = oidFromRaw(have);
        if (git_odb_exists(odb.get(), &id))
            git_revwalk_hide(walk.get(), &id);
    }
    PushObjects result;
    Collector collector(repo, result.m_objects, result.m_large);
    git_oid id;
    int rc = 0;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
        git_commit* rawCommit = nullptr;
        if (rc = git_commit_lookup(&rawCommit, repo, &id); rc < 0)
            break;
        const Ptr<git_commit> commit(rawCommit);
        collector.add(&id);
        std::vector<Ptr<git_tree>> parents;
        for (unsigned int p = 0; p < git_commit_parentcount(commit.get()); ++p) {
            git_commit* parent = nullptr;
            git_tree* tree = nullptr;
            if (rc = git_commit_parent(&parent, commit.get(), p); rc < 0)
                break;
            const Ptr<git_commit> ownedParent(parent);
            if (rc = git_commit_tree(&tree, parent); rc < 0)
                break;
            parents.emplace_back(tree);
        }
        if (rc < 0)
            break;
        git_tree* rawTree = nullptr;
        if (rc = git_commit_tree(&rawTree, commit.get()); rc < 0)
            break;
        const Ptr<git_tree> tree(rawTree);
        const bool treeInParent = std::any_of(parents.begin(), parents.end(), [&](const Ptr<git_tree>& t) {
            return git_oid_equal(git_tree_id(t.get()), git_tree_id(tree.get()));
        });
        if (treeInParent || !collector.add(git_tree_id(tree.get())))
            continue;
        if (Status s = collector.tree(tree.get(), parents); !s)
            return s.error();
    }
    if (rc != GIT_ITEROVER)
        return lastError(rc, QStringLiteral("cannot list the commits to push"));
    return result;
}

} // namespace ferry::git
