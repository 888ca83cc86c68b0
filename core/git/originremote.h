#pragma once

#include "core/git/ptr.h"
#include "core/util/result.h"

#include <QString>

namespace ferry::git {

// The "origin" remote of a profile's bare clone, built from the clone's configuration for one fetch,
// push or look at the remote, without `git_remote_lookup`: libgit2 1.5 applies url.<base>.insteadOf
// through a regular-expression walk over every configuration entry, and its `git_regexp_match` returns
// before freeing PCRE2's match data when an entry does not match (about 20 KiB each with PCRE2 10.42;
// fixed after libgit2 1.5). Two such walks a lookup, a lookup a fetch and a push: the tray app grew by
// about 0.7 MiB a cycle. The rewriting itself is kept, by plain string comparison, as git does it.
class OriginRemote
{
public:
    // The remote configured as remote.origin.url (and .pushurl), with insteadOf/pushInsteadOf applied,
    // fetching into refs/remotes/origin/*, no tags.
    static Result<Ptr<git_remote>> open(git_repository* repo, const QString& repoPath);
    // The URL stored as remote.origin.url; "" when there is none.
    static Result<QString> configuredUrl(git_repository* repo);
    // Makes remote.origin.url `url` (creating the remote when there is none), writing only on a change.
    static Status configure(git_repository* repo, const QString& url);

    // `url` rewritten by the longest url.<base>.insteadOf (`push`: pushInsteadOf) value it starts with;
    // "" when none does.
    static QString rewritten(const git_config* config, const QString& url, bool push);
};

} // namespace ferry::git
