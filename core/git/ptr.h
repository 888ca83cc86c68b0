#pragma once

// Internal to core/sync sources: owning pointers for libgit2 handles. Public headers never include this
// (nor <git2.h>); they speak hex object ids and plain structs.

#include <git2.h>
#include <memory>

namespace ferry::git {

template <typename T>
struct Free;

#define FERRY_GIT_FREE(type, fn)                                                                             \
    template <>                                                                                              \
    struct Free<type>                                                                                        \
    {                                                                                                        \
        void operator()(type* p) const noexcept { fn(p); } /* NOLINT(bugprone-macro-parentheses): a type */  \
    }

FERRY_GIT_FREE(git_repository, git_repository_free);
FERRY_GIT_FREE(git_remote, git_remote_free);
FERRY_GIT_FREE(git_commit, git_commit_free);
FERRY_GIT_FREE(git_tree, git_tree_free);
FERRY_GIT_FREE(git_blob, git_blob_free);
FERRY_GIT_FREE(git_reference, git_reference_free);
FERRY_GIT_FREE(git_signature, git_signature_free);
FERRY_GIT_FREE(git_odb, git_odb_free);
FERRY_GIT_FREE(git_config, git_config_free);
FERRY_GIT_FREE(git_revwalk, git_revwalk_free);
FERRY_GIT_FREE(git_tree_entry, git_tree_entry_free);
FERRY_GIT_FREE(git_packbuilder, git_packbuilder_free);
#undef FERRY_GIT_FREE

template <typename T>
using Ptr = std::unique_ptr<T, Free<T>>;

} // namespace ferry::git
