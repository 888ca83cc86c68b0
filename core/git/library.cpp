#include "core/git/library.h"

#include <git2.h>

namespace ferry::git {

Library::Library()
{
    git_libgit2_init();
    // Objects and refs are fsynced: the bare clone must survive a power cut as well as state.json does.
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
    // Packs are mapped in 32 MiB windows, at most 64 MiB at once (libgit2: 1 GiB windows, 8 GiB): the
    // pages of a mapped pack count as the process's memory, and reading a 512 MiB blob would otherwise
    // keep the whole pack mapped beside its inflated copy. Old windows are unmapped as a read moves on.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, size_t(32) << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, size_t(64) << 20);
}

Library::~Library()
{
    git_libgit2_shutdown();
}

} // namespace ferry::git
