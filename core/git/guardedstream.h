#pragma once

namespace ferry::git {

// libgit2's socket stream replaced by one that connects with a deadline and reports to the thread's
// TransferGuard. Registered before every guarded network call (libgit2 forgets registrations when its
// last user shuts it down); harmless to register again.
class GuardedStream
{
public:
    static void registerWithLibgit2();
};

} // namespace ferry::git
