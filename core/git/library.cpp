#include "git/library.h"

#include <git2.h>

namespace ferry::git {

Library::Library()
{
    git_libgit2_init();
    // Objects and refs are fsynced: the bare clone must survive a power cut as well as state.json does.
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}

Library::~Library()
{
    git_libgit2_shutdown();
}

} // namespace ferry::git
